using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IvigBot.Tests.Bots;
using IvigBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IvigBot.Tests.Teams;

/// <summary>
/// The real IvigBot host on a loopback port (Kestrel, anonymous Bot Framework settings, the repository's appsettings.json)
/// with <c>Teams:AllowedTenants</c> set to <see cref="ClinicTenantId"/> and the Agents Playground's tenant, and a local
/// connector standing in for Teams' service URL. Tests share it but each uses its own conversation id.
/// </summary>
public sealed class TeamsBotFixture : IAsyncLifetime, IDisposable
{
    public const string ClinicTenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    /// <summary>The tenant id the Microsoft 365 Agents Playground puts on its activities.</summary>
    public const string PlaygroundTenantId = "00000000-0000-0000-0000-0000000000001";

    public const string OtherTenantId = "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";
    public const string BotId = "28:5e6f7a8b-0000-4000-8000-000000000001";
    public const string BotName = "IvigBot";
    public const string UserId = "29:1AbCdEf";
    public const string UserName = "Ana Silva";

    private readonly TeamsHostFactory _factory = new();

    public EmulatorConnector Connector { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The bot's <c>/api/messages</c> URL on loopback.</summary>
    public Uri MessagesUrl => new(Client.BaseAddress!, "/api/messages");

    public IReadOnlyCollection<RecordedLog> Logs => _factory.Logs.Entries;

    public async Task InitializeAsync()
    {
        await Connector.StartAsync();
        Client = new HttpClient { BaseAddress = LoopbackServer.Start(_factory) };
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await Connector.DisposeAsync();
    }

    public void Dispose()
    {
        Client?.Dispose();
        _factory.Dispose();
    }

    public Task<HttpResponseMessage> PostActivityAsync(JsonObject activity)
    {
        var content = new StringContent(activity.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return Client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
    }

    /// <summary>A Teams personal (1:1) chat id.</summary>
    public static string NewPersonalConversationId() => $"a:1{Guid.NewGuid():N}";

    /// <summary>A Teams group chat id.</summary>
    public static string NewGroupChatId() => $"19:{Guid.NewGuid():N}@thread.v2";

    /// <summary>A Teams channel id (the channel itself, without a thread).</summary>
    public static string NewChannelId() => $"19:{Guid.NewGuid():N}@thread.skype";

    /// <summary>
    /// A Teams-shaped activity (protocol doc 5.1, 7.4) from <see cref="UserName"/> to the bot. For
    /// <c>channel</c> conversations pass the thread id (<c>19:...@thread.skype;messageid=...</c>) and the channel id.
    /// </summary>
    public JsonObject Activity(string type, string conversationId, string conversationType, string tenantId = ClinicTenantId, string? channelId = null)
    {
        var conversation = new JsonObject { ["id"] = conversationId, ["conversationType"] = conversationType, ["tenantId"] = tenantId };
        var channelData = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } };
        if (conversationType != "personal")
        {
            conversation["isGroup"] = true;
        }

        if (channelId is not null)
        {
            channelData["team"] = new JsonObject { ["id"] = channelId, ["name"] = "Day unit" };
            channelData["channel"] = new JsonObject { ["id"] = channelId, ["name"] = "General" };
        }

        return new JsonObject
        {
            ["type"] = type,
            ["id"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) + Random.Shared.Next(1000, 9999),
            ["timestamp"] = "2025-03-10T09:10:00.000Z",
            ["channelId"] = "msteams",
            ["serviceUrl"] = Connector.ServiceUrl.ToString(),
            ["from"] = new JsonObject { ["id"] = UserId, ["name"] = UserName, ["aadObjectId"] = "6f1c0000-0000-4000-8000-000000000002" },
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = BotName },
            ["conversation"] = conversation,
            ["locale"] = "en-US",
            ["entities"] = new JsonArray(new JsonObject { ["type"] = "clientInfo", ["locale"] = "en-US", ["country"] = "US", ["platform"] = "Web" }),
            ["channelData"] = channelData,
        };
    }

    /// <summary>A message that @mentions the bot, as Teams sends it in channels and group chats.</summary>
    public JsonObject MentionMessage(string question, string conversationId, string conversationType, string? channelId = null)
    {
        var message = Activity("message", conversationId, conversationType, channelId: channelId);
        message["text"] = $"<at>{BotName}</at> {question}\n";
        message["textFormat"] = "plain";
        message["entities"]!.AsArray().Insert(0, new JsonObject
        {
            ["type"] = "mention",
            ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = BotName },
            ["text"] = $"<at>{BotName}</at>",
        });
        message["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = "text/html",
            ["content"] = $"<div><at>{BotName}</at> {question}</div>",
        });
        return message;
    }

    private sealed class TeamsHostFactory : WebApplicationFactory<Program>
    {
        public RecordingLoggerProvider Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseContentRoot(RepoPaths.Root);
            builder.UseSetting("MicrosoftAppType", "MultiTenant");
            builder.UseSetting("MicrosoftAppId", string.Empty);
            builder.UseSetting("MicrosoftAppPassword", string.Empty);
            builder.UseSetting("MicrosoftAppTenantId", string.Empty);
            builder.UseSetting("Teams:AllowedTenants:0", ClinicTenantId);
            builder.UseSetting("Teams:AllowedTenants:1", PlaygroundTenantId);
            // A rule for this provider beats appsettings.json's Default level: the tests see Debug logs (e.g. "Answered").
            builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug).AddFilter<RecordingLoggerProvider>(null, LogLevel.Debug));
        }
    }
}
