using System.Diagnostics;
using IvigBot.Search;

namespace IvigBot.Benchmarks;

/// <summary>
/// What one index build costs: wall time, the process's CPU time (every thread) and the bytes allocated. On a busy
/// machine the wall time varies with what else runs; the CPU time and the allocations far less.
/// </summary>
internal readonly record struct BuildCost(double WallSeconds, double CpuSeconds, double AllocatedMB)
{
    /// <summary>Builds <paramref name="corpus"/>'s index, and what that cost.</summary>
    public static (FaqIndex Index, BuildCost Cost) Measure(Corpus corpus)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var start = Stopwatch.GetTimestamp();
        var index = FaqIndexBuilder.Build(corpus.Documents, corpus.Synonyms);
        var wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1024.0 / 1024.0;
        process.Refresh();
        return (index, new BuildCost(wall, (process.TotalProcessorTime - cpuBefore).TotalSeconds, allocated));
    }
}
