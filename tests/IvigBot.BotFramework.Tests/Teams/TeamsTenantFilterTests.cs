using System.Text.Json.Nodes;
using System.Net;
using IvigBot.BotFramework.Teams;
using IvigBot.BotFramework.Tests.Infrastructure;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;

namespace IvigBot.BotFramework.Tests.Teams;

public class TeamsTenantFilterTests
{
    private readonly StubHttpMessageHandler _channel =
        StubHttpMessageHandler.Sequence(() => new HttpResponseMessage(HttpStatusCode.Created) { Content = new StringContent("""{"id":"1741597805123"}""") });
    private readonly RecordingLogger<TeamsTenantFilter> _logger = new();

    [Theory]
    [InlineData(new string[0], true)]
    [InlineData(new[] { "72f988bf-86f1-41af-91ab-2d7cd011db47" }, true)]
    [InlineData(new[] { " 72F988BF-86F1-41AF-91AB-2D7CD011DB47 " }, true)]
    [InlineData(new[] { "11111111-2222-4333-8444-555555555555", "72f988bf-86f1-41af-91ab-2d7cd011db47" }, true)]
    [InlineData(new[] { "11111111-2222-4333-8444-555555555555" }, false)]
    public async Task A_Teams_message_is_served_only_for_allowed_tenants(string[] allowed, bool served)
    {
        var bot = new CountingBot();

        var response = await Process(TeamsPayloads.ChannelMention, bot, Filter(allowed));

        Assert.Equal(served, bot.Turns == 1);
        if (served)
        {
            Assert.Equal(200, response.Status);
            Assert.Single(_channel.Requests);
            return;
        }

        Assert.Equal(403, response.Status);
        var error = JsonNode.Parse(response.Body)!["error"]!;
        Assert.Equal(TeamsTenantFilter.RefusalCode, (string?)error["code"]);
        Assert.Equal(TeamsTenantFilter.RefusalMessage, (string?)error["message"]);
        Assert.Empty(_channel.Requests);
        var logged = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Warning, logged.Level);
        Assert.Contains("72f988bf-86f1-41af-91ab-2d7cd011db47", logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tenant_is_read_from_channel_data_when_the_conversation_has_none()
    {
        var bot = new CountingBot();

        var allowed = await Process(TeamsPayloads.PersonalMessage, bot, Filter(["72f988bf-86f1-41af-91ab-2d7cd011db47"]));
        var refused = await Process(TeamsPayloads.PersonalMessage, bot, Filter(["11111111-2222-4333-8444-555555555555"]));

        Assert.Equal(200, allowed.Status);
        Assert.Equal(403, refused.Status);
        Assert.Equal(1, bot.Turns);
    }

    [Fact]
    public async Task An_invoke_from_another_tenant_is_refused_too()
    {
        var bot = new CountingBot();

        var response = await Process(TeamsPayloads.AdaptiveCardAction(), bot, Filter(["11111111-2222-4333-8444-555555555555"]));

        Assert.Equal(403, response.Status);
        Assert.Equal(0, bot.Turns);
    }

    [Fact]
    public async Task A_Teams_activity_naming_no_tenant_is_refused_when_tenants_are_restricted()
    {
        var withoutTenant = """
            {"type":"message","id":"m1","channelId":"msteams","serviceUrl":"http://localhost:52345/amer/",
             "from":{"id":"29:x"},"recipient":{"id":"28:bot"},"conversation":{"id":"a:1"},"text":"hi"}
            """;

        var response = await Process(withoutTenant, new CountingBot(), Filter(["72f988bf-86f1-41af-91ab-2d7cd011db47"]));

        Assert.Equal(403, response.Status);
        Assert.Contains("(none)", Assert.Single(_logger.Entries).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_channels_are_not_restricted()
    {
        var bot = new CountingBot();
        var emulator = TeamsPayloads.ChannelMention.Replace("\"msteams\"", "\"emulator\"", StringComparison.Ordinal);

        var response = await Process(emulator, bot, Filter(["11111111-2222-4333-8444-555555555555"]));

        Assert.Equal(200, response.Status);
        Assert.Equal(1, bot.Turns);
    }

    [Theory]
    [InlineData(new string[0], true)]
    [InlineData(new[] { "72f988bf-86f1-41af-91ab-2d7cd011db47" }, true)]
    [InlineData(new[] { "72f988bf-86f1-41af-91ab-2d7cd011db47", " " }, false)]
    public void Settings_with_an_empty_tenant_entry_are_invalid(string[] allowed, bool valid)
    {
        var options = new TeamsOptions { AllowedTenants = allowed };

        Assert.Equal(valid, !options.Validate().Any());
    }

    private Task<(int Status, string? ContentType, string Body)> Process(string body, IBot bot, TeamsTenantFilter filter) =>
        AdapterHarness.Create(new StubHttpClientFactory(_channel), filters: [filter]).ProcessAsync(body, bot);

    private TeamsTenantFilter Filter(string[] allowed) =>
        new(new TestOptionsMonitor<TeamsOptions>(new TeamsOptions { AllowedTenants = allowed }), _logger);

    private sealed class CountingBot : TeamsActivityHandler
    {
        public int Turns { get; private set; }

        public override Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            Turns++;
            return base.OnTurnAsync(turnContext, cancellationToken);
        }

        protected override Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken) =>
            turnContext.SendActivityAsync(MessageFactory.Text("an answer"), cancellationToken);
    }
}
