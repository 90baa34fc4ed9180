using IvigBot.Analysis;
using IvigBot.Answering;
using IvigBot.Content;

namespace IvigBot.Evaluation;

/// <summary>Ranking figures on an external FAQ-retrieval benchmark (binary relevance).</summary>
public sealed record BenchmarkReport(int Queries, int FaqEntries, double PrecisionAt1, double MrrAt10, double NdcgAt10, double RecallAt5);

/// <summary>
/// Measures the same engine on another FAQ bank and query set (e.g. CovidFAQ): the bank's entries are
/// indexed as questions with answers, with no synonyms and no triage, and each query is ranked.
/// </summary>
public static class RetrievalBenchmark
{
    public static BenchmarkReport Run(string bankPath, string queriesPath, string qrelsPath, RankingWeights? weights = null)
    {
        var bank = JsonLines.Read(bankPath, IvigJsonContext.Default.BenchmarkLine);
        var queries = JsonLines.Read(queriesPath, IvigJsonContext.Default.BenchmarkLine);
        var relevant = File.ReadLines(qrelsPath)
            .Skip(1)
            .Select(l => l.Split('\t'))
            .Where(p => p.Length >= 3 && p[2].Trim() != "0")
            .GroupBy(p => p[0], p => p[1])
            .ToDictionary(g => g.Key, g => g.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

        var documents = bank.Select((line, i) => new FaqDocument
        {
            Id = line.FaqId ?? throw new InvalidDataException($"{bankPath}: entry {i + 1} has no faq_id"),
            Kind = FaqDocumentKind.Entry,
            Question = line.Question ?? "",
            Answer = line.Answer ?? "",
            Source = Path.GetFileName(bankPath),
            Location = new SourceLocation(bankPath, i + 1),
        }).ToList();

        var options = new AnsweringOptions();
        using var engine = new AnswerEngine(Search.FaqIndexBuilder.Build(documents, SynonymMap.Empty), [], options, weights);

        double p1 = 0, mrr = 0, ndcg = 0, r5 = 0;
        var judged = 0;
        foreach (var query in queries)
        {
            if (query.QueryId is null || query.Query is null || !relevant.TryGetValue(query.QueryId, out var rel))
            {
                continue;
            }

            judged++;
            var ranking = engine.Rank(query.Query).Select(c => c.Document.Id).Take(10).ToList();
            p1 += ranking.Count > 0 && rel.Contains(ranking[0]) ? 1 : 0;
            var first = ranking.FindIndex(rel.Contains);
            mrr += first < 0 ? 0 : 1.0 / (first + 1);
            r5 += (double)ranking.Take(5).Count(rel.Contains) / rel.Count;
            var dcg = ranking.Select((id, i) => rel.Contains(id) ? 1 / Math.Log2(i + 2) : 0).Sum();
            var ideal = Enumerable.Range(0, Math.Min(10, rel.Count)).Sum(i => 1 / Math.Log2(i + 2));
            ndcg += dcg / ideal;
        }

        var n = Math.Max(1, judged);
        return new BenchmarkReport(judged, documents.Count, p1 / n, mrr / n, ndcg / n, r5 / n);
    }
}
