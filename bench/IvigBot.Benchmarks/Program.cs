using System.Globalization;
using BenchmarkDotNet.Running;
using IvigBot.Benchmarks;

// latency [corpus...] [--passes N]: per-question percentiles; build [corpus...] [--passes N]: the index build alone, wall
// and CPU time and allocations; anything else goes to BenchmarkDotNet (e.g. --filter '*').
if (args.Length > 0 && args[0] is "latency" or "build")
{
    var passes = 5;
    var corpora = new List<string>();
    for (var i = 1; i < args.Length; i++)
    {
        if (args[i] == "--passes" && i + 1 < args.Length)
        {
            passes = int.Parse(args[++i], CultureInfo.InvariantCulture);
        }
        else
        {
            corpora.Add(args[i]);
        }
    }

    return args[0] == "latency"
        ? LatencyReport.Run(corpora.Count > 0 ? [.. corpora] : Corpora.All, passes, Console.Out)
        : BuildReport.Run(corpora.Count > 0 ? [.. corpora] : [Corpora.MedQuad], passes, Console.Out);
}

if (args.Length > 1 && args[0] == "explain")
{
    return Explain.Run(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 15, Console.Out);
}

// grouping dev.txt [test.txt]: the ways of grouping unanswered messages, scored against labelled groups.
if (args.Length > 1 && args[0] == "grouping")
{
    return GroupingReport.Run(args[1], args.Length > 2 ? args[2] : null, Console.Out);
}

// embedding questions.jsonl [callers] [seconds]: where a message's embedding time goes, and batching under concurrency.
if (args.Length > 1 && args[0] == "embedding")
{
    return EmbeddingReport.Run(
        args[1],
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 32,
        TimeSpan.FromSeconds(args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10),
        Console.Out);
}

// turns activities.jsonl [requests]: CPU time and bytes allocated per POST /api/messages, the whole host in memory.
if (args.Length > 1 && args[0] == "turns")
{
    return TurnCostReport.Run(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000, Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(PipelineBenchmarks).Assembly).Run(args);
return 0;
