using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IvigBot.Tests.Infrastructure;

namespace IvigBot.Tests.Deployment;

/// <summary>
/// docs/production.md, step 1: the output of <c>dotnet publish</c> runs as is from its own folder, with the settings,
/// the content and the chat bundle beside the program, and nothing read from the repository; without its content it
/// refuses to start.
/// </summary>
public sealed class PublishTests : IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "ivigbot-publish-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_published_folder_runs_as_is_and_answers()
    {
        var publish = await ChildProcess.RunAsync("dotnet", ["publish", Path.Combine(RepoPaths.Root, "src", "IvigBot"), "-c", "Release", "-o", _output, "--nologo"], RepoPaths.Root, TimeSpan.FromMinutes(5));
        Assert.True(publish.Exit == 0, "dotnet publish failed:\n" + publish.Output);
        Assert.True(File.Exists(Path.Combine(_output, "appsettings.json")), "appsettings.json is not in the published folder");
        Assert.True(File.Exists(Path.Combine(_output, "faq", "triage.md")), "faq/ is not in the published folder");

        // The editor's check, from the published folder.
        var check = await ChildProcess.RunAsync(Path.Combine(_output, "IvigBot"), ["check"], _output, TimeSpan.FromMinutes(1));
        Assert.True(check.Exit == 0, "check failed:\n" + check.Output);
        Assert.Contains("no problems found", check.Output, StringComparison.Ordinal);

        // The service, from the published folder, on a free loopback port.
        var address = $"http://127.0.0.1:{ChildProcess.FreeLoopbackPort()}";
        using var service = Start(Path.Combine(_output, "IvigBot"), ["--urls", address], _output);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(10) };
            var health = await WaitForHealthAsync(http, service);
            Assert.True(health["documents"]!.GetValue<int>() > 50, "the published service has no content: " + health.ToJsonString());

            using var ask = await http.PostAsJsonAsync("/api/ask", new { question = "what is IVIG flu" });
            var answer = JsonNode.Parse(await ask.Content.ReadAsStringAsync())!;
            Assert.Equal("answer", answer["kind"]!.GetValue<string>());
            Assert.Contains("IVIG flu", answer["text"]!.GetValue<string>(), StringComparison.Ordinal);

            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/webchat/webchat.js")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/")).StatusCode);
        }
        finally
        {
            service.Kill(entireProcessTree: true);
            await service.WaitForExitAsync();
        }

        // Without its content the published service refuses to start, and says why, instead of serving nothing.
        Directory.Delete(Path.Combine(_output, "faq"), recursive: true);
        var empty = await ChildProcess.RunAsync(Path.Combine(_output, "IvigBot"), ["--urls", $"http://127.0.0.1:{ChildProcess.FreeLoopbackPort()}"], _output, TimeSpan.FromMinutes(1));
        Assert.Equal(1, empty.Exit);
        Assert.Contains("IvigBot did not start", empty.Output, StringComparison.Ordinal);
        Assert.Contains("no FAQ entries", empty.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }

    private static async Task<JsonNode> WaitForHealthAsync(HttpClient http, Process service)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(service.HasExited, "the published service exited at start-up");
            try
            {
                using var response = await http.GetAsync("/healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet.
            }

            Assert.True(DateTime.UtcNow < deadline, "the published service did not become healthy within 60 s");
            await Task.Delay(200);
        }
    }

    private static Process Start(string file, IEnumerable<string> arguments, string workingDirectory)
    {
        var start = ChildProcess.Info(file, arguments, workingDirectory);

        // The service must not pick up the test run's environment (e.g. a development environment name).
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
