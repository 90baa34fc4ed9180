using IvigBot.Analysis;
using System.Diagnostics;
using System.Globalization;
using IvigBot.Answering;
using IvigBot.Search;

namespace IvigBot.Benchmarks;

/// <summary>Where the time goes: per question, analysis and search (with and without the posting budget), slowest first.</summary>
public static class Explain
{
    public static int Run(string name, int top, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        var corpus = Corpora.Get(name);
        using var index = FaqIndexBuilder.Build(corpus.Documents, corpus.Synonyms);
        var searcher = new FaqSearcher(index);
        var unbounded = new FaqSearcher(index) { PostingBudget = int.MaxValue };
        var rows = new List<(double Analyze, double Search, double Unbounded, int Phrases, long Postings, string Question)>();
        for (var pass = 0; pass < 3; pass++)
        {
            rows.Clear();
            foreach (var question in corpus.Questions)
            {
                var start = Stopwatch.GetTimestamp();
                var query = index.Parser.Analyze(question);
                var analyze = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                start = Stopwatch.GetTimestamp();
                searcher.Search(query, AnswerEngine.CandidateCount);
                var search = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                start = Stopwatch.GetTimestamp();
                unbounded.Search(query, AnswerEngine.CandidateCount);
                var all = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                var phrases = query.Terms.SelectMany(t => t.IndexTerms).ToList();
                var postings = phrases.Sum(p => p.Sum(stem => (long)index.Postings(stem)));
                rows.Add((analyze, search, all, phrases.Count, postings, question));
            }
        }

        output.WriteLine(string.Create(c, $"{name}: {index.DocumentCount} documents; means: analysis {rows.Average(r => r.Analyze):F0} µs, search {rows.Average(r => r.Search):F0} µs, search without budget {rows.Average(r => r.Unbounded):F0} µs"));
        foreach (var r in rows.OrderByDescending(r => r.Analyze + r.Search).Take(top))
        {
            output.WriteLine(string.Create(c, $"  analyze {r.Analyze,7:F0} µs  search {r.Search,7:F0} µs  unbounded {r.Unbounded,7:F0} µs  phrases {r.Phrases,3} postings {r.Postings,7}  {Trim(r.Question)}"));
        }

        return 0;
    }

    private static string Trim(string text) => text.Length <= 50 ? text : text[..47] + "...";
}
