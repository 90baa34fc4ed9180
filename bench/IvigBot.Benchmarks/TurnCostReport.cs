using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Net;
using IvigBot.Bots;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace IvigBot.Benchmarks;

/// <summary>
/// What one <c>POST /api/messages</c> costs the host, without the network: the real host in memory (the repository's
/// appsettings.json and faq/, the editors' store in a temporary folder), the anchors' load (activities with
/// <c>deliveryMode: expectReplies</c>, sent in turn) through the whole ASP.NET Core pipeline (middleware, rate limiting,
/// routing, the adapter, the bot, the store's queue), one request at a time. Prints the CPU time of the first requests
/// and of the next 20 seconds (tiered compilation, first answers), then CPU time and bytes allocated per request over
/// a fixed number of requests: deterministic enough to compare two commits on a busy machine, where
/// req/s are not. Kestrel and the sockets are not in it (bench/anchors.sh measures them).
/// </summary>
public static class TurnCostReport
{
    public static int Run(string activitiesPath, int requests, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        var bodies = File.ReadLines(activitiesPath).Where(line => line.Trim().Length > 0).Select(line => System.Text.Encoding.UTF8.GetBytes(line)).ToArray();
        var root = Corpora.RepoRoot;
        var data = Directory.CreateTempSubdirectory("ivigbot-turns-");
        try
        {
            // Any type of the IvigBot assembly names its Program (this project has a Program of its own).
            using var factory = new WebApplicationFactory<FaqBot>().WithWebHostBuilder(builder =>
            {
                builder.UseEnvironment("Production");
                builder.UseContentRoot(root);
                builder.UseSetting("Faq:Path", Path.Combine(root, "faq"));
                builder.UseSetting("Insights:DataFolder", data.FullName);
            });
            var server = factory.Server;
            var next = 0;
            async Task SendAsync()
            {
                var body = bodies[next++ % bodies.Length];
                var context = await server.SendAsync(http =>
                {
                    http.Request.Method = HttpMethods.Post;
                    http.Request.Path = "/api/messages";
                    http.Request.ContentType = "application/json";
                    http.Request.ContentLength = body.Length;
                    http.Request.Body = new MemoryStream(body, writable: false);
                    http.Connection.RemoteIpAddress = IPAddress.Loopback;
                }).ConfigureAwait(false);
                if (context.Response.StatusCode != StatusCodes.Status200OK)
                {
                    throw new InvalidOperationException(string.Create(c, $"POST /api/messages answered {context.Response.StatusCode}"));
                }
            }

            var process = Process.GetCurrentProcess();
            var cold = Measure(process, SendAsync, bodies.Length * 10, TimeSpan.MaxValue);
            var warm = Measure(process, SendAsync, int.MaxValue, WarmUp);
            using var allocations = new AllocationSampler();
            var steady = Measure(process, SendAsync, requests, TimeSpan.MaxValue);
            allocations.Dispose();
            var steadyCpuMs = steady.CpuMs / steady.Requests;
            output.WriteLine(string.Create(c, $"POST /api/messages in memory, {bodies.Length} activities in turn (expectReplies), one at a time; {Environment.ProcessorCount} cores; load average {Machine.LoadAverage()}"));
            output.WriteLine(string.Create(c, $"- first {cold.Requests} requests (first answers, tiered compilation): {cold.CpuMs:F0} ms CPU, {cold.WallMs:F0} ms"));
            output.WriteLine(string.Create(c, $"- next {WarmUp.TotalSeconds:F0} s ({warm.Requests} requests): {warm.CpuMs:F0} ms CPU; in all {cold.CpuMs + warm.CpuMs - steadyCpuMs * (cold.Requests + warm.Requests):F0} ms CPU more than at the steady cost"));
            output.WriteLine(string.Create(c, $"- then {steady.Requests} requests: {steadyCpuMs * 1000:F1} µs CPU and {steady.AllocatedBytes / (double)steady.Requests:F0} bytes allocated per request, {steady.Gen0} gen0 / {steady.Gen2} gen2 collections"));
            output.WriteLine("  allocated, by type (the runtime's samples, about one per 100 KB):");
            foreach (var (type, bytes) in allocations.Top(25))
            {
                output.WriteLine(string.Create(c, $"  - {type}: {bytes / (double)steady.Requests:F0} bytes per request"));
            }

            return 0;
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    /// <summary>Long enough for tiered compilation to finish its work on a busy machine too.</summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(20);

    private static (int Requests, double CpuMs, double WallMs, long AllocatedBytes, int Gen0, int Gen2) Measure(Process process, Func<Task> send, int requests, TimeSpan duration)
    {
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var gen0 = GC.CollectionCount(0);
        var gen2 = GC.CollectionCount(2);
        var started = Stopwatch.GetTimestamp();
        var sent = 0;
        while (sent < requests && (sent % 1000 != 0 || Stopwatch.GetElapsedTime(started) < duration))
        {
            send().GetAwaiter().GetResult();
            sent++;
        }

        var wall = Stopwatch.GetElapsedTime(started);
        process.Refresh();
        return (sent, (process.TotalProcessorTime - cpu).TotalMilliseconds, wall.TotalMilliseconds,
            GC.GetTotalAllocatedBytes(precise: true) - allocated, GC.CollectionCount(0) - gen0, GC.CollectionCount(2) - gen2);
    }

    /// <summary>The runtime's allocation samples (GC AllocationTick events, about one per 100 KB allocated), by type.</summary>
    private sealed class AllocationSampler : EventListener
    {
        private readonly Dictionary<string, long> _bytes = [];
        private bool _stopped;

        public IEnumerable<(string Type, long Bytes)> Top(int count)
        {
            lock (_bytes)
            {
                return [.. _bytes.OrderByDescending(p => p.Value).Take(count).Select(p => (p.Key, p.Value))];
            }
        }

        public override void Dispose()
        {
            _stopped = true;
            base.Dispose();
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword: AllocationTick is verbose
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (_stopped || eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
            {
                return;
            }

            var type = eventData.Payload[eventData.PayloadNames!.IndexOf("TypeName")] as string ?? "?";
            var amount = Convert.ToInt64(eventData.Payload[eventData.PayloadNames!.IndexOf("AllocationAmount64")], CultureInfo.InvariantCulture);
            lock (_bytes)
            {
                _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
            }
        }
    }
}
