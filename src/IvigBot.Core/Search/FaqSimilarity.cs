using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace IvigBot.Search;

/// <summary>
/// <see cref="BM25Similarity"/> with exact field lengths for short fields. Lucene 4.8 stores a field's length in one byte
/// as a small float (1/√length with a 3-bit mantissa), so a question of 5 words and one of 7 words normalise the
/// same; FAQ questions are mostly that short. Here a length up to <see cref="ExactLengths"/> − 1 tokens is stored as it
/// is, and longer fields (answers, passages, an entry's many phrasings) in steps of 6%. Index-time boosts are not used and not stored.
/// </summary>
public sealed class FaqSimilarity(float k1, float b) : BM25Similarity(k1, b)
{
    /// <summary>Byte values below this are the length itself.</summary>
    private const int ExactLengths = 160;

    /// <summary>The ratio between two neighbouring stored lengths above <see cref="ExactLengths"/>.</summary>
    private const double Step = 1.06;

    protected override byte EncodeNormValue(float boost, int fieldLength) => EncodeLength(fieldLength);

    /// <summary>The idf of a term, without the formatted description Lucene builds for every term of every query.</summary>
    public override Explanation IdfExplain(CollectionStatistics collectionStats, TermStatistics termStats)
    {
        ArgumentNullException.ThrowIfNull(collectionStats);
        ArgumentNullException.ThrowIfNull(termStats);
        return new Explanation(Idf(termStats.DocFreq, collectionStats.MaxDoc), "idf");
    }

    /// <summary>The idf of a phrase: the sum of its terms' (as Lucene's), without formatted descriptions.</summary>
    public override Explanation IdfExplain(CollectionStatistics collectionStats, TermStatistics[] termStats)
    {
        ArgumentNullException.ThrowIfNull(collectionStats);
        ArgumentNullException.ThrowIfNull(termStats);
        var idf = 0f;
        foreach (var term in termStats)
        {
            idf += Idf(term.DocFreq, collectionStats.MaxDoc);
        }

        return new Explanation(idf, "idf");
    }

    protected override float DecodeNormValue(byte b) => DecodeLength(b);

    /// <summary>The byte stored for a field of <paramref name="length"/> tokens.</summary>
    internal static byte EncodeLength(int length)
    {
        if (length < ExactLengths)
        {
            return (byte)length;
        }

        var bucket = (int)Math.Round(Math.Log(length / (double)(ExactLengths - 1)) / Math.Log(Step));
        return (byte)Math.Min(byte.MaxValue, ExactLengths - 1 + bucket);
    }

    /// <summary>The field length BM25 reads back from a stored byte.</summary>
    internal static float DecodeLength(byte value) => Lengths[value];

    /// <summary>
    /// The length of each stored byte, computed once: Lucene decodes all 256 for every term of every query when it
    /// builds the term's BM25 weight.
    /// </summary>
    private static readonly float[] Lengths = [.. Enumerable.Range(0, 256).Select(value =>
        value < ExactLengths ? value : (float)((ExactLengths - 1) * Math.Pow(Step, value - (ExactLengths - 1))))];
}
