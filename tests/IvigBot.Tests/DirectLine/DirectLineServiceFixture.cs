using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IvigBot.Tests.Bots;
using IvigBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IvigBot.Tests.DirectLine;

/// <summary>
/// The real IvigBot host on a loopback port (Kestrel, so WebSockets are real) with a <see cref="ManualClock"/>, the
/// repository's appsettings.json and faq/, and a known Direct Line secret. Tests share one instance but each starts
/// its own conversations, so none depends on another's data or order; tests that move the clock only look at
/// conversations they started afterwards.
/// </summary>
public class DirectLineServiceFixture : IAsyncLifetime, IDisposable
{
    public const string Secret = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

    private readonly HostFactory _factory;

    public DirectLineServiceFixture()
        : this(new Dictionary<string, string?>())
    {
    }

    protected DirectLineServiceFixture(IReadOnlyDictionary<string, string?> settings)
    {
        _factory = new HostFactory(Clock, settings);
    }

    public ManualClock Clock { get; } = new();

    /// <summary>An HttpClient for the host's real address (http://127.0.0.1:port).</summary>
    public HttpClient Client { get; private set; } = null!;

    public Uri Address => Client.BaseAddress!;

    public IReadOnlyCollection<RecordedLog> Logs => _factory.Logs.Entries;

    public async Task InitializeAsync()
    {
        Client = new HttpClient { BaseAddress = LoopbackServer.Start(_factory) };
        await Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    public void Dispose()
    {
        Client?.Dispose();
        _factory.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Sends <paramref name="method"/> to <paramref name="path"/> with a Bearer credential and an optional JSON body.</summary>
    public async Task<Reply> SendAsync(HttpMethod method, string path, string? credential, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (credential is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new Reply(response.StatusCode, body.Length == 0 ? null : JsonNode.Parse(body), response.Headers);
    }

    /// <summary>A token from the page's own endpoint, then the conversation started with it (as Web Chat does).</summary>
    public async Task<StartedConversation> StartAsync()
    {
        var issued = await SendAsync(HttpMethod.Post, "/api/webchat/token", credential: null);
        Assert.Equal(HttpStatusCode.OK, issued.Status);
        var token = (string)issued.Body!["token"]!;
        var started = await SendAsync(HttpMethod.Post, "/v3/directline/conversations", token, """{"user":{},"locale":"en-US"}""");
        Assert.Equal(HttpStatusCode.Created, started.Status);
        return new StartedConversation((string)started.Body!["conversationId"]!, token, (string)started.Body!["streamUrl"]!);
    }

    public Task<Reply> GetActivitiesAsync(StartedConversation conversation, string watermark = "") =>
        SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation.Id}/activities?watermark={watermark}", conversation.Token);

    public Task<Reply> PostActivityAsync(StartedConversation conversation, JsonObject activity) =>
        SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversation.Id}/activities", conversation.Token, activity.ToJsonString());

    /// <summary>A message as Web Chat posts it (protocol doc 7.2).</summary>
    public static JsonObject WebChatMessage(string text, string clientActivityId) => new()
    {
        ["type"] = "message",
        ["text"] = text,
        ["channelId"] = "webchat",
        ["locale"] = "en-US",
        ["from"] = new JsonObject { ["id"] = "r_forged", ["name"] = "Ana", ["role"] = "user" },
        ["localTimestamp"] = "2025-03-10T10:00:05.000+01:00",
        ["localTimezone"] = "Europe/Berlin",
        ["channelData"] = new JsonObject { ["clientActivityID"] = clientActivityId },
        ["attachments"] = new JsonArray(),
        ["entities"] = new JsonArray(new JsonObject { ["type"] = "ClientCapabilities", ["requiresBotState"] = true }),
    };

    private sealed class HostFactory(ManualClock clock, IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        public RecordingLoggerProvider Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseContentRoot(RepoRoot());
            builder.UseEnvironment("Production");
            builder.UseSetting("MicrosoftAppId", string.Empty);
            builder.UseSetting("MicrosoftAppPassword", string.Empty);
            builder.UseSetting("DirectLine:Secret", Secret);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        }

        private static string RepoRoot() => Path.GetDirectoryName(Infrastructure.RepoPaths.AppSettings)!;
    }
}

/// <summary>A host whose store holds two conversations, forgets them after five idle minutes and keeps ten activities each.</summary>
public sealed class SmallStoreServiceFixture() : DirectLineServiceFixture(new Dictionary<string, string?>
{
    ["DirectLine:MaxConversations"] = "2",
    ["DirectLine:ConversationIdleTimeout"] = "00:05:00",
    ["DirectLine:MaxActivitiesPerConversation"] = "10",
    ["DirectLine:MaxActivityBytes"] = "2048",
});

/// <summary>A host that lets one client hold two live conversations (of ten).</summary>
public sealed class PerClientCapServiceFixture() : DirectLineServiceFixture(new Dictionary<string, string?>
{
    ["DirectLine:MaxConversations"] = "10",
    ["DirectLine:MaxConversationsPerClient"] = "2",
});

public sealed record StartedConversation(string Id, string Token, string StreamUrl);

public sealed record Reply(HttpStatusCode Status, JsonNode? Body, HttpResponseHeaders Headers)
{
    public string? ErrorMessage => (string?)Body?["error"]?["message"];

    public JsonArray Activities => Body!["activities"]!.AsArray();

    public string? Watermark => (string?)Body?["watermark"];
}
