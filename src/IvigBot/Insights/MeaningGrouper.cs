using System.Collections.Concurrent;
using System.Numerics.Tensors;
using IvigBot.Content;
using IvigBot.Semantic;

namespace IvigBot.Insights;

/// <summary>How a <see cref="MeaningGrouper"/> compares and joins messages.</summary>
public sealed record MeaningGrouping
{
    /// <summary>
    /// The way chosen on the dev set (tests/IvigBot.Tests/Insights/grouping-dev.txt; docs/benchmarks.md has the
    /// figures of each way): no prefix, the mean and six shared directions out, average linkage at 0.22, no words.
    /// </summary>
    public static readonly MeaningGrouping Chosen = new() { CommonDirections = 6, AverageLinkage = true, Threshold = 0.22 };

    /// <summary>Whether messages are embedded with the model's search-query prefix (as the bot embeds a question).</summary>
    public bool QueryPrefix { get; init; }

    /// <summary>
    /// Directions shared by all questions taken out of the vectors before comparing: -1 none (raw cosine), 0 the mean
    /// (centring), k the mean and then the k principal directions left ("all-but-the-top"). They are found in the
    /// messages together with the FAQ's own phrasings, so that a handful of messages is not centred on itself.
    /// </summary>
    public int CommonDirections { get; init; }

    /// <summary>Average linkage (agglomerative) when true, else single-pass leader grouping.</summary>
    public bool AverageLinkage { get; init; }

    /// <summary>The share of word overlap (<see cref="WordOverlapGrouper.Similarity"/>) in the similarity; the rest is the cosine.</summary>
    public double WordWeight { get; init; }

    /// <summary>The similarity at or above which two messages (or two groups, on average) are joined.</summary>
    public double Threshold { get; init; }
}

/// <summary>
/// Groups messages by meaning (used when <c>Answering:Semantic</c> is on): each distinct message embedded once per
/// report by the shared <see cref="SentenceEmbedder"/>, compared by cosine after taking out the directions that all
/// questions about IVIG share (else every message is close to every other and a threshold merges topics), and joined
/// as <see cref="MeaningGrouping"/> says. The FAQ's phrasings (questions and "also asked as") help find those
/// directions; their vectors come from the bot's vector cache, read at the first report. A message's vector is kept in
/// memory (never on disk) for the next report, so that opening the editor page again embeds only the messages that are
/// new since and reads nothing from disk.
/// </summary>
public sealed class MeaningGrouper(SentenceEmbedder embedder, string vectorCacheFolder, MeaningGrouping grouping) : IQuestionGrouper
{
    /// <summary>
    /// The most frequent messages compared with each other (a similarity matrix of this size squared); each message
    /// past them joins the group it is on average most similar to, when that reaches the threshold.
    /// </summary>
    public const int MaxCompared = 1000;

    /// <summary>
    /// The most vectors kept between reports, of messages and of the FAQ's phrasings each (1.5 KB each); when full, the
    /// kept vectors are dropped and gathered again.
    /// </summary>
    public const int MaxKeptVectors = 20_000;

    /// <summary>Each (redacted) message's unit vector, from earlier reports.</summary>
    private readonly ConcurrentDictionary<string, float[]> _kept = new(StringComparer.Ordinal);

    /// <summary>Each FAQ phrasing's unit vector, read once from the vector cache rather than at every report.</summary>
    private readonly ConcurrentDictionary<string, float[]> _phrasings = new(StringComparer.Ordinal);

    /// <summary>How many message vectors are kept for the next report.</summary>
    public int KeptVectors => _kept.Count;

    public IReadOnlyList<QuestionGroup> Group(IEnumerable<(string Text, long Count)> messages, IReadOnlyCollection<FaqDocument> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(entries);
        var ordered = messages.OrderByDescending(m => m.Count).ThenBy(m => m.Text, StringComparer.Ordinal).ToList();
        if (ordered.Count == 0)
        {
            return [];
        }

        var texts = ordered.ConvertAll(m => m.Text);
        var clusters = Cluster(texts, entries, cancellationToken);
        return [.. Enumerable.Range(0, ordered.Count)
            .GroupBy(i => clusters[i])
            .Select(g => new QuestionGroup(texts[g.First()], g.Sum(i => ordered[i].Count), [.. g.Skip(1).Take(QuestionGroup.MaxExamples).Select(i => texts[i])]))
            .OrderByDescending(g => g.Count)];
    }

    /// <summary>The group of each of <paramref name="texts"/> (in order of priority), as <see cref="Cluster(IReadOnlyList{string}, float[][], float[][], MeaningGrouping)"/> numbers them.</summary>
    public int[] Cluster(IReadOnlyList<string> texts, IReadOnlyCollection<FaqDocument> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(entries);
        var phrasings = entries.SelectMany(e => e.Alternates.Prepend(e.Question)).Select(p => grouping.QueryPrefix ? SentenceEmbedder.QueryPrefix + p : p).ToList();
        var background = Kept(_phrasings, phrasings, missing => DocumentVectorCache.Embed(embedder, missing, vectorCacheFolder, cancellationToken));
        var vectors = Kept(_kept, texts, missing => Embed(embedder, missing, grouping.QueryPrefix, cancellationToken));
        return Cluster(texts, vectors, background, grouping);
    }

    /// <summary>The vectors of <paramref name="texts"/>: those in <paramref name="kept"/>, the others from <paramref name="embed"/> (and kept).</summary>
    private static float[][] Kept(ConcurrentDictionary<string, float[]> kept, IReadOnlyList<string> texts, Func<IReadOnlyList<string>, float[][]> embed)
    {
        var vectors = new float[texts.Count][];
        var missing = new List<int>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (kept.TryGetValue(texts[i], out var vector))
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

        var embedded = embed([.. missing.Select(i => texts[i])]);
        if (kept.Count + embedded.Length > MaxKeptVectors)
        {
            kept.Clear();
        }

        for (var k = 0; k < missing.Count; k++)
        {
            vectors[missing[k]] = embedded[k];
            if (kept.Count < MaxKeptVectors)
            {
                kept.TryAdd(texts[missing[k]], embedded[k]);
            }
        }

        return vectors;
    }

    /// <summary>The unit vectors of <paramref name="texts"/>.</summary>
    public static float[][] Embed(SentenceEmbedder embedder, IReadOnlyList<string> texts, bool queryPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(texts);
        return embedder.EmbedDocuments(queryPrefix ? [.. texts.Select(t => SentenceEmbedder.QueryPrefix + t)] : texts, cancellationToken);
    }

    /// <summary>
    /// The group of each message (messages in order of priority: a group is led by its first), given their
    /// <paramref name="vectors"/> and those of other questions of the domain (<paramref name="background"/>, may be
    /// empty); a group's number is the index of its first message.
    /// </summary>
    public static int[] Cluster(IReadOnlyList<string> texts, float[][] vectors, float[][] background, MeaningGrouping grouping)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(background);
        ArgumentNullException.ThrowIfNull(grouping);
        var adjusted = RemoveCommonDirections(vectors, background, grouping.CommonDirections);
        var words = grouping.WordWeight > 0 ? texts.Select(WordOverlapGrouper.Words).ToArray() : [];
        double Similarity(int i, int j) => (1 - grouping.WordWeight) * TensorPrimitives.Dot(adjusted[i], adjusted[j])
            + (grouping.WordWeight > 0 ? grouping.WordWeight * WordOverlapGrouper.Similarity(texts[i], words[i], texts[j], words[j]) : 0);

        var n = Math.Min(texts.Count, MaxCompared);
        var similarity = new float[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                similarity[i * n + j] = similarity[j * n + i] = (float)Similarity(i, j);
            }
        }

        var clusters = grouping.AverageLinkage ? Average(similarity, n, grouping.Threshold) : Leader(similarity, n, grouping.Threshold);
        Array.Resize(ref clusters, texts.Count);
        var members = Enumerable.Range(0, n).GroupBy(i => clusters[i]).ToList();
        for (var i = n; i < texts.Count; i++)
        {
            var (best, group) = members.Select(g => (Similarity: g.Average(j => Similarity(i, j)), g.Key)).MaxBy(g => g.Similarity);
            clusters[i] = best >= grouping.Threshold ? group : i;
        }

        return clusters;
    }

    /// <summary>Each message joins the first group whose leading message is similar enough, else leads a new one.</summary>
    private static int[] Leader(float[] similarity, int n, double threshold)
    {
        var cluster = new int[n];
        var leads = new List<int>();
        for (var i = 0; i < n; i++)
        {
            var lead = leads.FindIndex(l => similarity[l * n + i] >= threshold);
            cluster[i] = lead < 0 ? i : leads[lead];
            if (lead < 0)
            {
                leads.Add(i);
            }
        }

        return cluster;
    }

    /// <summary>
    /// Average-linkage agglomerative grouping cut at <paramref name="threshold"/>: the two groups with the highest average
    /// similarity are joined while it is at least the threshold. Found by nearest-neighbour chains (O(n²)): a pair of
    /// groups nearest to each other below the threshold is final, as joining others never brings them closer.
    /// </summary>
    private static int[] Average(float[] similarity, int n, double threshold)
    {
        var size = Enumerable.Repeat(1, n).ToArray();
        var parent = Enumerable.Range(0, n).ToArray();
        var active = new HashSet<int>(Enumerable.Range(0, n));
        var chain = new List<int>();
        while (active.Count > 1)
        {
            if (chain.Count == 0)
            {
                chain.Add(active.First());
            }

            var top = chain[^1];
            var previous = chain.Count > 1 ? chain[^2] : -1;
            var nearest = previous;
            var best = previous >= 0 ? similarity[top * n + previous] : float.NegativeInfinity;
            foreach (var other in active)
            {
                if (other != top && similarity[top * n + other] > best)
                {
                    best = similarity[top * n + other];
                    nearest = other;
                }
            }

            if (nearest != previous)
            {
                chain.Add(nearest);
                continue;
            }

            chain.RemoveRange(chain.Count - 2, 2);
            active.Remove(top);
            active.Remove(previous);
            if (best < threshold)
            {
                continue; // nearest to each other and still too far: both groups are final
            }

            // Join top into previous; the Lance-Williams update keeps averages over all pairs of messages.
            foreach (var other in active)
            {
                var joined = (size[previous] * similarity[previous * n + other] + size[top] * similarity[top * n + other]) / (size[previous] + size[top]);
                similarity[previous * n + other] = similarity[other * n + previous] = joined;
            }

            size[previous] += size[top];
            parent[top] = previous;
            active.Add(previous);
        }

        var cluster = new int[n];
        for (var i = 0; i < n; i++)
        {
            var root = i;
            while (parent[root] != root)
            {
                root = parent[root];
            }

            cluster[i] = root;
        }

        // Number each group by its first message.
        var first = new Dictionary<int, int>();
        for (var i = 0; i < n; i++)
        {
            cluster[i] = first.TryAdd(cluster[i], i) ? i : first[cluster[i]];
        }

        return cluster;
    }

    /// <summary>
    /// <paramref name="vectors"/> as unit vectors with the mean (and then the first <paramref name="directions"/>
    /// principal directions) of them and the <paramref name="background"/> taken out.
    /// </summary>
    private static float[][] RemoveCommonDirections(float[][] vectors, float[][] background, int directions)
    {
        if (directions < 0 || vectors.Length == 0)
        {
            return vectors;
        }

        var dimensions = vectors[0].Length;
        float[][] centred = [.. vectors.Concat(background).Select(v => v.ToArray())];
        var mean = new float[dimensions];
        foreach (var v in centred)
        {
            TensorPrimitives.Add(mean, v, mean);
        }

        TensorPrimitives.Divide(mean, centred.Length, mean);
        foreach (var v in centred)
        {
            TensorPrimitives.Subtract(v, mean, v);
        }

        for (var k = 0; k < directions; k++)
        {
            var direction = PrincipalDirection(centred);
            foreach (var v in centred)
            {
                TensorPrimitives.MultiplyAdd(direction, -TensorPrimitives.Dot(v, direction), v, v);
            }
        }

        var adjusted = centred[..vectors.Length];
        foreach (var v in adjusted)
        {
            var norm = TensorPrimitives.Norm(v);
            if (norm > 0)
            {
                TensorPrimitives.Divide(v, norm, v);
            }
        }

        return adjusted;
    }

    /// <summary>The direction of most variance of centred vectors, by power iteration.</summary>
    private static float[] PrincipalDirection(float[][] vectors)
    {
        var dimensions = vectors[0].Length;
        var direction = new float[dimensions];
        direction.AsSpan().Fill(1 / MathF.Sqrt(dimensions));
        var next = new float[dimensions];
        for (var iteration = 0; iteration < 50; iteration++)
        {
            Array.Clear(next);
            foreach (var v in vectors)
            {
                TensorPrimitives.MultiplyAdd(v, TensorPrimitives.Dot(v, direction), next, next);
            }

            var norm = TensorPrimitives.Norm(next);
            if (norm == 0)
            {
                return next;
            }

            TensorPrimitives.Divide(next, norm, next);
            (direction, next) = (next, direction);
        }

        return direction;
    }
}
