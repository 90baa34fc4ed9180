using System.Numerics.Tensors;
using IvigBot.Content;

namespace IvigBot.Semantic;

/// <summary>How close a message is in meaning to one document: its closest phrasing (question or alternate) and its answer.</summary>
/// <param name="Question">The cosine of the closest of the document's question and alternates.</param>
/// <param name="Answer">The cosine of the answer (or passage) text.</param>
public readonly record struct MeaningSimilarity(double Question, double Answer);

/// <summary>
/// The sentence vectors of every document of an index (same order as <see cref="Search.FaqIndex.Documents"/>): one
/// per question and alternate, one for the answer or passage text. Built with the index, when the content is loaded
/// or reloaded, and swapped in with it. Immutable and thread-safe.
/// </summary>
public sealed class SemanticIndex
{
    private readonly float[] _phrasings;
    private readonly int[] _phrasingDocument;
    private readonly float[] _answers;
    private readonly int _count;
    private readonly float[] _centroid;

    private SemanticIndex(float[] phrasings, int[] phrasingDocument, float[] answers, int count, SentenceEmbedder embedder)
    {
        _centroid = Centroid(answers, count);
        _phrasings = phrasings;
        _phrasingDocument = phrasingDocument;
        _answers = answers;
        _count = count;
        Embedder = embedder;
    }

    /// <summary>The encoder the vectors were made with; messages must be encoded with it too.</summary>
    public SentenceEmbedder Embedder { get; }

    /// <summary>Encodes every document's phrasings and answer (through the cache in <paramref name="cacheFolder"/>).</summary>
    public static SemanticIndex Build(IReadOnlyList<FaqDocument> documents, SentenceEmbedder embedder, string cacheFolder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(embedder);
        var texts = new List<string>();
        var owners = new List<int>();
        foreach (var (document, ordinal) in documents.Select((d, i) => (d, i)))
        {
            foreach (var phrasing in document.Alternates.Prepend(document.Question))
            {
                texts.Add(phrasing);
                owners.Add(ordinal);
            }
        }

        var phrasingCount = texts.Count;
        texts.AddRange(documents.Select(d => d.Answer));
        var vectors = DocumentVectorCache.Embed(embedder, texts, cacheFolder, cancellationToken);
        return new SemanticIndex(
            Flatten(vectors.Take(phrasingCount)),
            [.. owners],
            Flatten(vectors.Skip(phrasingCount)),
            documents.Count,
            embedder);
    }

    /// <summary>The vector of a patient's message, to pass to <see cref="Compare"/>.</summary>
    public float[] Embed(string message, CancellationToken cancellationToken = default) => Embedder.EmbedQuery(message, cancellationToken);

    /// <summary>How close <paramref name="message"/> (from <see cref="Embed"/>) is to each document, by document ordinal.</summary>
    public MeaningSimilarity[] Compare(float[] message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var question = new double[_count];
        Array.Fill(question, -1);
        var span = message.AsSpan();
        for (var row = 0; row < _phrasingDocument.Length; row++)
        {
            var cosine = TensorPrimitives.Dot(span, _phrasings.AsSpan(row * SentenceEmbedder.Dimensions, SentenceEmbedder.Dimensions));
            ref var best = ref question[_phrasingDocument[row]];
            best = Math.Max(best, cosine);
        }

        var similarities = new MeaningSimilarity[_count];
        for (var d = 0; d < _count; d++)
        {
            similarities[d] = new MeaningSimilarity(question[d], TensorPrimitives.Dot(span, _answers.AsSpan(d * SentenceEmbedder.Dimensions, SentenceEmbedder.Dimensions)));
        }

        return similarities;
    }

    /// <summary>
    /// How close <paramref name="message"/> is to what the whole bank is about: its cosine with the mean of the answers'
    /// vectors. An off-topic message that shares a word with one entry ("a blood pressure monitor") is far from it.
    /// </summary>
    public double Topicality(float[] message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return TensorPrimitives.Dot(message.AsSpan(), _centroid);
    }

    /// <summary>The unit-length mean of <paramref name="count"/> vectors laid end to end.</summary>
    private static float[] Centroid(float[] vectors, int count)
    {
        var centroid = new float[SentenceEmbedder.Dimensions];
        for (var d = 0; d < count; d++)
        {
            TensorPrimitives.Add(centroid, vectors.AsSpan(d * SentenceEmbedder.Dimensions, SentenceEmbedder.Dimensions), centroid);
        }

        var norm = TensorPrimitives.Norm<float>(centroid);
        if (norm > 0)
        {
            TensorPrimitives.Divide(centroid, norm, centroid);
        }

        return centroid;
    }

    private static float[] Flatten(IEnumerable<float[]> vectors) => [.. vectors.SelectMany(v => v)];
}
