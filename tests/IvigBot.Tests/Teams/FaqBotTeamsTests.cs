using IvigBot.Privacy;
using System.Net;
using System.Text.Json.Nodes;
using IvigBot.Bots;
using IvigBot.Tests.Bots;

namespace IvigBot.Tests.Teams;

/// <summary>
/// Clinic staff in Microsoft Teams: Teams-shaped activities (protocol doc 5 and 7.4) go over HTTP to the real host on a
/// loopback port; replies go to a local connector standing in for Teams' service URL.
/// </summary>
public sealed class FaqBotTeamsTests(TeamsBotFixture teams) : IClassFixture<TeamsBotFixture>
{
    private const string DoctorNote = "This is general information, not medical advice.";

    [Fact]
    public async Task AChannelMentionIsAnsweredInTheChannelThreadWithTheMentionStripped()
    {
        var channelId = TeamsBotFixture.NewChannelId();
        var threadId = $"{channelId};messageid=1741597800000";
        var message = teams.MentionMessage("what is IVIG flu?", threadId, "channel", channelId);

        using var response = await teams.PostActivityAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posts = teams.Connector.PostsTo(threadId);
        Assert.Equal(["typing", "message"], posts.Select(p => p.Type));
        // The thread: conversation id with ;messageid=, percent-encoded, replying to the mention's id.
        var replyPath = $"/v3/conversations/{Uri.EscapeDataString(threadId)}/activities/{(string)message["id"]!}";
        Assert.Contains("%3Bmessageid%3D1741597800000", replyPath, StringComparison.Ordinal);
        Assert.All(posts, p => Assert.Equal(replyPath, p.Path));
        var answer = posts[1].Activity;
        Assert.Equal(threadId, (string?)answer["conversation"]!["id"]);
        Assert.Equal((string?)message["id"], (string?)answer["replyToId"]);
        Assert.Equal(TeamsBotFixture.BotId, (string?)answer["from"]!["id"]);
        Assert.Equal(TeamsBotFixture.UserId, (string?)answer["recipient"]!["id"]);
        Assert.Equal(TeamsBotFixture.ClinicTenantId, (string?)answer["conversation"]!["tenantId"]);
        // The mention was stripped: the engine found the IVIG flu entry, not a fallback.
        Assert.StartsWith("**What is \"IVIG flu\"?**", (string?)answer["text"], StringComparison.Ordinal);
        Assert.Contains(DoctorNote, (string?)answer["text"], StringComparison.Ordinal);
        Assert.Equal("ivig-flu", Assert.Single(teams.Logs, l => Value(l, "ConversationId") == TextRedactor.HashId(threadId) && Value(l, "Kind") is not null).Values.Single(v => v.Key == "EntryId").Value?.ToString());
    }

    [Fact]
    public async Task AnAnswerInTeamsCarriesItsButtonsAsAnAdaptiveCardNotSuggestedActions()
    {
        var conversationId = TeamsBotFixture.NewPersonalConversationId();
        var message = teams.Activity("message", conversationId, "personal");
        message["text"] = "what is IVIG flu";

        using var response = await teams.PostActivityAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = teams.Connector.PostsTo(conversationId).Single(p => p.Type == "message").Activity;
        Assert.Null(answer["suggestedActions"]);
        Assert.Equal("markdown", (string?)answer["textFormat"]);
        var card = Card(answer);
        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Contains((string?)card["version"], (string[])["1.4", "1.5"]);
        Assert.Equal(FaqBot.RelatedHeading, (string?)card["body"]![0]!["text"]);

        var actions = Actions(card);
        Assert.Equal(["Helpful", "Not helpful"], actions.TakeLast(2).Select(a => (string?)a["title"]));
        var related = actions.SkipLast(2).ToList();
        Assert.NotEmpty(related);
        Assert.All(actions, a => Assert.Equal("Action.Submit", (string?)a["type"]));
        Assert.All(related, a =>
        {
            var entryId = (string?)a["data"]!["entryId"];
            Assert.False(string.IsNullOrEmpty(entryId));
            Assert.NotEqual("ivig-flu", entryId);
            var messageBack = a["data"]!["msteams"]!;
            Assert.Equal("messageBack", (string?)messageBack["type"]);
            Assert.Equal((string?)a["title"], (string?)messageBack["displayText"]);
            Assert.Equal(entryId, (string?)messageBack["value"]!["entryId"]);
        });
        Assert.All(actions.TakeLast(2), a =>
        {
            Assert.Equal("ivig-flu", (string?)a["data"]!["entryId"]);
            Assert.Equal((string?)a["title"], (string?)a["data"]!["msteams"]!["displayText"]);
        });
    }

    [Fact]
    public async Task APersonalChatQuestionIsAnsweredInThatChat()
    {
        var conversationId = TeamsBotFixture.NewPersonalConversationId();
        var message = teams.Activity("message", conversationId, "personal");
        message["text"] = "how long does an infusion take?";

        using var response = await teams.PostActivityAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posts = teams.Connector.PostsTo(conversationId);
        Assert.Equal(["typing", "message"], posts.Select(p => p.Type));
        var answer = posts[1].Activity;
        Assert.Equal(conversationId, (string?)answer["conversation"]!["id"]);
        Assert.Contains(DoctorNote, (string?)answer["text"], StringComparison.Ordinal);
        Assert.Contains("infusion", (string?)answer["text"], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AGroupChatMentionIsAnsweredInTheGroupChatWithTheMentionStripped()
    {
        var conversationId = TeamsBotFixture.NewGroupChatId();
        var message = teams.MentionMessage("what is IVIG flu?", conversationId, "groupChat");

        using var response = await teams.PostActivityAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = teams.Connector.PostsTo(conversationId).Single(p => p.Type == "message");
        Assert.Equal($"/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{(string)message["id"]!}", answer.Path);
        Assert.StartsWith("**What is \"IVIG flu\"?**", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ACardSubmitAnswersExactlyThatEntry(bool valueAsJsonString)
    {
        var conversationId = TeamsBotFixture.NewPersonalConversationId();
        var submit = teams.Activity("message", conversationId, "personal");
        // Action.Submit with msteams messageBack: the question shows as the user's message, the value decides the answer.
        submit["text"] = "Can I have vaccines while on IVIG?";
        JsonNode value = new JsonObject { ["entryId"] = "ivig-flu" };
        submit["value"] = valueAsJsonString ? JsonValue.Create(value.ToJsonString()) : value;

        using var response = await teams.PostActivityAsync(submit);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = teams.Connector.PostsTo(conversationId).Single(p => p.Type == "message");
        Assert.StartsWith("**What is \"IVIG flu\"?**", answer.Text, StringComparison.Ordinal);
        Assert.All(Actions(Card(answer.Activity)).TakeLast(2), a => Assert.Equal("ivig-flu", (string?)a["data"]!["entryId"]));
    }

    [Fact]
    public async Task ACardSubmitWithoutMessageBackStillAnswersThatEntry()
    {
        // Plain Action.Submit: no text, value = the action's data (with its msteams part, as a client may send it).
        var conversationId = TeamsBotFixture.NewPersonalConversationId();
        var submit = teams.Activity("message", conversationId, "personal");
        submit["value"] = new JsonObject
        {
            ["entryId"] = "ivig-flu",
            ["msteams"] = new JsonObject { ["type"] = "messageBack", ["displayText"] = "What is \"IVIG flu\"?" },
        };

        using var response = await teams.PostActivityAsync(submit);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("**What is \"IVIG flu\"?**", teams.Connector.PostsTo(conversationId).Single(p => p.Type == "message").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CardFeedbackIsThankedAndLogged()
    {
        var conversationId = TeamsBotFixture.NewPersonalConversationId();
        var submit = teams.Activity("message", conversationId, "personal");
        submit["value"] = new JsonObject { ["feedback"] = "helpful", ["entryId"] = "ivig-flu" };

        using var response = await teams.PostActivityAsync(submit);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(FaqBot.FeedbackThanksText, Assert.Single(teams.Connector.PostsTo(conversationId)).Text);
        var logged = Assert.Single(teams.Logs, l => Value(l, "ConversationId") == TextRedactor.HashId(conversationId) && Value(l, "Helpful") is not null);
        Assert.Equal("True", Value(logged, "Helpful"));
    }

    [Fact]
    public async Task AnAdaptiveCardActionIsAnsweredInTheResponseWithTheAnswerCard()
    {
        var conversationId = TeamsBotFixture.NewPersonalConversationId();
        var invoke = Invoke(conversationId, "answer", new JsonObject { ["entryId"] = "ivig-flu" });

        using var response = await teams.PostActivityAsync(invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, (int)body["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)body["type"]);
        var card = body["value"]!;
        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.StartsWith("**What is \"IVIG flu\"?**", (string?)card["body"]![0]!["text"], StringComparison.Ordinal);
        var actions = Actions(card);
        Assert.All(actions, a => Assert.Equal("Action.Execute", (string?)a["type"]));
        Assert.Equal(["feedback", "feedback"], actions.TakeLast(2).Select(a => (string?)a["verb"]));
        Assert.All(actions.SkipLast(2), a => Assert.Equal("answer", (string?)a["verb"]));
        // Answered from the response alone: nothing is sent to the channel, so no network call can hold up the answer
        // Teams waits about 5 s for.
        Assert.Empty(teams.Connector.PostsTo(conversationId));
    }

    [Fact]
    public async Task AnAdaptiveCardFeedbackActionIsThankedInTheResponse()
    {
        var conversationId = TeamsBotFixture.NewPersonalConversationId();
        var invoke = Invoke(conversationId, "feedback", new JsonObject { ["feedback"] = "not-helpful", ["entryId"] = "ivig-flu" });

        using var response = await teams.PostActivityAsync(invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)body["type"]);
        Assert.Equal(FaqBot.FeedbackThanksText, (string?)body["value"]);
        Assert.Equal("False", Value(Assert.Single(teams.Logs, l => Value(l, "ConversationId") == TextRedactor.HashId(conversationId) && Value(l, "Helpful") is not null), "Helpful"));
    }

    [Theory]
    [InlineData("reboot", "{\"entryId\":\"ivig-flu\"}")]
    [InlineData("answer", "{}")]
    [InlineData("feedback", "{\"entryId\":\"ivig-flu\"}")]
    public async Task AnAdaptiveCardActionTheBotDoesNotKnowGetsAKindError(string verb, string data)
    {
        var conversationId = TeamsBotFixture.NewPersonalConversationId();

        using var response = await teams.PostActivityAsync(Invoke(conversationId, verb, JsonNode.Parse(data)!.AsObject()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(400, (int)body["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.error", (string?)body["type"]);
        Assert.Equal(FaqBot.UnknownActionText, (string?)body["value"]!["message"]);
    }

    [Fact]
    public async Task AnAdaptiveCardActionForAMissingEntryOffersTheExamples()
    {
        var conversationId = TeamsBotFixture.NewPersonalConversationId();

        using var response = await teams.PostActivityAsync(Invoke(conversationId, "answer", new JsonObject { ["entryId"] = "no-such-entry" }));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, (int)body["statusCode"]!);
        Assert.Equal(FaqBot.UnknownEntryText, (string?)body["value"]!["body"]![0]!["text"]);
        Assert.Equal(4, Actions(body["value"]!).Count);
    }

    [Theory]
    [InlineData("personal")]
    [InlineData("groupChat")]
    [InlineData("channel")]
    public async Task InstallingTheAppWelcomesOnceAndPeopleJoiningLaterAreNotWelcomed(string scope)
    {
        var conversationId = scope switch
        {
            "personal" => TeamsBotFixture.NewPersonalConversationId(),
            "groupChat" => TeamsBotFixture.NewGroupChatId(),
            _ => TeamsBotFixture.NewChannelId(),
        };
        var channelId = scope == "channel" ? conversationId : null;

        // Install: Teams sends a conversationUpdate adding the bot (in a team with eventType teamMemberAdded) and an
        // installationUpdate "add".
        var botAdded = teams.Activity("conversationUpdate", conversationId, scope, channelId: channelId);
        botAdded["membersAdded"] = new JsonArray(new JsonObject { ["id"] = TeamsBotFixture.BotId });
        botAdded["channelData"]!["eventType"] = "teamMemberAdded";
        var installed = teams.Activity("installationUpdate", conversationId, scope, channelId: channelId);
        installed["action"] = "add";
        // Later: two colleagues join, and the app is upgraded.
        var peopleAdded = teams.Activity("conversationUpdate", conversationId, scope, channelId: channelId);
        peopleAdded["membersAdded"] = new JsonArray(
            new JsonObject { ["id"] = "29:2NeW", ["aadObjectId"] = "0f0e0000-0000-4000-8000-000000000004" },
            new JsonObject { ["id"] = "29:3NeW", ["aadObjectId"] = "0f0e0000-0000-4000-8000-000000000005" });
        peopleAdded["channelData"]!["eventType"] = "teamMemberAdded";
        var upgraded = teams.Activity("installationUpdate", conversationId, scope, channelId: channelId);
        upgraded["action"] = "add-upgrade";

        foreach (var activity in new[] { botAdded, installed, peopleAdded, upgraded })
        {
            using var response = await teams.PostActivityAsync(activity);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var welcome = Assert.Single(teams.Connector.PostsTo(conversationId));
        Assert.Equal(FaqBot.WelcomeText, welcome.Text);
        Assert.Null(welcome.Activity["suggestedActions"]);
        var examples = Actions(Card(welcome.Activity));
        Assert.Equal(4, examples.Count);
        Assert.Contains(examples, a => (string?)a["data"]!["entryId"] == "ivig-flu");
    }

    [Fact]
    public async Task AMessageFromATenantNotAllowedIsRefusedWith403AndNotAnswered()
    {
        var conversationId = TeamsBotFixture.NewPersonalConversationId();
        var message = teams.Activity("message", conversationId, "personal", TeamsBotFixture.OtherTenantId);
        message["text"] = "what is IVIG flu";

        using var response = await teams.PostActivityAsync(message);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("TenantNotAllowed", (string?)error["code"]);
        Assert.Empty(teams.Connector.PostsTo(conversationId));
        var logged = Assert.Single(teams.Logs, l => Value(l, "TenantId") == TeamsBotFixture.OtherTenantId);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, logged.Level);
        Assert.DoesNotContain(teams.Logs, l => l.Message.Contains("what is IVIG flu", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AnInstallFromATenantNotAllowedIsNotWelcomed()
    {
        var conversationId = TeamsBotFixture.NewPersonalConversationId();
        var installed = teams.Activity("installationUpdate", conversationId, "personal", TeamsBotFixture.OtherTenantId);
        installed["action"] = "add";

        using var response = await teams.PostActivityAsync(installed);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(teams.Connector.PostsTo(conversationId));
    }

    private JsonObject Invoke(string conversationId, string verb, JsonObject data)
    {
        var invoke = teams.Activity("invoke", conversationId, "personal");
        invoke["name"] = "adaptiveCard/action";
        invoke["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["id"] = "a1", ["data"] = data },
            ["trigger"] = "manual",
        };
        return invoke;
    }

    private static JsonNode Card(JsonObject activity)
    {
        var attachment = Assert.Single(activity["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        return attachment["content"]!;
    }

    /// <summary>Every action of the card, in order, from its action sets.</summary>
    private static List<JsonNode> Actions(JsonNode card) =>
        card["body"]!.AsArray()
            .Where(e => (string?)e!["type"] == "ActionSet")
            .SelectMany(e => e!["actions"]!.AsArray())
            .Select(a => a!)
            .ToList();

    private static string? Value(RecordedLog log, string key) =>
        log.Values.FirstOrDefault(v => v.Key == key).Value?.ToString();
}
