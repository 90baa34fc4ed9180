using System.Runtime;

namespace IvigBot.Benchmarks;

/// <summary>What every report's first line says about where it ran.</summary>
internal static class Machine
{
    /// <summary>".NET 10.0.12, 2 cores, GC workstation".</summary>
    public static string Runtime => $".NET {Environment.Version}, {Environment.ProcessorCount} cores, GC {(GCSettings.IsServerGC ? "server" : "workstation")}";

    /// <summary>The one-minute load average (Linux), so that a figure taken on a busy machine says so.</summary>
    public static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
