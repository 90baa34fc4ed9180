using IvigBot.Core.Tests.Infrastructure;
using IvigBot.Semantic;

namespace IvigBot.Core.Tests.Semantic;

public class DocumentVectorCacheTests
{
    private const int RecordBytes = 32 + (SentenceEmbedder.Dimensions * sizeof(float));

    private static readonly SentenceEmbedder Embedder = SentenceEmbedder.Shared;

    private static long CacheBytes(TempFolder folder) => new FileInfo(Path.Combine(folder.Path, DocumentVectorCache.FileName(Embedder))).Length;

    [Fact]
    public void Vectors_from_the_cache_equal_freshly_encoded_ones_and_only_new_texts_are_added()
    {
        using var folder = new TempFolder();
        string[] texts = ["What is IVIG?", "How long does an infusion take?", "What is IVIG?"];

        var first = DocumentVectorCache.Embed(Embedder, texts, folder.Path);
        Assert.Equal(2 * RecordBytes, CacheBytes(folder)); // the repeated text is stored once
        var again = DocumentVectorCache.Embed(Embedder, [.. texts, "Who pays for IVIG?"], folder.Path);

        Assert.Equal(3 * RecordBytes, CacheBytes(folder));
        var fresh = Embedder.EmbedDocuments([.. texts, "Who pays for IVIG?"]);
        for (var i = 0; i < fresh.Length; i++)
        {
            Assert.Equal(1, SentenceEmbedder.Cosine(again[i], fresh[i]), 3);
        }

        Assert.Equal(first[0], first[2]);
    }

    [Fact]
    public void A_record_cut_short_or_damaged_is_ignored_and_encoded_again()
    {
        using var folder = new TempFolder();
        DocumentVectorCache.Embed(Embedder, ["What is IVIG?", "Who pays for IVIG?"], folder.Path);
        var path = Path.Combine(folder.Path, DocumentVectorCache.FileName(Embedder));
        var bytes = File.ReadAllBytes(path);
        bytes[RecordBytes + 32 + 3] ^= 0x40; // the exponent of the second record's first number: its vector is no longer of unit length
        File.WriteAllBytes(path, [.. bytes, .. new byte[100]]); // and a crash left part of a record

        var vectors = DocumentVectorCache.Embed(Embedder, ["What is IVIG?", "Who pays for IVIG?"], folder.Path);

        var fresh = Embedder.EmbedDocuments(["What is IVIG?", "Who pays for IVIG?"]);
        Assert.Equal(1, SentenceEmbedder.Cosine(vectors[1], fresh[1]), 3);
        Assert.Equal(0, CacheBytes(folder) % RecordBytes);
        Assert.Equal(4 * RecordBytes, CacheBytes(folder)); // two records, the padded partial one, the second again
    }

    [Fact]
    public void The_file_is_named_after_the_vector_the_model_makes_of_a_fixed_text_so_other_arithmetic_gets_another_file()
    {
        var vector = Embedder.EmbedDocuments([SentenceEmbedder.FingerprintText])[0];
        var nudged = (float[])vector.Clone();
        nudged[0] = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(nudged[0]) ^ 1); // the last bit of one number

        Assert.Equal(SentenceEmbedder.FingerprintOf(vector), Embedder.Fingerprint);
        Assert.Equal($"arctic-embed-xs-int8-{Embedder.Fingerprint}.vectors", DocumentVectorCache.FileName(Embedder));
        Assert.NotEqual(Embedder.Fingerprint, SentenceEmbedder.FingerprintOf(nudged));
        using var another = new SentenceEmbedder(quantized: true);
        Assert.Equal(Embedder.Fingerprint, another.Fingerprint);
    }

    [Fact]
    public void The_int8_and_the_float_models_vectors_are_kept_in_separate_files_and_never_mixed()
    {
        using var folder = new TempFolder();
        var full = SentenceEmbedder.For(quantized: false);
        string[] texts = ["What is IVIG?"];

        var quantized = DocumentVectorCache.Embed(Embedder, texts, folder.Path);
        var unquantized = DocumentVectorCache.Embed(full, texts, folder.Path);

        Assert.NotEqual(DocumentVectorCache.FileName(Embedder), DocumentVectorCache.FileName(full));
        Assert.Equal(RecordBytes, new FileInfo(Path.Combine(folder.Path, DocumentVectorCache.FileName(full))).Length);
        Assert.Equal(RecordBytes, CacheBytes(folder));
        Assert.Equal(full.EmbedDocuments(texts)[0], unquantized[0]);
        Assert.NotEqual(quantized[0], unquantized[0]);
    }
}
