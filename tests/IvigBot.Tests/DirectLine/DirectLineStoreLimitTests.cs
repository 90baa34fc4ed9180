using System.Net;

namespace IvigBot.Tests.DirectLine;

/// <summary>
/// The bounded store seen from outside (a host holding two conversations, five idle minutes, ten activities each):
/// a full store refuses with 503 instead of growing, idle conversations end (404) and make room, and long
/// conversations keep only their newest activities. Each test starts by letting every earlier conversation expire.
/// </summary>
public sealed class DirectLineStoreLimitTests(SmallStoreServiceFixture service) : IClassFixture<SmallStoreServiceFixture>
{
    [Fact]
    public async Task A_full_store_refuses_new_conversations_with_503_and_retry_after()
    {
        ForgetEarlierConversations();
        await service.StartAsync();
        await service.StartAsync();

        var pageToken = await service.SendAsync(HttpMethod.Post, "/api/webchat/token", credential: null);
        var generated = await service.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", DirectLineServiceFixture.Secret);
        var start = await service.SendAsync(HttpMethod.Post, "/v3/directline/conversations", (string)generated.Body!["token"]!);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, pageToken.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, start.Status);
        Assert.Equal("The chat is very busy right now. Please try again in a minute.", start.ErrorMessage);
        Assert.Equal(TimeSpan.FromSeconds(60), start.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Healthz_shows_how_full_the_store_is()
    {
        ForgetEarlierConversations();
        var first = await service.StartAsync();
        await service.StartAsync();
        var refused = await service.SendAsync(HttpMethod.Post, "/api/webchat/token", credential: null);
        var full = await StoreStatusAsync();

        service.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(HttpStatusCode.NotFound, (await service.GetActivitiesAsync(first)).Status);
        var afterIdle = await StoreStatusAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Equal((2, 2), full);
        Assert.Equal((1, 2), afterIdle);
    }

    [Fact]
    public async Task An_idle_conversation_ends_and_makes_room()
    {
        ForgetEarlierConversations();
        var idle = await service.StartAsync();
        service.Clock.Advance(TimeSpan.FromMinutes(4));
        var active = await service.StartAsync();
        service.Clock.Advance(TimeSpan.FromMinutes(2));

        var idleReply = await service.GetActivitiesAsync(idle);
        var activeReply = await service.GetActivitiesAsync(active);
        var third = await service.StartAsync();

        Assert.Equal(HttpStatusCode.NotFound, idleReply.Status);
        Assert.Equal(HttpStatusCode.OK, activeReply.Status);
        Assert.Equal(HttpStatusCode.OK, (await service.GetActivitiesAsync(third)).Status);
    }

    [Fact]
    public async Task A_client_request_keeps_a_conversation_alive()
    {
        ForgetEarlierConversations();
        var conversation = await service.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            service.Clock.Advance(TimeSpan.FromMinutes(4));
            Assert.Equal(HttpStatusCode.OK, (await service.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", conversation.Token)).Status);
        }

        Assert.Equal(HttpStatusCode.OK, (await service.GetActivitiesAsync(conversation)).Status);
    }

    [Fact]
    public async Task A_long_conversation_keeps_only_its_newest_activities()
    {
        ForgetEarlierConversations();
        var conversation = await service.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            var posted = await service.PostActivityAsync(conversation, DirectLineServiceFixture.WebChatMessage("what is IVIG flu", $"long-{i}"));
            Assert.Equal(HttpStatusCode.OK, posted.Status);
        }

        // 1 welcome + 5 × (echo, typing, answer) = 16 activities; the newest 10 are kept, typing is not returned.
        var reply = await service.GetActivitiesAsync(conversation);

        Assert.Equal("16", reply.Watermark);
        var ids = reply.Activities.Select(a => (string)a!["id"]!).ToList();
        Assert.Equal($"{conversation.Id}|0000007", ids[0]);
        Assert.Equal($"{conversation.Id}|0000016", ids[^1]);
        Assert.Equal(7, ids.Count);
    }

    [Fact]
    public async Task The_size_limit_is_a_setting()
    {
        ForgetEarlierConversations();
        var conversation = await service.StartAsync();

        var posted = await service.PostActivityAsync(conversation, DirectLineServiceFixture.WebChatMessage(new string('a', 2100), "big"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, posted.Status);
        Assert.Contains("2048", posted.ErrorMessage, StringComparison.Ordinal);
    }

    private async Task<(int Conversations, int Max)> StoreStatusAsync()
    {
        var health = await service.SendAsync(HttpMethod.Get, "/healthz", credential: null);
        Assert.Equal(HttpStatusCode.OK, health.Status);
        var store = health.Body!["directLine"]!;
        return ((int)store["conversations"]!, (int)store["max"]!);
    }

    private void ForgetEarlierConversations() => service.Clock.Advance(TimeSpan.FromMinutes(10));
}
