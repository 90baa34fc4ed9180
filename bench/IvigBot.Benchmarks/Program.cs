using System.Globalization;
using BenchmarkDotNet.Running;
using IvigBot.Benchmarks;

// latency [corpus...] [--passes N] [--engine InMemory|Fts5]: per-question percentiles (both engines unless one is
// named); anything else goes to BenchmarkDotNet (e.g. --filter '*').
if (args.Length > 0 && args[0] == "latency")
{
    var passes = 5;
    var corpora = new List<string>();
    var engines = new List<IvigBot.Search.SearchEngine>();
    for (var i = 1; i < args.Length; i++)
    {
        if (args[i] == "--passes" && i + 1 < args.Length)
        {
            passes = int.Parse(args[++i], CultureInfo.InvariantCulture);
        }
        else if (args[i] == "--engine" && i + 1 < args.Length)
        {
            engines.Add(Enum.Parse<IvigBot.Search.SearchEngine>(args[++i], ignoreCase: true));
        }
        else
        {
            corpora.Add(args[i]);
        }
    }

    return LatencyReport.Run(corpora.Count > 0 ? [.. corpora] : Corpora.All, engines.Count > 0 ? engines : [IvigBot.Search.SearchEngine.InMemory, IvigBot.Search.SearchEngine.Fts5], passes, Console.Out);
}

if (args.Length > 1 && args[0] == "explain")
{
    return Explain.Run(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 15, Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(PipelineBenchmarks).Assembly).Run(args);
return 0;
