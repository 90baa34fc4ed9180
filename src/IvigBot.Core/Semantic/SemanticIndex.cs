using System.Numerics.Tensors;
using IvigBot.Content;
using IvigBot.Search;

namespace IvigBot.Semantic;

/// <summary>How close a message is in meaning to one document: its closest phrasing (question or alternate), its answer, and the two read together.</summary>
/// <param name="Question">The cosine of the closest of the document's question and alternates.</param>
/// <param name="Answer">The cosine of the answer (or passage) text.</param>
/// <param name="Document">The cosine of the question and answer (a passage's title and text) encoded together as one text.</param>
public readonly record struct MeaningSimilarity(double Question, double Answer, double Document);

/// <summary>
/// The sentence vectors of every document of an index (same order as <see cref="Search.FaqIndex.Documents"/>): one
/// per question and alternate, one for the answer or passage text, one for the question and answer together
/// (<see cref="DocumentText"/>). Built with the index, when the content is loaded
/// or reloaded, and swapped in with it. Immutable and thread-safe.
/// </summary>
public sealed class SemanticIndex
{
    private readonly float[] _phrasings;
    private readonly int[] _phrasingDocument;
    private readonly float[] _answers;
    private readonly float[] _documents;
    private readonly int _count;
    private readonly float[] _centroid;

    private SemanticIndex(float[] phrasings, int[] phrasingDocument, float[] answers, float[] documents, int count, bool phrased, SentenceEmbedder embedder)
    {
        Phrased = phrased;
        _centroid = Centroid(answers, count);
        _phrasings = phrasings;
        _phrasingDocument = phrasingDocument;
        _answers = answers;
        _documents = documents;
        _count = count;
        Embedder = embedder;
    }

    /// <summary>
    /// Whether at least half of the bank's entries have "also asked as" phrasings (alternates), as the shipped FAQ's
    /// have; a public benchmark's bank (question and answer only) has none. It chooses the order's weights
    /// (<see cref="SemanticWeights.Order"/>).
    /// </summary>
    public bool Phrased { get; }

    /// <summary>The encoder the vectors were made with; messages must be encoded with it too.</summary>
    public SentenceEmbedder Embedder { get; }

    /// <summary>
    /// The text of a document read as a whole: its question (a passage's "title: heading") and its answer (the passage
    /// text), as a public benchmark's bank entry is one question and one answer. It tells which entry a message is
    /// about even when the entry has no "also asked as" phrasings close to the message's words.
    /// </summary>
    public static string DocumentText(FaqDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return $"{document.Question}\n{document.Answer}";
    }

    /// <summary>Encodes every document's phrasings, answer and whole text (through the cache in <paramref name="cacheFolder"/>).</summary>
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
        texts.AddRange(documents.Select(DocumentText));
        var vectors = DocumentVectorCache.Embed(embedder, texts, cacheFolder, cancellationToken);
        return new SemanticIndex(
            Flatten(vectors.Take(phrasingCount)),
            [.. owners],
            Flatten(vectors.Skip(phrasingCount).Take(documents.Count)),
            Flatten(vectors.Skip(phrasingCount + documents.Count)),
            documents.Count,
            FaqIndex.IsPhrased(documents),
            embedder);
    }

    /// <summary>The vector of a patient's message, to pass to <see cref="Compare"/>.</summary>
    public float[] Embed(string message, CancellationToken cancellationToken = default) => Embedder.EmbedQuery(message, cancellationToken);

    /// <summary>As <see cref="Embed"/>, waiting for a busy model without holding a thread.</summary>
    public ValueTask<float[]> EmbedAsync(string message, CancellationToken cancellationToken = default) => Embedder.EmbedQueryAsync(message, cancellationToken);

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
            var at = d * SentenceEmbedder.Dimensions;
            similarities[d] = new MeaningSimilarity(
                question[d],
                TensorPrimitives.Dot(span, _answers.AsSpan(at, SentenceEmbedder.Dimensions)),
                TensorPrimitives.Dot(span, _documents.AsSpan(at, SentenceEmbedder.Dimensions)));
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
