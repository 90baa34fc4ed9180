using System.Text.Json.Nodes;
using IvigBot.BotFramework.Builder;
using IvigBot.BotFramework.Schema;
using IvigBot.BotFramework.Teams;

namespace IvigBot.BotFramework.Tests.Teams;

public class TeamsActivityHandlerTests
{
    private readonly TeamsAdapterHarness _harness = new();

    [Fact]
    public async Task A_channel_mention_is_answered_in_the_channel_thread_with_the_mention_stripped()
    {
        var bot = new RecordingBot();

        var response = await _harness.ProcessAsync(TeamsPayloads.ChannelMention, bot);

        Assert.Equal(200, response.Status);
        Assert.Equal("what is IVIG flu?", bot.Question);
        var reply = Assert.Single(_harness.Channel.Requests);
        // The thread is addressed by the conversation id with ;messageid=, percent-encoded, and the root message id.
        Assert.Equal(
            "http://localhost:52345/amer/v3/conversations/19%3Aa1b2c3%40thread.skype%3Bmessageid%3D1741597800000/activities/1741597800000",
            reply.Uri.AbsoluteUri);
        var body = JsonNode.Parse(reply.Body)!;
        Assert.Equal(TeamsPayloads.ChannelConversationId, (string?)body["conversation"]!["id"]);
        Assert.Equal(TeamsPayloads.TenantId, (string?)body["conversation"]!["tenantId"]);
        Assert.Equal("1741597800000", (string?)body["replyToId"]);
        Assert.Equal(TeamsPayloads.BotId, (string?)body["from"]!["id"]);
        Assert.Equal("29:1AbC", (string?)body["recipient"]!["id"]);
    }

    [Fact]
    public async Task The_Teams_channel_data_is_kept_on_the_turn_and_the_tenant_put_on_the_conversation()
    {
        var bot = new RecordingBot();

        await _harness.ProcessAsync(TeamsPayloads.PersonalMessage, bot);

        Assert.Equal(TeamsPayloads.TenantId, bot.ChannelData?.Tenant?.Id);
        Assert.Null(bot.ChannelData?.Team);
        var reply = JsonNode.Parse(Assert.Single(_harness.Channel.Requests).Body)!;
        Assert.Equal("a:1pErSoNaL", (string?)reply["conversation"]!["id"]);
        Assert.Equal(TeamsPayloads.TenantId, (string?)reply["conversation"]!["tenantId"]);
    }

    [Fact]
    public async Task Channel_data_of_a_channel_message_names_team_channel_and_tenant()
    {
        var bot = new RecordingBot();

        await _harness.ProcessAsync(TeamsPayloads.ChannelMention, bot);

        Assert.Equal("19:t9@thread.skype", bot.ChannelData?.Team?.Id);
        Assert.Equal("Day unit", bot.ChannelData?.Team?.Name);
        Assert.Equal("19:a1b2c3@thread.skype", bot.ChannelData?.Channel?.Id);
        Assert.Equal(TeamsPayloads.TenantId, bot.ChannelData?.Tenant?.Id);
        Assert.True(bot.ChannelData?.Properties?.ContainsKey("settings"));
    }

    [Fact]
    public async Task An_adaptive_card_action_is_answered_200_with_the_invoke_response_as_the_body()
    {
        var bot = new RecordingBot();

        var response = await _harness.ProcessAsync(TeamsPayloads.AdaptiveCardAction(), bot);

        Assert.Equal(200, response.Status);
        Assert.Equal("application/json; charset=utf-8", response.ContentType);
        var body = JsonNode.Parse(response.Body)!;
        Assert.Equal(200, (int)body["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)body["type"]);
        Assert.Equal("answer:ivig-flu", (string?)body["value"]);
        Assert.Equal("manual", bot.Invoke?.Trigger);
        Assert.Empty(_harness.Channel.Requests);
    }

    [Theory]
    [InlineData("Action.Submit", "must be Action.Execute")]
    [InlineData("", "must be Action.Execute")]
    public async Task An_adaptive_card_action_of_another_type_is_answered_400_with_an_error_body(string actionType, string reason)
    {
        var response = await _harness.ProcessAsync(TeamsPayloads.AdaptiveCardAction(actionType), new RecordingBot());

        Assert.Equal(400, response.Status);
        var body = JsonNode.Parse(response.Body)!;
        Assert.Equal(400, (int)body["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.error", (string?)body["type"]);
        Assert.Equal("BadRequest", (string?)body["value"]!["code"]);
        Assert.Contains(reason, (string?)body["value"]!["message"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"text\"")]
    [InlineData("{}")]
    [InlineData("{\"action\":[1]}")]
    public async Task An_adaptive_card_action_without_a_usable_value_is_answered_400(string value)
    {
        var request = TeamsPayloads.AdaptiveCardAction().Replace(
            """{"action":{"type":"Action.Execute","verb":"answer","id":"a1","data":{"entryId":"ivig-flu"}},"trigger":"manual"}""",
            value,
            StringComparison.Ordinal);
        Assert.NotEqual(TeamsPayloads.AdaptiveCardAction(), request);

        var response = await _harness.ProcessAsync(request, new RecordingBot());

        Assert.Equal(400, response.Status);
        Assert.Equal("application/vnd.microsoft.error", (string?)JsonNode.Parse(response.Body)!["type"]);
    }

    [Fact]
    public async Task A_bot_that_does_not_handle_adaptive_card_actions_answers_501()
    {
        var response = await _harness.ProcessAsync(TeamsPayloads.AdaptiveCardAction(), new TeamsActivityHandler());

        Assert.Equal(501, response.Status);
    }

    [Fact]
    public async Task Teams_members_added_come_with_the_team_and_without_the_bot()
    {
        var bot = new RecordingBot();

        await _harness.ProcessAsync(TeamsPayloads.TeamMembersAdded, bot);

        var added = Assert.Single(bot.MembersAdded);
        Assert.Equal("29:2NeW", added.Id);
        Assert.Equal("Day unit", bot.Team?.Name);
    }

    [Fact]
    public async Task Off_Teams_conversation_updates_keep_the_plain_ActivityHandler_behaviour()
    {
        var bot = new RecordingBot();
        var emulator = TeamsPayloads.TeamMembersAdded.Replace("\"msteams\"", "\"emulator\"", StringComparison.Ordinal);

        await _harness.ProcessAsync(emulator, bot);

        Assert.Equal("29:2NeW", Assert.Single(bot.MembersAdded).Id);
        Assert.Null(bot.Team);
        Assert.Null(bot.ChannelData);
    }

    private sealed class RecordingBot : TeamsActivityHandler
    {
        public string? Question { get; private set; }

        public TeamsChannelData? ChannelData { get; private set; }

        public AdaptiveCardInvokeValue? Invoke { get; private set; }

        public IReadOnlyList<ChannelAccount> MembersAdded { get; private set; } = [];

        public TeamInfo? Team { get; private set; }

        public override Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            var turn = base.OnTurnAsync(turnContext, cancellationToken);
            ChannelData = GetTeamsChannelData(turnContext);
            return turn;
        }

        protected override Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            Question = turnContext.Activity.RemoveRecipientMention();
            return turnContext.SendActivityAsync("an answer", cancellationToken);
        }

        protected override Task OnTeamsMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, TeamInfo? teamInfo, ITurnContext turnContext, CancellationToken cancellationToken)
        {
            Team = teamInfo;
            return base.OnTeamsMembersAddedAsync(membersAdded, teamInfo, turnContext, cancellationToken);
        }

        protected override Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken)
        {
            MembersAdded = membersAdded;
            return Task.CompletedTask;
        }

        protected override Task<AdaptiveCardInvokeResponse?> OnAdaptiveCardInvokeAsync(ITurnContext turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
        {
            Invoke = invokeValue;
            var entryId = (string?)invokeValue.Action?.Data?["entryId"];
            return Task.FromResult<AdaptiveCardInvokeResponse?>(AdaptiveCardInvokeResponse.Message($"{invokeValue.Action?.Verb}:{entryId}"));
        }
    }
}
