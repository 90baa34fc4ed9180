using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IvigBot.BotFramework.Integration;
using IvigBot.BotFramework.Tests.Infrastructure;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace IvigBot.BotFramework.Tests.Integration;

/// <summary>The <c>/api/messages</c> pipeline of <see cref="FastCloudAdapter"/> over the SDK's authentication.</summary>
public class FastCloudAdapterTests
{
    private const string TurnErrorMessage = "Sorry, something went wrong on our side.";

    private const string EmulatorMessage = """
        {"type":"message","text":"How long does an infusion take?","channelId":"emulator","id":"e0f1a2b0",
         "conversation":{"id":"c1a2b3c0|livechat"},"from":{"id":"user-1","name":"User","role":"user"},
         "recipient":{"id":"bot-1","name":"Bot","role":"bot"},"locale":"en-US","serviceUrl":"http://localhost:52345"}
        """;

    private readonly StubHttpMessageHandler _channel =
        StubHttpMessageHandler.Sequence(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"id":"r1"}""") });

    [Fact]
    public async Task Message_is_answered_200_and_the_reply_posted_to_the_serviceUrl()
    {
        var response = await Process(EmulatorMessage, new EchoBot());

        Assert.Equal(200, response.Status);
        var reply = Assert.Single(_channel.Requests);
        Assert.Equal("http://localhost:52345/v3/conversations/c1a2b3c0%7Clivechat/activities/e0f1a2b0", reply.Uri.AbsoluteUri);
        var body = JsonNode.Parse(reply.Body)!;
        Assert.Equal("echo: How long does an infusion take?", body["text"]!.GetValue<string>());
        Assert.Equal("bot-1", body["from"]!["id"]!.GetValue<string>());
        Assert.Null(body["id"]);
    }

    [Fact]
    public async Task Connector_clients_are_kept_per_serviceUrl_and_reused_across_turns()
    {
        var adapter = Create();
        var elsewhere = EmulatorMessage.Replace("http://localhost:52345", "http://127.0.0.1:52346", StringComparison.Ordinal);

        await adapter.ProcessAsync(EmulatorMessage, new EchoBot());
        await adapter.ProcessAsync(EmulatorMessage, new EchoBot());
        await adapter.ProcessAsync(elsewhere, new EchoBot());

        Assert.Equal(2, adapter.CachedConnectorCount);
        Assert.Equal(
            ["localhost:52345", "localhost:52345", "127.0.0.1:52346"],
            _channel.Requests.Select(r => r.Uri.Authority));
    }

    [Fact]
    public async Task Without_room_in_the_cache_the_SDKs_per_turn_path_gives_the_same_answers()
    {
        var adapter = Create(new Dictionary<string, string?> { ["MaxCachedConnectors"] = "0" });
        var invoke = """
            {"type":"invoke","name":"adaptiveCard/action","channelId":"msteams","id":"i1","conversation":{"id":"a:1"},
             "serviceUrl":"http://localhost:1/","value":{"action":{"type":"Action.Execute","verb":"save"}}}
            """;

        var message = await adapter.ProcessAsync(EmulatorMessage, new EchoBot());
        var invoked = await adapter.ProcessAsync(invoke, new SavingBot());

        Assert.Equal(0, adapter.CachedConnectorCount);
        Assert.Equal(200, message.Status);
        Assert.Equal("", message.Body);
        var reply = JsonNode.Parse(Assert.Single(_channel.Requests).Body)!;
        Assert.Equal("echo: How long does an infusion take?", reply["text"]!.GetValue<string>());
        Assert.Equal(200, invoked.Status);
        Assert.Contains("Saved", invoked.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SDK_middleware_runs_around_every_turn_and_sees_the_replies()
    {
        var adapter = Create();
        var seen = new List<string>();
        adapter.Use(new RecordingMiddleware(seen));

        var response = await adapter.ProcessAsync(EmulatorMessage, new EchoBot());

        Assert.Equal(200, response.Status);
        Assert.Equal(["before message", "sent echo: How long does an infusion take?", "after message"], seen);
    }

    [Fact]
    public async Task The_turn_runs_in_the_activitys_locale()
    {
        // The SDK sets the turn's culture and TurnContext.Locale from the activity (dialogs and prompts read them). Under
        // invariant globalization that needs cultures creatable by name (PredefinedCulturesOnly false in
        // Directory.Build.props); otherwise the SDK throws and catches on every turn and falls back to the invariant "".
        var adapter = Create();
        var seen = new List<string>();
        adapter.Use(new LocaleMiddleware(seen));

        await adapter.ProcessAsync(EmulatorMessage, new EchoBot());
        await adapter.ProcessAsync(EmulatorMessage.Replace("\"en-US\"", "\"fr-CA\"", StringComparison.Ordinal), new EchoBot());

        Assert.Equal(["en-US en-US", "fr-CA fr-CA"], seen);
    }

    [Theory]
    [InlineData("{not json", "not a JSON activity")]
    [InlineData("null", "not a JSON activity")]
    [InlineData("[]", "not a JSON activity")]
    [InlineData("{}", "no type")]
    [InlineData("""{"type":"message","serviceUrl":"http://localhost:1"}""", "no conversation id")]
    [InlineData("""{"type":"message","conversation":{"id":"c"}}""", "no valid serviceUrl")]
    [InlineData("""{"type":"message","conversation":{"id":"c"},"serviceUrl":"/relative"}""", "no valid serviceUrl")]
    [InlineData("""{"type":"message","conversation":{"id":"c"},"serviceUrl":"file:///etc/passwd"}""", "no valid serviceUrl")]
    public async Task Bad_requests_get_400_with_a_short_reason(string body, string reason)
    {
        var response = await Process(body, new EchoBot());

        Assert.Equal(400, response.Status);
        Assert.Equal("application/json; charset=utf-8", response.ContentType);
        Assert.Contains(reason, JsonNode.Parse(response.Body)!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(_channel.Requests);
    }

    [Fact]
    public async Task Oversized_body_gets_413_before_parsing()
    {
        var huge = EmulatorMessage.Replace("How long", new string('x', 300_000), StringComparison.Ordinal);

        var response = await Process(huge, new EchoBot());

        Assert.Equal(413, response.Status);
        Assert.Empty(_channel.Requests);
    }

    [Fact]
    public async Task Oversized_body_without_content_length_gets_413()
    {
        var huge = EmulatorMessage.Replace("How long", new string('x', 300_000), StringComparison.Ordinal);

        var response = await Process(huge, new EchoBot(), sendContentLength: false);

        Assert.Equal(413, response.Status);
    }

    [Fact]
    public async Task ExpectReplies_returns_the_replies_in_the_body_and_posts_nothing()
    {
        var request = """
            {"type":"message","deliveryMode":"expectReplies","text":"office hours?","channelId":"directline",
             "id":"t1","conversation":{"id":"conv-test-1"},"from":{"id":"tester"},"recipient":{"id":"bot"},
             "serviceUrl":"https://unused.example/","locale":"en-US"}
            """;

        var response = await Process(request, new EchoBot());

        Assert.Equal(200, response.Status);
        var activities = JsonNode.Parse(response.Body)!["activities"]!.AsArray();
        var reply = Assert.Single(activities)!;
        Assert.Equal("echo: office hours?", reply["text"]!.GetValue<string>());
        Assert.Equal("t1", reply["replyToId"]!.GetValue<string>());
        Assert.Equal("tester", reply["recipient"]!["id"]!.GetValue<string>());
        Assert.Equal("conv-test-1", reply["conversation"]!["id"]!.GetValue<string>());
        Assert.Empty(_channel.Requests);
    }

    [Fact]
    public async Task Invoke_returns_the_handlers_status_and_body()
    {
        var request = """
            {"type":"invoke","name":"adaptiveCard/action","channelId":"msteams","id":"i1","conversation":{"id":"a:1"},
             "serviceUrl":"http://localhost:1/","value":{"action":{"type":"Action.Execute","verb":"save"}}}
            """;

        var response = await Process(request, new SavingBot());

        Assert.Equal(200, response.Status);
        Assert.Equal(
            """{"statusCode":200,"type":"application/vnd.microsoft.activity.message","value":"Saved"}""",
            response.Body);
        Assert.Empty(_channel.Requests);
    }

    [Fact]
    public async Task Invoke_nobody_handles_gets_501()
    {
        var request = """{"type":"invoke","name":"task/fetch","channelId":"msteams","conversation":{"id":"a:1"},"serviceUrl":"http://localhost:1/"}""";

        var response = await Process(request, new EchoBot());

        Assert.Equal(501, response.Status);
    }

    [Fact]
    public async Task Unknown_activity_types_are_accepted_and_ignored()
    {
        var request = """{"type":"somethingFromTheFuture","channelId":"emulator","conversation":{"id":"c"},"serviceUrl":"http://localhost:1"}""";

        var response = await Process(request, new EchoBot());

        Assert.Equal(200, response.Status);
        Assert.Empty(_channel.Requests);
    }

    [Fact]
    public async Task A_failing_turn_tells_the_user_politely_and_answers_200_without_internals()
    {
        var response = await Process(EmulatorMessage, new ThrowingBot());

        Assert.Equal(200, response.Status);
        Assert.Equal("", response.Body);
        var apology = JsonNode.Parse(Assert.Single(_channel.Requests).Body)!;
        Assert.Equal(TurnErrorMessage, apology["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task When_even_the_apology_cannot_be_sent_the_answer_is_500_with_no_stack_trace()
    {
        var downChannel = StubHttpMessageHandler.Sequence(() => new HttpResponseMessage(HttpStatusCode.NotFound));

        var response = await Process(EmulatorMessage, new ThrowingBot(), channel: downChannel);

        Assert.Equal(500, response.Status);
        Assert.DoesNotContain("at ", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", response.Body, StringComparison.Ordinal);
        Assert.Equal("ServiceError", JsonNode.Parse(response.Body)!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Anonymous_bot_refuses_a_public_serviceUrl_with_403_and_never_calls_it()
    {
        var request = EmulatorMessage.Replace("http://localhost:52345", "https://attacker.example", StringComparison.Ordinal);
        var bot = new EchoBot();

        var response = await Process(request, bot);

        Assert.Equal(403, response.Status);
        Assert.False(bot.Ran);
        Assert.Empty(_channel.Requests);
    }

    [Fact]
    public async Task Bot_with_an_app_id_answers_401_to_a_request_without_a_token()
    {
        var bot = new EchoBot();

        var response = await Process(EmulatorMessage, bot, appId: "4f1c1c3e-1b2a-4e5f-9a7b-0c1d2e3f4a5b");

        Assert.Equal(401, response.Status);
        Assert.False(bot.Ran);
    }

    [Fact]
    public async Task Methods_other_than_POST_get_405()
    {
        var response = await Process(EmulatorMessage, new EchoBot(), method: "GET");

        Assert.Equal(405, response.Status);
    }

    private Task<(int Status, string? ContentType, string Body)> Process(
        string body,
        IBot bot,
        string? appId = null,
        StubHttpMessageHandler? channel = null,
        string method = "POST",
        bool sendContentLength = true)
    {
        var settings = new Dictionary<string, string?> { ["MicrosoftAppId"] = appId, ["MicrosoftAppPassword"] = appId is null ? null : "secret" };
        return Create(settings, channel).ProcessAsync(body, bot, method: method, sendContentLength: sendContentLength);
    }

    private FastCloudAdapter Create(Dictionary<string, string?>? settings = null, StubHttpMessageHandler? channel = null) =>
        AdapterHarness.Create(new StubHttpClientFactory(channel ?? _channel), settings, onTurnError: ApologizeAsync);

    /// <summary>What a host's OnTurnError does (the SDK samples' AdapterWithErrorHandler).</summary>
    private static Task ApologizeAsync(ITurnContext turnContext, Exception exception) =>
        turnContext.SendActivityAsync(TurnErrorMessage, cancellationToken: CancellationToken.None);

    private sealed class EchoBot : ActivityHandler
    {
        public bool Ran { get; private set; }

        public override Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            Ran = true;
            return base.OnTurnAsync(turnContext, cancellationToken);
        }

        protected override Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken) =>
            turnContext.SendActivityAsync(MessageFactory.Text($"echo: {turnContext.Activity.Text}"), cancellationToken);
    }

    private sealed class SavingBot : ActivityHandler
    {
        protected override Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(
            ITurnContext<IInvokeActivity> turnContext,
            AdaptiveCardInvokeValue invokeValue,
            CancellationToken cancellationToken) =>
            Task.FromResult(new AdaptiveCardInvokeResponse { StatusCode = 200, Type = "application/vnd.microsoft.activity.message", Value = "Saved" });
    }

    private sealed class LocaleMiddleware(List<string> seen) : IMiddleware
    {
        public Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
        {
            seen.Add($"{((TurnContext)turnContext).Locale} {System.Globalization.CultureInfo.CurrentCulture.Name}");
            return next(cancellationToken);
        }
    }

    private sealed class RecordingMiddleware(List<string> seen) : IMiddleware
    {
        public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
        {
            seen.Add($"before {turnContext.Activity.Type}");
            turnContext.OnSendActivities(async (context, activities, nextSend) =>
            {
                seen.AddRange(activities.Select(a => $"sent {a.Text}"));
                return await nextSend();
            });
            await next(cancellationToken);
            seen.Add($"after {turnContext.Activity.Type}");
        }
    }

    private sealed class ThrowingBot : ActivityHandler
    {
        protected override Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("FAQ index is not loaded");
    }
}
