using System.Globalization;
using IvigBot.Answering;
using IvigBot.Content;
using IvigBot.Insights;
using IvigBot.Semantic;

namespace IvigBot.Benchmarks;

/// <summary>
/// How well ways of grouping unanswered messages find the labelled groups of a set (pairwise precision, recall, F1):
/// each way's threshold is the best on the dev set, and the test set, when given, is measured at that threshold.
/// </summary>
public static class GroupingReport
{
    private static readonly double[] WordWeights = [0, 0.25, 0.5];

    private static readonly Lazy<IReadOnlyList<string>> FaqPhrasings = new(() =>
        [.. FaqContentLoader.Load("faq").Entries.SelectMany(e => e.Alternates.Prepend(e.Question))]);

    /// <summary>Vectors by text list and prefix: each set is embedded once per prefix.</summary>
    private static readonly Dictionary<(IReadOnlyList<string> Texts, bool Prefix), float[][]> Embedded = [];

    public static int Run(string devPath, string? testPath, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        var dev = LabelledGroups.Read(devPath);
        var test = testPath is null ? null : LabelledGroups.Read(testPath);
        output.WriteLine($"dev: {dev.Texts.Count} messages in {dev.GroupCount} groups{(test is null ? "" : $"; test: {test.Texts.Count} in {test.GroupCount}")}");
        output.WriteLine();
        output.WriteLine("| method | threshold | dev P | dev R | dev F1 |" + (test is null ? "" : " test P | test R | test F1 |") + " dev F1 at threshold -0.04, -0.02, +0.02, +0.04 |");
        output.WriteLine("|---|---:|---:|---:|---:|" + (test is null ? "" : "---:|---:|---:|") + "---|");

        var shipped = dev.Score(dev.Lexical());
        var shippedTest = test is null ? default : test.Score(test.Lexical());
        output.WriteLine(string.Create(c, $"| lexical (WordOverlapGrouper, shipped) | {WordOverlapGrouper.Threshold:F2} | {shipped.Precision:F2} | {shipped.Recall:F2} | {shipped.F1:F2} |")
            + (test is null ? "" : string.Create(c, $" {shippedTest.Precision:F2} | {shippedTest.Recall:F2} | {shippedTest.F1:F2} |")) + " |");

        // (name, way, directions found with the FAQ's phrasings too)
        var ways = new List<(string Name, MeaningGrouping Grouping, bool Faq)>();
        foreach (var linkage in new[] { false, true })
        {
            var joined = linkage ? "average linkage" : "leader";
            ways.Add(($"words only, {joined}", new MeaningGrouping { WordWeight = 1, CommonDirections = -1, AverageLinkage = linkage }, false));
            foreach (var prefix in new[] { false, true })
            {
                foreach (var directions in new[] { -1, 0, 2, 3, 6, 8 })
                {
                    foreach (var faq in directions < 0 ? [false] : new[] { false, true })
                    {
                        foreach (var words in WordWeights)
                        {
                            var name = string.Create(c, $"{(directions < 0 ? "raw cosine" : directions == 0 ? "centred" : $"centred, -{directions} directions")}{(faq ? " (with FAQ)" : "")}{(prefix ? ", prefix" : "")}{(words > 0 ? $", +{words:F2} words" : "")}, {joined}");
                            ways.Add((name, new MeaningGrouping { QueryPrefix = prefix, CommonDirections = directions, WordWeight = words, AverageLinkage = linkage }, faq));
                        }
                    }
                }
            }
        }

        var chosen = (Name: "**chosen: MeaningGrouping.Chosen (shipped)**", Grouping: MeaningGrouping.Chosen, Faq: true);
        var chosenDev = dev.Score(Cluster(dev, chosen.Grouping, chosen.Faq));
        var chosenLine = string.Create(c, $"| {chosen.Name} | {chosen.Grouping.Threshold:F2} | {chosenDev.Precision:F2} | {chosenDev.Recall:F2} | {chosenDev.F1:F2} |");
        if (test is not null)
        {
            var t = test.Score(Cluster(test, chosen.Grouping, chosen.Faq));
            chosenLine += string.Create(c, $" {t.Precision:F2} | {t.Recall:F2} | {t.F1:F2} |");
        }

        output.WriteLine(chosenLine + " |");
        foreach (var (name, grouping, faq) in ways)
        {
            var best = Enumerable.Range(-20, 116).Select(t => grouping with { Threshold = t / 100.0 })
                .Select(g => (Grouping: g, Score: dev.Score(Cluster(dev, g, faq))))
                .MaxBy(s => s.Score.F1);
            var line = string.Create(c, $"| {name} | {best.Grouping.Threshold:F2} | {best.Score.Precision:F2} | {best.Score.Recall:F2} | {best.Score.F1:F2} |");
            if (test is not null)
            {
                var t = test.Score(Cluster(test, best.Grouping, faq));
                line += string.Create(c, $" {t.Precision:F2} | {t.Recall:F2} | {t.F1:F2} |");
            }

            var near = string.Join(" ", new[] { -0.04, -0.02, 0.02, 0.04 }.Select(d => dev.Score(Cluster(dev, best.Grouping with { Threshold = best.Grouping.Threshold + d }, faq)).F1.ToString("F2", c)));
            output.WriteLine(line + $" {near} |");
        }

        output.WriteLine();
        output.WriteLine("Time to group a report's distinct messages by meaning (MeaningGrouper.Group: embedding them, the FAQ's phrasings from the vector cache, grouping):");
        var grouper = new MeaningGrouper(SentenceEmbedder.Shared, new AnsweringOptions().EffectiveVectorCacheFolder, MeaningGrouping.Chosen);
        var entries = FaqContentLoader.Load("faq").Entries.ToList();
        var pool = dev.Texts.Concat(test?.Texts ?? []).ToList();
        grouper.Group(pool.Take(10).Select(t => (t, 1L)), entries); // the model and the cache loaded
        foreach (var size in new[] { 100, 1000, 5000 })
        {
            var messages = Enumerable.Range(0, size).Select(i => (i < pool.Count ? pool[i] : $"{pool[i % pool.Count]} ({i / pool.Count})", 1L)).ToList();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var groups = grouper.Group(messages, entries);
            output.WriteLine(string.Create(c, $"- {size} messages: {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s ({groups.Count} groups)"));
        }

        output.WriteLine();
        output.WriteLine("Groups of the chosen way on the dev set that mix labelled groups (label: message):");
        foreach (var group in Cluster(dev, chosen.Grouping, chosen.Faq).Select((g, i) => (g, i)).GroupBy(x => x.g).Where(g => g.Select(x => dev.Labels[x.i]).Distinct().Count() > 1))
        {
            output.WriteLine("- " + string.Join(" / ", group.Select(x => $"{dev.Labels[x.i]}: {dev.Texts[x.i]}")));
        }

        return 0;
    }

    /// <summary>The groups <paramref name="grouping"/> makes of <paramref name="set"/>, with the shipped FAQ's phrasings in the background when <paramref name="faq"/>.</summary>
    private static int[] Cluster(LabelledGroups set, MeaningGrouping grouping, bool faq)
    {
        if (grouping.WordWeight >= 1)
        {
            return MeaningGrouper.Cluster(set.Texts, [.. set.Texts.Select(_ => new float[1])], [], grouping);
        }

        return MeaningGrouper.Cluster(set.Texts, Vectors(set.Texts, grouping.QueryPrefix), faq ? Vectors(FaqPhrasings.Value, grouping.QueryPrefix) : [], grouping);
    }

    private static float[][] Vectors(IReadOnlyList<string> texts, bool prefix)
    {
        if (!Embedded.TryGetValue((texts, prefix), out var vectors))
        {
            vectors = MeaningGrouper.Embed(SentenceEmbedder.Shared, texts, prefix);
            Embedded[(texts, prefix)] = vectors;
        }

        return vectors;
    }
}
