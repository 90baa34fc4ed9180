namespace IvigBot.Insights;

/// <summary>
/// A labelled grouping set (tests/IvigBot.Tests/Insights/grouping-*.txt: one group a paragraph, one message a line,
/// '#' comments), with the messages in the order a grouper takes them when each was seen once, and the pairwise score
/// of a grouping against the labels. Shared by the grouper's tests and the benchmark's grouping report.
/// </summary>
public sealed class LabelledGroups
{
    public required IReadOnlyList<string> Texts { get; init; }

    /// <summary>The labelled group of each message.</summary>
    public required IReadOnlyList<int> Labels { get; init; }

    public int GroupCount => Labels.Distinct().Count();

    public static LabelledGroups Read(string path)
    {
        var messages = new List<(string Text, int Label)>();
        var label = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            if (line.Length == 0)
            {
                label++;
                continue;
            }

            messages.Add((line, label));
        }

        // The groupers' order for messages seen equally often.
        messages.Sort((a, b) => string.CompareOrdinal(a.Text, b.Text));
        return new LabelledGroups { Texts = messages.ConvertAll(m => m.Text), Labels = messages.ConvertAll(m => m.Label) };
    }

    /// <summary>
    /// The groups the lexical grouper makes, as a number per message: leader grouping on word overlap alone at its
    /// threshold, checked against <see cref="WordOverlapGrouper"/>'s leads and counts (its groups show only a few
    /// examples, not every member).
    /// </summary>
    public int[] Lexical()
    {
        var lexical = new MeaningGrouping { WordWeight = 1, CommonDirections = -1, Threshold = WordOverlapGrouper.Threshold };
        var clusters = MeaningGrouper.Cluster(Texts, [.. Texts.Select(_ => new float[1])], [], lexical);
        var expected = new WordOverlapGrouper().Group(Texts.Select(t => (t, 1L)), []).Select(g => (g.Question, g.Count)).Order();
        var actual = clusters.GroupBy(c => c).Select(g => (Texts[g.Key], (long)g.Count())).Order();
        return expected.SequenceEqual(actual) ? clusters : throw new InvalidOperationException("Not the lexical grouper's groups.");
    }

    /// <summary>Pairwise precision and recall: of the pairs grouped together, those labelled together, and back.</summary>
    public (double Precision, double Recall, double F1) Score(IReadOnlyList<int> clusters)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        long both = 0, grouped = 0, labelled = 0;
        for (var i = 0; i < clusters.Count; i++)
        {
            for (var j = i + 1; j < clusters.Count; j++)
            {
                var sameGroup = clusters[i] == clusters[j];
                var sameLabel = Labels[i] == Labels[j];
                grouped += sameGroup ? 1 : 0;
                labelled += sameLabel ? 1 : 0;
                both += sameGroup && sameLabel ? 1 : 0;
            }
        }

        var precision = grouped == 0 ? 1 : (double)both / grouped;
        var recall = labelled == 0 ? 1 : (double)both / labelled;
        return (precision, recall, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
    }
}
