using IvigBot.Privacy;
using System.Net;
using System.Text.Json.Nodes;
using IvigBot.Bots;

namespace IvigBot.Tests.Bots;

/// <summary>
/// End to end as with the Bot Framework Emulator (protocol doc 7.1, 7.5): activities go over HTTP to the real host on
/// a loopback port, replies come back over HTTP to a local connector.
/// </summary>
public sealed class FaqBotEmulatorTests(BotServiceFixture service) : IClassFixture<BotServiceFixture>
{
    private const string DoctorNote = "This is general information, not medical advice.";

    [Fact]
    public async Task OpeningTheConversationWelcomesTheUserWithExampleQuestions()
    {
        var conversationId = BotServiceFixture.NewConversationId();
        var update = service.Activity("conversationUpdate", conversationId);
        update["membersAdded"] = new JsonArray(
            new JsonObject { ["id"] = BotServiceFixture.EmulatorUserId, ["name"] = "User" },
            new JsonObject { ["id"] = BotServiceFixture.EmulatorBotId, ["name"] = "Bot" });

        using var response = await service.PostActivityAsync(update);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var welcome = Assert.Single(service.Connector.PostsTo(conversationId));
        Assert.Equal(ReplyPath(conversationId, (string)update["id"]!), welcome.Path);
        Assert.Equal("message", welcome.Type);
        Assert.Equal(FaqBot.WelcomeText, welcome.Text);
        Assert.Contains("not medical advice", welcome.Text, StringComparison.Ordinal);
        AssertAddressedToUser(welcome.Activity, conversationId);
        var actions = Actions(welcome.Activity);
        Assert.Equal(4, actions.Count);
        Assert.Distinct(actions.Select(a => (string?)a["value"]?["entryId"]));
        Assert.Contains(actions, a => (string?)a["value"]?["entryId"] == "ivig-flu");
        Assert.All(actions, a => Assert.Equal("messageBack", (string?)a["type"]));
    }

    [Fact]
    public async Task TheBotJoiningAloneIsNotWelcomed()
    {
        var conversationId = BotServiceFixture.NewConversationId();
        var update = service.Activity("conversationUpdate", conversationId);
        update["membersAdded"] = new JsonArray(new JsonObject { ["id"] = BotServiceFixture.EmulatorBotId, ["name"] = "Bot" });

        using var response = await service.PostActivityAsync(update);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(service.Connector.PostsTo(conversationId));
    }

    [Fact]
    public async Task AQuestionGetsTypingThenTheAnswerOnTheReplyPath()
    {
        var conversationId = BotServiceFixture.NewConversationId();
        var message = service.Activity("message", conversationId);
        message["text"] = "what is IVIG flu";
        message["textFormat"] = "plain";

        using var response = await service.PostActivityAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        var posts = service.Connector.PostsTo(conversationId);
        Assert.Equal(["typing", "message"], posts.Select(p => p.Type));
        var replyPath = ReplyPath(conversationId, (string)message["id"]!);
        Assert.All(posts, p => Assert.Equal(replyPath, p.Path));
        Assert.All(posts, p => Assert.Equal((string?)message["id"], (string?)p.Activity["replyToId"]));
        Assert.All(posts, p => AssertAddressedToUser(p.Activity, conversationId));

        var answer = posts[1];
        Assert.Equal("markdown", (string?)answer.Activity["textFormat"]);
        Assert.Equal("en-US", (string?)answer.Activity["locale"]);
        Assert.Contains("IVIG flu", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Source:", answer.Text, StringComparison.Ordinal);
        Assert.Contains(DoctorNote, answer.Text, StringComparison.Ordinal);

        var actions = Actions(answer.Activity);
        Assert.Equal(["Helpful", "Not helpful"], actions.TakeLast(2).Select(a => (string?)a["title"]));
        Assert.All(actions.TakeLast(2), a => Assert.Equal("ivig-flu", (string?)a["value"]?["entryId"]));
        var related = actions.SkipLast(2).ToList();
        Assert.NotEmpty(related);
        Assert.All(related, a =>
        {
            Assert.Equal("messageBack", (string?)a["type"]);
            Assert.Equal((string?)a["title"], (string?)a["displayText"]);
            Assert.False(string.IsNullOrEmpty((string?)a["value"]?["entryId"]));
        });
    }

    [Fact]
    public async Task ExpectRepliesReturnsTheRepliesInTheResponseAndPostsNothing()
    {
        var conversationId = BotServiceFixture.NewConversationId();
        var message = service.Activity("message", conversationId);
        message["text"] = "what is IVIG flu";
        message["deliveryMode"] = "expectReplies";

        using var response = await service.PostActivityAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var activities = body["activities"]!.AsArray();
        var answer = activities.Single(a => (string?)a!["type"] == "message")!;
        Assert.Contains(DoctorNote, (string?)answer["text"], StringComparison.Ordinal);
        Assert.Equal((string?)message["id"], (string?)answer["replyToId"]);
        AssertAddressedToUser(answer.AsObject(), conversationId);
        Assert.Empty(service.Connector.PostsTo(conversationId));
    }

    [Fact]
    public async Task ASuggestedQuestionClickAnswersExactlyThatEntry()
    {
        var conversationId = BotServiceFixture.NewConversationId();
        var click = service.Activity("message", conversationId);
        // messageBack: the text is what the patient sees; the value decides the answer, without searching.
        click["text"] = "something the search would not match";
        click["value"] = new JsonObject { ["entryId"] = "ivig-flu" };

        var answer = await AskExpectingRepliesAsync(click);

        Assert.StartsWith("**What is \"IVIG flu\"?**", (string?)answer["text"], StringComparison.Ordinal);
        Assert.All(Actions(answer).TakeLast(2), a => Assert.Equal("ivig-flu", (string?)a["value"]?["entryId"]));
    }

    [Fact]
    public async Task AClickOnAnEntryThatNoLongerExistsOffersTheExamples()
    {
        var conversationId = BotServiceFixture.NewConversationId();
        var click = service.Activity("message", conversationId);
        click["value"] = new JsonObject { ["entryId"] = "no-such-entry" };

        var answer = await AskExpectingRepliesAsync(click);

        Assert.Equal(FaqBot.UnknownEntryText, (string?)answer["text"]);
        Assert.Equal(4, Actions(answer).Count);
    }

    [Fact]
    public async Task FeedbackIsAcknowledgedAndLoggedWithoutText()
    {
        var conversationId = BotServiceFixture.NewConversationId();
        var feedback = service.Activity("message", conversationId);
        feedback["text"] = "Not helpful";
        feedback["value"] = new JsonObject { ["feedback"] = "not-helpful", ["entryId"] = "ivig-flu" };

        using var response = await service.PostActivityAsync(feedback);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(service.Connector.PostsTo(conversationId));
        Assert.Equal(FaqBot.FeedbackThanksText, reply.Text);
        var logged = Assert.Single(service.Logs, l => Value(l, "ConversationId") == TextRedactor.HashId(conversationId) && Value(l, "Helpful") is not null);
        Assert.Equal("ivig-flu", Value(logged, "EntryId"));
        Assert.Equal("False", Value(logged, "Helpful"));
    }

    [Fact]
    public async Task ReactionsAreLoggedAndNotAnswered()
    {
        var conversationId = BotServiceFixture.NewConversationId();
        var reaction = service.Activity("messageReaction", conversationId);
        reaction["replyToId"] = "reply-42";
        reaction["reactionsAdded"] = new JsonArray(new JsonObject { ["type"] = "like" });

        using var response = await service.PostActivityAsync(reaction);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(service.Connector.PostsTo(conversationId));
        var logged = Assert.Single(service.Logs, l => Value(l, "ConversationId") == TextRedactor.HashId(conversationId));
        Assert.Equal("like", Value(logged, "ReactionType"));
        Assert.Equal(TextRedactor.HashId("reply-42"), Value(logged, "ReplyToId"));
    }

    [Fact]
    public async Task LogsNeverContainThePatientsText()
    {
        var conversationId = BotServiceFixture.NewConversationId();
        var message = service.Activity("message", conversationId);
        const string question = "my neighbour Zebediah says ivig flu is contagious";
        message["text"] = question;

        using var response = await service.PostActivityAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The reply is logged with its kind and timing; a fallback's redacted question may be logged too, never the raw text.
        Assert.Single(service.Logs, l => Value(l, "ConversationId") == TextRedactor.HashId(conversationId) && Value(l, "Kind") is not null && Value(l, "ElapsedMs") is not null);
        Assert.DoesNotContain(service.Logs, l => l.Message.Contains("Zebediah", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task UnknownActivityTypesAreAcceptedAndIgnored()
    {
        var conversationId = BotServiceFixture.NewConversationId();

        using var response = await service.PostActivityAsync(service.Activity("somethingNew", conversationId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(service.Connector.PostsTo(conversationId));
    }

    [Fact]
    public async Task MalformedJsonIsRefusedWithAReason()
    {
        using var response = await service.PostRawAsync("{\"type\": \"message\", ");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.False(string.IsNullOrEmpty((string?)error["message"]));
    }

    [Fact]
    public async Task AMissingConversationIsRefusedWithAReason()
    {
        var message = service.Activity("message", BotServiceFixture.NewConversationId());
        message.Remove("conversation");
        message["text"] = "what is IVIG flu";

        using var response = await service.PostActivityAsync(message);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Contains("conversation", (string?)error["message"], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnOversizedBodyIsRefused()
    {
        var conversationId = BotServiceFixture.NewConversationId();
        var message = service.Activity("message", conversationId);
        message["text"] = new string('a', 300 * 1024);

        using var response = await service.PostActivityAsync(message);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(service.Connector.PostsTo(conversationId));
    }

    private async Task<JsonObject> AskExpectingRepliesAsync(JsonObject message)
    {
        message["deliveryMode"] = "expectReplies";
        using var response = await service.PostActivityAsync(message);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var activities = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]!.AsArray();

        // Every reply comes back at once, so there is no typing indicator to show first: only the answer.
        return Assert.Single(activities)!.AsObject() is var reply && (string?)reply["type"] == "message"
            ? reply
            : throw new Xunit.Sdk.XunitException($"expected one message activity, got {activities.ToJsonString()}");
    }

    private static string ReplyPath(string conversationId, string activityId) =>
        $"/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}";

    private static void AssertAddressedToUser(JsonObject activity, string conversationId)
    {
        Assert.Equal(BotServiceFixture.EmulatorBotId, (string?)activity["from"]?["id"]);
        Assert.Equal(BotServiceFixture.EmulatorUserId, (string?)activity["recipient"]?["id"]);
        Assert.Equal(conversationId, (string?)activity["conversation"]?["id"]);
        Assert.Equal("emulator", (string?)activity["channelId"]);
    }

    private static List<JsonObject> Actions(JsonObject activity) =>
        activity["suggestedActions"]?["actions"]?.AsArray().Select(a => a!.AsObject()).ToList() ?? [];

    private static string? Value(RecordedLog log, string name) =>
        log.Values.FirstOrDefault(v => v.Key == name).Value?.ToString();
}
