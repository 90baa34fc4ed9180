using System.Globalization;

namespace IvigBot.Benchmarks;

/// <summary>
/// The index build alone, as <c>bench/run-benchmarks.sh build</c>: per corpus, after one untimed build (the JIT's warm-up),
/// several builds each timed by the wall clock and by the process's CPU time, with the bytes they allocate
/// (<see cref="BuildCost"/>). The first build is shown on its own: it runs in a process whose JIT is cold, as a service's
/// first build does.
/// </summary>
public static class BuildReport
{
    public static int Run(string[] corpora, int passes, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"Index build, {passes} builds after one untimed build; {Machine.Runtime}"));
        output.WriteLine();
        output.WriteLine("| corpus | documents | first build: wall s, CPU s, MB | wall s (median, min–max) | CPU s (median, min–max) | allocated MB (median) |");
        output.WriteLine("|---|---|---|---|---|---|");
        foreach (var name in corpora)
        {
            var corpus = Corpora.Get(name);
            var (first, cost) = BuildCost.Measure(corpus);
            first.Dispose();
            var wall = new List<double>(passes);
            var cpu = new List<double>(passes);
            var allocated = new List<double>(passes);
            for (var pass = 0; pass < passes; pass++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var (index, each) = BuildCost.Measure(corpus);
                index.Dispose();
                wall.Add(each.WallSeconds);
                cpu.Add(each.CpuSeconds);
                allocated.Add(each.AllocatedMB);
            }

            output.WriteLine(string.Create(c,
                $"| {name} | {corpus.Documents.Count:N0} | {cost.WallSeconds:F2}, {cost.CpuSeconds:F2}, {cost.AllocatedMB:F0} | {Median(wall):F2} ({wall.Min():F2}–{wall.Max():F2}) | {Median(cpu):F2} ({cpu.Min():F2}–{cpu.Max():F2}) | {Median(allocated):F0} |"));
        }

        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[(sorted.Count - 1) / 2];
    }
}
