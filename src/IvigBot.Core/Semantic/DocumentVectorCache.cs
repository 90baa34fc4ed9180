using System.Security.Cryptography;
using System.Text;

namespace IvigBot.Semantic;

/// <summary>
/// Document vectors kept on disk between runs, keyed by the SHA-256 of the text, so that a start-up or a reload
/// encodes only the texts it has not seen (encoding the shipped FAQ's ~860 texts takes several seconds; reading them
/// takes milliseconds). One append-only file of fixed-size records (hash, then the vector); a record cut short by a
/// crash, or whose vector is not of unit length, is ignored. The cache is only an optimisation: when the file cannot
/// be read or written, the texts are encoded as if it were empty.
/// </summary>
public static class DocumentVectorCache
{
    /// <summary>
    /// The cache file's name in its folder for <paramref name="embedder"/>'s vectors: names the model, whether it is
    /// the int8 one, and its <see cref="SentenceEmbedder.Fingerprint"/>, so that vectors made by other arithmetic (the
    /// float model, an earlier quantization, a developer's experiment, another ONNX Runtime) are never read.
    /// </summary>
    public static string FileName(SentenceEmbedder embedder)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        return $"arctic-embed-xs{(embedder.Quantized ? "-int8" : string.Empty)}-{embedder.Fingerprint}.vectors";
    }

    /// <summary>A file past this size is started afresh instead of read (texts edited again and again).</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    private const int HashBytes = 32;
    private const int RecordBytes = HashBytes + (SentenceEmbedder.Dimensions * sizeof(float));

    /// <summary>The vectors of <paramref name="texts"/> (documents, no query prefix), from the cache in <paramref name="folder"/> or encoded and added to it.</summary>
    public static float[][] Embed(SentenceEmbedder embedder, IReadOnlyList<string> texts, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var path = Path.Combine(folder, FileName(embedder));
        var cached = Read(path);
        var vectors = new float[texts.Count][];
        var missing = new List<int>();
        var keys = new string[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            keys[i] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(texts[i])));
            if (cached.TryGetValue(keys[i], out var vector))
            {
                vectors[i] = vector;
            }
            else
            {
                missing.Add(i);
            }
        }

        if (missing.Count == 0)
        {
            return vectors;
        }

        var distinct = missing.DistinctBy(i => keys[i]).ToList();
        var encoded = embedder.EmbedDocuments([.. distinct.Select(i => texts[i])], cancellationToken);
        var byKey = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var k = 0; k < distinct.Count; k++)
        {
            byKey[keys[distinct[k]]] = encoded[k];
        }

        foreach (var i in missing)
        {
            vectors[i] = byKey[keys[i]];
        }

        Append(path, byKey);
        return vectors;
    }

    private static Dictionary<string, float[]> Read(string path)
    {
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > MaxFileBytes)
            {
                return vectors;
            }

            var bytes = File.ReadAllBytes(path);
            for (var offset = 0; offset + RecordBytes <= bytes.Length; offset += RecordBytes)
            {
                var vector = new float[SentenceEmbedder.Dimensions];
                Buffer.BlockCopy(bytes, offset + HashBytes, vector, 0, SentenceEmbedder.Dimensions * sizeof(float));
                var norm = System.Numerics.Tensors.TensorPrimitives.Norm<float>(vector);
                if (float.IsFinite(norm) && Math.Abs(norm - 1) < 1e-3)
                {
                    vectors[Convert.ToHexString(bytes, offset, HashBytes)] = vector;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Encode everything instead.
        }

        return vectors;
    }

    private static void Append(string path, Dictionary<string, float[]> vectors)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var fresh = File.Exists(path) && new FileInfo(path).Length > MaxFileBytes;
            // FileShare.Read: one writer at a time (another process finds the file busy and skips writing).
            using var file = new FileStream(path, fresh ? FileMode.Create : FileMode.Append, FileAccess.Write, FileShare.Read);
            // Start on a record boundary even after a record cut short.
            var partial = file.Length % RecordBytes;
            if (partial != 0)
            {
                file.Write(new byte[RecordBytes - partial]);
            }

            var record = new byte[RecordBytes];
            foreach (var (key, vector) in vectors)
            {
                Convert.FromHexString(key).CopyTo(record, 0);
                Buffer.BlockCopy(vector, 0, record, HashBytes, SentenceEmbedder.Dimensions * sizeof(float));
                file.Write(record);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Busy or read-only: the next start-up encodes these texts again.
        }
    }
}
