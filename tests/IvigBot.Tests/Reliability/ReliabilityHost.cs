using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IvigBot.Tests.Bots;
using IvigBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IvigBot.Tests.Reliability;

/// <summary>
/// The real host with the repository's appsettings.json, anonymous Bot Framework settings, every log entry recorded
/// (Debug and up) and test-specific settings on top. In memory by default; <see cref="StartKestrel"/> serves it on a
/// random 127.0.0.1 port instead.
/// </summary>
public sealed class ReliabilityHost(IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    private bool _kestrel;

    public RecordingLoggerProvider Logs { get; } = new();

    /// <summary>Every recorded log line: message plus structured values, for "does X appear anywhere" checks.</summary>
    public string AllLogText => string.Join('\n', Logs.Entries.Select(e => e.Message + " | " + string.Join(", ", e.Values.Select(v => $"{v.Key}={v.Value}"))));

    /// <summary>Serves the host on http://127.0.0.1:random and returns a client for that address.</summary>
    public HttpClient StartKestrel()
    {
        _kestrel = true;
        return new HttpClient { BaseAddress = LoopbackServer.Start(this), Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Client() => _kestrel ? throw new InvalidOperationException("Use the client StartKestrel returned.") : CreateClient();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseContentRoot(RepoPaths.Root);
        builder.UseSetting("MicrosoftAppType", "MultiTenant");
        builder.UseSetting("MicrosoftAppId", string.Empty);
        builder.UseSetting("MicrosoftAppPassword", string.Empty);
        builder.UseSetting("MicrosoftAppTenantId", string.Empty);
        builder.UseSetting("Logging:LogLevel:Default", "Debug");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
    }

    /// <summary>A message activity asking for the replies in the HTTP response (deliveryMode expectReplies).</summary>
    public static JsonObject ExpectRepliesMessage(string text, string? conversationId = null) => new()
    {
        ["type"] = "message",
        ["id"] = Guid.NewGuid().ToString(),
        ["channelId"] = "emulator",
        ["deliveryMode"] = "expectReplies",
        ["conversation"] = new JsonObject { ["id"] = conversationId ?? Guid.NewGuid().ToString() },
        ["from"] = new JsonObject { ["id"] = "user-1", ["role"] = "user" },
        ["recipient"] = new JsonObject { ["id"] = "bot-1", ["role"] = "bot" },
        ["text"] = text,
    };

    public static StringContent Json(string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>The message replies of an expectReplies response (typing indicators left out).</summary>
    public static async Task<List<JsonObject>> MessageRepliesAsync(HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["activities"]!.AsArray().OfType<JsonObject>().Where(a => (string?)a["type"] == "message").ToList();
    }
}
