using System.Diagnostics;
using System.Globalization;
using IvigBot.Search;

namespace IvigBot.Benchmarks;

/// <summary>
/// The index build alone, as <c>bench/run-benchmarks.sh build</c>: per corpus, after one untimed build (the JIT's warm-up),
/// several builds each timed by the wall clock and by the process's CPU time, with the bytes they allocate. On a busy
/// machine the wall time varies with what else runs; the CPU time and the allocations vary far less, so a change to the
/// build can be compared on them while others build.
/// </summary>
public static class BuildReport
{
    public static int Run(string[] corpora, int passes, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"Index build, {passes} builds after one untimed build; {Machine.Runtime}"));
        output.WriteLine();
        output.WriteLine("| corpus | documents | wall s (median, min–max) | CPU s (median, min–max) | allocated MB (median) |");
        output.WriteLine("|---|---|---|---|---|");
        using var process = Process.GetCurrentProcess();
        foreach (var name in corpora)
        {
            var corpus = Corpora.Get(name);
            FaqIndexBuilder.Build(corpus.Documents, corpus.Synonyms).Dispose();
            var wall = new List<double>(passes);
            var cpu = new List<double>(passes);
            var allocated = new List<double>(passes);
            for (var pass = 0; pass < passes; pass++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                var start = Stopwatch.GetTimestamp();
                using (FaqIndexBuilder.Build(corpus.Documents, corpus.Synonyms))
                {
                    wall.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
                    allocated.Add((GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1024.0 / 1024.0);
                    process.Refresh();
                    cpu.Add((process.TotalProcessorTime - cpuBefore).TotalSeconds);
                }
            }

            output.WriteLine(string.Create(c,
                $"| {name} | {corpus.Documents.Count:N0} | {Median(wall):F2} ({wall.Min():F2}–{wall.Max():F2}) | {Median(cpu):F2} ({cpu.Min():F2}–{cpu.Max():F2}) | {Median(allocated):F0} |"));
        }

        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[(sorted.Count - 1) / 2];
    }
}
