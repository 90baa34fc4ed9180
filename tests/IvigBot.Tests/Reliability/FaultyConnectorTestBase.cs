using System.Text.Json.Nodes;

namespace IvigBot.Tests.Reliability;

/// <summary>
/// The bot on a loopback port (Kestrel) whose replies go to a <see cref="FaultyConnector"/>, with the settings
/// <see cref="Settings"/> gives for that connector; one of each per test.
/// </summary>
public abstract class FaultyConnectorTestBase : IAsyncLifetime, IDisposable
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    protected FaultyConnector Connector { get; } = new();

    protected ReliabilityHost Host { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Connector.StartAsync();
        Host = new ReliabilityHost(Settings(Connector.ServiceUrl));
        Client = Host.StartKestrel();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        await Connector.DisposeAsync();
    }

    public void Dispose()
    {
        Client?.Dispose();
        Host?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The host's settings, knowing the connector's address.</summary>
    protected abstract Dictionary<string, string?> Settings(Uri connector);

    /// <summary>Posts an Emulator-style message whose replies go to the connector.</summary>
    protected Task<HttpResponseMessage> PostAsync(string conversationId, string text)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = Guid.NewGuid().ToString(),
            ["channelId"] = "emulator",
            ["serviceUrl"] = Connector.ServiceUrl.ToString().TrimEnd('/'),
            ["conversation"] = new JsonObject { ["id"] = conversationId },
            ["from"] = new JsonObject { ["id"] = "user-1", ["role"] = "user" },
            ["recipient"] = new JsonObject { ["id"] = "bot-1", ["role"] = "bot" },
            ["text"] = text,
        };
        return Client.PostAsync(new Uri("/api/messages", UriKind.Relative), ReliabilityHost.Json(activity.ToJsonString()));
    }
}
