using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.NetworkInformation;
using System.Text.Json.Nodes;
using IvigBot.Tests.Infrastructure;

namespace IvigBot.Tests.Teams;

/// <summary>
/// The Microsoft 365 Agents Playground (the npm package pinned in <c>playground/</c>) running headless as channel
/// <c>msteams</c> on a loopback port, driven through the backend API of its web UI. Every activity it exchanges with
/// the bot is read back from its log file.
/// </summary>
public sealed class AgentsPlayground : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly string _logFile;
    private readonly List<string> _output = [];

    private AgentsPlayground(Process process, int port, string logFile)
    {
        _process = process;
        _logFile = logFile;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "IvigBot.Tests", "Teams", "playground");

    private static string Cli => Path.Combine(Folder, "node_modules", "@microsoft", "m365agentsplayground", "cli.js");

    public int Port { get; }

    public HttpClient Client { get; }

    /// <summary>What the Playground printed (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>Installs the pinned package if needed (<c>npm ci</c>), starts the Playground for <paramref name="botEndpoint"/>
    /// and waits until its API answers.</summary>
    public static async Task<AgentsPlayground> StartAsync(Uri botEndpoint, CancellationToken cancellationToken)
    {
        if (!File.Exists(Cli))
        {
            var (exit, output) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(3), cancellationToken);
            Assert.True(exit == 0 && File.Exists(Cli), $"npm ci in {Folder} failed ({exit}):\n{output}");
        }

        var port = ChildProcess.FreeLoopbackPort();
        var logFile = Path.Combine(Path.GetTempPath(), $"ivigbot-playground-{Guid.NewGuid():N}.log");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "-r", "./loopback-only.js", Cli, "-e", botEndpoint.ToString(), "-c", "msteams", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--service-url", $"http://127.0.0.1:{port}/_connector", "--disable-telemetry",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        start.Environment["M365_AGENTS_PLAYGROUND_LOGFILE"] = logFile;
        var process = Process.Start(start)!;
        var playground = new AgentsPlayground(process, port, logFile);
        process.OutputDataReceived += (_, e) => playground.Record(e.Data);
        process.ErrorDataReceived += (_, e) => playground.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = TimeProvider.System.GetTimestamp();
        while (true)
        {
            Assert.False(process.HasExited, $"The Playground exited with {(process.HasExited ? process.ExitCode : 0)}:\n{playground.Output}");
            try
            {
                // The first config request also makes the Playground check that the bot's endpoint is reachable.
                using var response = await playground.Client.GetAsync(new Uri("_internal/v1/config", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return playground;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (TimeProvider.System.GetElapsedTime(deadline) > StartTimeout)
            {
                await playground.DisposeAsync();
                Assert.Fail($"The Playground did not answer within {StartTimeout.TotalSeconds} s:\n{playground.Output}");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>The Playground's mock tenant: current user, personal chat, group chats, teams and channels.</summary>
    public async Task<JsonNode> GetConfigAsync(CancellationToken cancellationToken)
    {
        var body = await Client.GetFromJsonAsync<JsonNode>(new Uri("_internal/v1/config", UriKind.Relative), cancellationToken);
        return body!["config"]!;
    }

    /// <summary>Sends a user message into a conversation, as the web UI does; returns the Playground's answer
    /// (<c>messageId</c>, and <c>postConversationId</c> for a new channel post).</summary>
    public async Task<JsonNode> SendAsync(string conversationId, JsonObject message, CancellationToken cancellationToken)
    {
        using var response = await Client.PostAsJsonAsync(new Uri($"_conversation/v1/conversations/{Uri.EscapeDataString(conversationId)}/messages", UriKind.Relative), message, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"The Playground refused the message ({(int)response.StatusCode}): {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Activities the Playground logged for <paramref name="conversationId"/>, in order.</summary>
    public IReadOnlyList<PlaygroundExchange> Exchanges(string conversationId)
    {
        if (!File.Exists(_logFile))
        {
            return [];
        }

        using var stream = new FileStream(_logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var exchanges = new List<PlaygroundExchange>();
        while (reader.ReadLine() is { } line)
        {
            var brace = line.IndexOf('{', StringComparison.Ordinal);
            if (brace < 0)
            {
                continue;
            }

            JsonNode? entry;
            try
            {
                entry = JsonNode.Parse(line[brace..])?["log"];
            }
            catch (System.Text.Json.JsonException)
            {
                continue;
            }

            if (entry?["activityName"] is null || (string?)entry["conversationId"] != conversationId)
            {
                continue;
            }

            exchanges.Add(new PlaygroundExchange(
                FromBot: (string?)entry["from"] == "User Application",
                Activity: entry["request"]?["body"] as JsonObject ?? [],
                StatusCode: (int?)entry["response"]?["statusCode"]));
        }

        return exchanges;
    }

    /// <summary>Waits (bounded) until the bot has sent a message activity into <paramref name="conversationId"/>.</summary>
    public Task<PlaygroundExchange> WaitForBotMessageAsync(string conversationId, CancellationToken cancellationToken) =>
        WaitForMessageAsync(conversationId, fromBot: true, cancellationToken);

    /// <summary>
    /// Waits (bounded) until the Playground has recorded the user's message to the bot in <paramref name="conversationId"/>.
    /// It records an exchange when its response is complete, so the bot's replies, sent during the turn, are usually
    /// recorded before the message that started it.
    /// </summary>
    public Task<PlaygroundExchange> WaitForUserMessageAsync(string conversationId, CancellationToken cancellationToken) =>
        WaitForMessageAsync(conversationId, fromBot: false, cancellationToken);

    private async Task<PlaygroundExchange> WaitForMessageAsync(string conversationId, bool fromBot, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(30))
        {
            if (Exchanges(conversationId).FirstOrDefault(e => e.FromBot == fromBot && (string?)e.Activity["type"] == "message") is { } found)
            {
                return found;
            }

            await Task.Delay(100, cancellationToken);
        }

        Assert.Fail($"No message from the {(fromBot ? "bot" : "user")} in {conversationId} within 30 s. Playground output:\n{Output}");
        return null!;
    }

    /// <summary>The local addresses something listens on at the Playground's port.</summary>
    public IReadOnlyList<IPEndPoint> Listeners() =>
        IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Where(e => e.Port == Port).ToList();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        }

        _process.Dispose();
        if (File.Exists(_logFile))
        {
            File.Delete(_logFile);
        }
    }

    /// <summary>True when <c>node</c> and <c>npm</c> both run.</summary>
    public static bool NodeAvailable()
    {
        try
        {
            return RunAsync("node", ["--version"], TimeSpan.FromSeconds(20), CancellationToken.None).GetAwaiter().GetResult().Exit == 0
                && RunAsync("npm", ["--version"], TimeSpan.FromSeconds(30), CancellationToken.None).GetAwaiter().GetResult().Exit == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }
    }

    private static Task<(int Exit, string Output)> RunAsync(string file, string[] arguments, TimeSpan timeout, CancellationToken cancellationToken) =>
        ChildProcess.RunAsync(file, arguments, Folder, timeout, cancellationToken);
}

/// <summary>One activity the Playground logged: sent by the bot (<see cref="FromBot"/>) or to it, with the HTTP status.</summary>
public sealed record PlaygroundExchange(bool FromBot, JsonObject Activity, int? StatusCode);

/// <summary>
/// A test that needs node and npm for the Agents Playground: skipped, with the reason, when they are missing, except
/// when <c>CI=true</c>, where it runs (and fails) so CI cannot silently lose it.
/// </summary>
public sealed class PlaygroundFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Available = new(AgentsPlayground.NodeAvailable);

    public PlaygroundFactAttribute()
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!ci && !Available.Value)
        {
            Skip = "node and npm are needed for the Microsoft 365 Agents Playground and were not found on PATH (set CI=true to make this a failure).";
        }
    }
}
