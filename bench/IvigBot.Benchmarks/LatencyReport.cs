using System.Diagnostics;
using System.Globalization;
using IvigBot.Answering;
using IvigBot.Search;

namespace IvigBot.Benchmarks;

/// <summary>
/// Per-question latency percentiles, which BenchmarkDotNet's per-iteration statistics do not give: each question
/// is timed on its own, over several passes after a warm-up, with the answer cache off. Also the index build time,
/// the share of time spent in analysis and in search, and the bytes allocated per question.
/// </summary>
public static class LatencyReport
{
    /// <summary>The warm-up asks the questions at least this many times…</summary>
    public const int MinWarmUpPasses = 2;

    /// <summary>
    /// …and for at least this long: .NET's tiered JIT first runs methods unoptimised and compiles the optimised code in the
    /// background, only after a method has been called 30 times and no new method was compiled for 100 ms. Two passes of
    /// the shipped FAQ's questions take about 0.1 s, so a warm-up of passes alone timed mostly unoptimised code (p50 238 µs
    /// against 84 µs with the JIT's tiers off, on the same machine at the same time).
    /// </summary>
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);

    public static int Run(string[] corpora, int passes, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"Per-question latency, answer cache off, {passes} passes after a warm-up of {MinWarmUpPasses} passes and at least {WarmUp.TotalSeconds:F0} s; {Machine.Runtime}"));
        output.WriteLine();
        output.WriteLine("| corpus | documents | questions | index build s (CPU s, MB) | p50 µs | p90 µs | p99 µs | max µs | mean µs | analysis µs | search µs | alloc KB/question |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var name in corpora)
        {
            var corpus = Corpora.Get(name);
            var (index, build) = BuildCost.Measure(corpus);
            using var engine = new AnswerEngine(index, corpus.TriageRules, Engines.Uncached(name));
            var searcher = new FaqSearcher(index);
            var warm = Stopwatch.StartNew();
            for (var pass = 0; pass < MinWarmUpPasses || warm.Elapsed < WarmUp; pass++)
            {
                foreach (var question in corpus.Questions)
                {
                    engine.Answer(question);
                }
            }

            var times = new List<double>(corpus.Questions.Count * passes);
            long allocated = 0;
            double analysis = 0, search = 0;
            for (var pass = 0; pass < passes; pass++)
            {
                foreach (var question in corpus.Questions)
                {
                    var before = GC.GetAllocatedBytesForCurrentThread();
                    var start = Stopwatch.GetTimestamp();
                    engine.Answer(question);
                    times.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                    allocated += GC.GetAllocatedBytesForCurrentThread() - before;

                    start = Stopwatch.GetTimestamp();
                    var query = index.Parser.Analyze(question);
                    analysis += Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                    start = Stopwatch.GetTimestamp();
                    searcher.Search(query, AnswerEngine.CandidateCount);
                    search += Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                }
            }

            times.Sort();
            var n = times.Count;
            output.WriteLine(string.Create(c,
                $"| {name} | {corpus.Documents.Count:N0} | {corpus.Questions.Count} | {build.WallSeconds:F2} ({build.CpuSeconds:F2}, {build.AllocatedMB:F0}) | {Percentile(times, 0.50):F0} | {Percentile(times, 0.90):F0} | {Percentile(times, 0.99):F0} | {times[^1]:F0} | {times.Average():F0} | {analysis / n:F0} | {search / n:F0} | {allocated / 1024.0 / n:F1} |"));
        }

        return 0;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
