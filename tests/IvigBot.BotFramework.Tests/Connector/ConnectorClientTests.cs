using System.Net;
using System.Text.Json.Nodes;
using IvigBot.BotFramework.Connector;
using IvigBot.BotFramework.Schema;
using IvigBot.BotFramework.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IvigBot.BotFramework.Tests.Connector;

public class ConnectorClientTests
{
    private static readonly Uri TeamsServiceUrl = new("https://smba.trafficmanager.net/amer/");

    [Theory]
    // Teams channel thread: ':' '@' ';' '=' in the conversation id.
    [InlineData("https://smba.trafficmanager.net/amer/", "19:a1b2c3@thread.skype;messageid=1741597800000", "1741597800000",
        "https://smba.trafficmanager.net/amer/v3/conversations/19%3Aa1b2c3%40thread.skype%3Bmessageid%3D1741597800000/activities/1741597800000")]
    // Emulator: '|' in the conversation id, no trailing slash on the service URL.
    [InlineData("http://localhost:52345", "c1a2b3c0|livechat", "c1d4e5f0",
        "http://localhost:52345/v3/conversations/c1a2b3c0%7Clivechat/activities/c1d4e5f0")]
    // Direct Line activity ids contain '|'; '/' and '?' must not break out of the path segment.
    [InlineData("https://bot.example.com/", "Kx9fQ2", "Kx9fQ2|0000002",
        "https://bot.example.com/v3/conversations/Kx9fQ2/activities/Kx9fQ2%7C0000002")]
    [InlineData("https://bot.example.com//", "a/b?c#d", null,
        "https://bot.example.com/v3/conversations/a%2Fb%3Fc%23d/activities")]
    public void Activities_url_joins_with_one_slash_and_encodes_ids(string serviceUrl, string conversationId, string? activityId, string expected)
    {
        var uri = ConnectorClient.BuildActivitiesUri(new Uri(serviceUrl), conversationId, activityId);

        Assert.Equal(expected, uri.AbsoluteUri);
    }

    [Fact]
    public async Task Reply_is_posted_as_json_with_the_bot_token_to_the_threaded_url()
    {
        var channel = StubHttpMessageHandler.Sequence(() => Json(HttpStatusCode.Created, """{"id":"1741597805123"}"""));
        var client = CreateClient(channel, TimeProvider.System);

        var response = await client.ReplyToActivityAsync(TeamsServiceUrl, TeamsReply(), CancellationToken.None);

        Assert.Equal("1741597805123", response.Id);
        var request = Assert.Single(channel.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.EndsWith("/v3/conversations/19%3Aa1b2c3%40thread.skype%3Bmessageid%3D17/activities/17", request.Uri.AbsoluteUri);
        Assert.Equal("Bearer token-1", request.Authorization);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        Assert.Equal("The infusion usually takes 2 to 4 hours.", JsonNode.Parse(request.Body)!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_replyToId_posts_to_the_conversation_and_anonymous_bots_send_no_token()
    {
        var channel = StubHttpMessageHandler.Sequence(() => new HttpResponseMessage(HttpStatusCode.OK)); // empty body
        var client = CreateClient(channel, TimeProvider.System, new FakeAccessTokenProvider(anonymous: true));
        var activity = TeamsReply();
        activity.ReplyToId = null;

        var response = await client.SendToConversationAsync(new Uri("http://localhost:3000"), activity, CancellationToken.None);

        Assert.Null(response.Id);
        var request = Assert.Single(channel.Requests);
        Assert.Equal("http://localhost:3000/v3/conversations/19%3Aa1b2c3%40thread.skype%3Bmessageid%3D17/activities", request.Uri.AbsoluteUri);
        Assert.Null(request.Authorization);
    }

    [Fact]
    public async Task Throttled_reply_waits_for_Retry_After_then_succeeds()
    {
        var clock = new ManualTimeProvider();
        var attemptTimes = new List<DateTimeOffset>();
        var attempt = 0;
        var channel = new StubHttpMessageHandler((_, _) =>
        {
            attemptTimes.Add(clock.GetUtcNow());
            if (Interlocked.Increment(ref attempt) == 1)
            {
                var throttled = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
                throttled.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
                return Task.FromResult(throttled);
            }

            return Task.FromResult(Json(HttpStatusCode.OK, """{"id":"a1"}"""));
        });
        var client = CreateClient(channel, clock, options: new ConnectorClientOptions { AttemptTimeout = TimeSpan.FromHours(1) });

        var send = client.ReplyToActivityAsync(TeamsServiceUrl, TeamsReply(), CancellationToken.None);
        await clock.DriveUntilCompletedAsync(send, TimeSpan.FromSeconds(1));

        Assert.Equal("a1", (await send).Id);
        Assert.Equal(2, attemptTimes.Count);
        Assert.True(attemptTimes[1] - attemptTimes[0] >= TimeSpan.FromSeconds(7), $"retried after {attemptTimes[1] - attemptTimes[0]}");
    }

    [Fact]
    public async Task Server_errors_are_retried_a_bounded_number_of_times_then_surface_as_ConnectorException()
    {
        var clock = new ManualTimeProvider();
        var channel = StubHttpMessageHandler.Sequence(() => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        var client = CreateClient(channel, clock, options: new ConnectorClientOptions { MaxRetries = 3, AttemptTimeout = TimeSpan.FromHours(1) });

        var send = client.ReplyToActivityAsync(TeamsServiceUrl, TeamsReply(), CancellationToken.None);
        await Assert.ThrowsAsync<ConnectorException>(() => clock.DriveUntilCompletedAsync(send, TimeSpan.FromSeconds(1)));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => send);
        Assert.Equal(4, channel.Requests.Count);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(4, error.Attempts);
        Assert.DoesNotContain("infusion", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task Client_errors_are_not_retried(HttpStatusCode status)
    {
        var channel = StubHttpMessageHandler.Sequence(() => new HttpResponseMessage(status));
        var client = CreateClient(channel, TimeProvider.System);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => client.ReplyToActivityAsync(TeamsServiceUrl, TeamsReply(), CancellationToken.None));

        Assert.Single(channel.Requests);
        Assert.Equal(status, error.StatusCode);
    }

    [Fact]
    public async Task Rejected_token_is_refreshed_once_and_the_reply_resent()
    {
        var tokens = new FakeAccessTokenProvider();
        var channel = StubHttpMessageHandler.Sequence(
            () => new HttpResponseMessage(HttpStatusCode.Unauthorized),
            () => Json(HttpStatusCode.OK, """{"id":"ok"}"""));
        var client = CreateClient(channel, TimeProvider.System, tokens);

        var response = await client.ReplyToActivityAsync(TeamsServiceUrl, TeamsReply(), CancellationToken.None);

        Assert.Equal("ok", response.Id);
        Assert.Equal(["Bearer token-1", "Bearer token-2"], channel.Requests.Select(r => r.Authorization));
        Assert.Equal(1, tokens.ForcedRefreshes);
    }

    [Fact]
    public async Task A_channel_that_never_answers_times_out_on_every_attempt()
    {
        var clock = new ManualTimeProvider();
        var channel = new StubHttpMessageHandler(async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        });
        var client = CreateClient(channel, clock, options: new ConnectorClientOptions { MaxRetries = 1, AttemptTimeout = TimeSpan.FromSeconds(5) });

        var send = client.ReplyToActivityAsync(TeamsServiceUrl, TeamsReply(), CancellationToken.None);
        await Assert.ThrowsAsync<ConnectorException>(() => clock.DriveUntilCompletedAsync(send, TimeSpan.FromSeconds(1)));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => send);
        Assert.Equal(ConnectorFailure.Timeout, error.Failure);
        Assert.Equal(2, channel.Requests.Count);
    }

    [Fact]
    public async Task Connection_errors_are_retried()
    {
        var attempt = 0;
        var channel = new StubHttpMessageHandler((_, _) => Interlocked.Increment(ref attempt) == 1
            ? throw new HttpRequestException("connection refused")
            : Task.FromResult(Json(HttpStatusCode.OK, """{"id":"second"}""")));
        var client = CreateClient(channel, TimeProvider.System, options: new ConnectorClientOptions { BaseDelay = TimeSpan.FromMilliseconds(1) });

        var response = await client.ReplyToActivityAsync(TeamsServiceUrl, TeamsReply(), CancellationToken.None);

        Assert.Equal("second", response.Id);
        Assert.Equal(2, channel.Requests.Count);
    }

    [Fact]
    public async Task Caller_cancellation_stops_without_retrying()
    {
        using var cancellation = new CancellationTokenSource();
        var channel = new StubHttpMessageHandler(async (_, cancellationToken) =>
        {
            await cancellation.CancelAsync();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        });
        var client = CreateClient(channel, TimeProvider.System);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ReplyToActivityAsync(TeamsServiceUrl, TeamsReply(), cancellation.Token));

        Assert.Single(channel.Requests);
    }

    private static ConnectorClient CreateClient(
        StubHttpMessageHandler channel,
        TimeProvider timeProvider,
        FakeAccessTokenProvider? tokens = null,
        ConnectorClientOptions? options = null) =>
        new(
            new StubHttpClientFactory(channel),
            tokens ?? new FakeAccessTokenProvider(),
            Options.Create(options ?? new ConnectorClientOptions()),
            timeProvider,
            NullLogger<ConnectorClient>.Instance);

    private static Activity TeamsReply() => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = Channels.Msteams,
        Conversation = new ConversationAccount("19:a1b2c3@thread.skype;messageid=17"),
        From = new ChannelAccount("28:app-id", "IvigBot"),
        Recipient = new ChannelAccount("29:1AbC", "Ana Silva"),
        ReplyToId = "17",
        Text = "The infusion usually takes 2 to 4 hours.",
    };

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
}
