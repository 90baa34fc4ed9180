using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IvigBot.Hosting;
using IvigBot.Tests.Reliability;

namespace IvigBot.Tests.Hosting;

/// <summary>Per-client token buckets: 429 with Retry-After and a reason, each client on its own, loopback exempt by default.</summary>
public sealed class RateLimitsTests
{
    private static readonly Uri Messages = new("/api/messages", UriKind.Relative);

    [Fact]
    public async Task Over_the_burst_ask_gets_429_with_retry_after_and_a_reason()
    {
        using var host = new ReliabilityHost(new Dictionary<string, string?>
        {
            ["RateLimiting:ExemptLoopback"] = "false",
            ["RateLimiting:Ask:Burst"] = "3",
            ["RateLimiting:Ask:PerMinute"] = "1",
        });
        using var client = host.Client();

        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.PostAsJsonAsync("/api/ask", new { question = "what is IVIG flu" });
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var limited = await client.PostAsJsonAsync("/api/ask", new { question = "what is IVIG flu" });

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        var error = JsonDocument.Parse(await limited.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
        Assert.Equal(RateLimits.TooManyRequestsText, error);

        // Other endpoints have their own buckets.
        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var message = await client.PostAsync(Messages, ReliabilityHost.Json(ReliabilityHost.ExpectRepliesMessage("hi").ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, message.StatusCode);
    }

    [Fact]
    public async Task The_web_chat_token_endpoint_is_limited_per_client()
    {
        using var host = new ReliabilityHost(new Dictionary<string, string?>
        {
            ["RateLimiting:ExemptLoopback"] = "false",
            ["RateLimiting:DirectLine:Burst"] = "2",
            ["RateLimiting:DirectLine:PerMinute"] = "1",
        });
        using var client = host.Client();
        var token = new Uri("/api/webchat/token", UriKind.Relative);

        for (var i = 0; i < 2; i++)
        {
            using var ok = await client.PostAsync(token, null);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var limited = await client.PostAsync(token, null);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter?.Delta);
    }

    /// <summary>
    /// Direct Line behind one address (a proxy, a clinic's network): reading and posting were never limited. Now a
    /// conversation with a valid token has its own bucket, and a client with invalid tokens gets the per-address one.
    /// </summary>
    [Fact]
    public async Task Direct_Line_conversations_are_limited_each_on_their_own_and_bad_tokens_per_client()
    {
        using var host = new ReliabilityHost(new Dictionary<string, string?>
        {
            ["RateLimiting:ExemptLoopback"] = "false",
            ["RateLimiting:DirectLine:Burst"] = "3",
            ["RateLimiting:DirectLine:PerMinute"] = "1",
            ["RateLimiting:DirectLineConversation:Burst"] = "4",
            ["RateLimiting:DirectLineConversation:PerMinute"] = "1",
        });
        using var client = host.Client();

        async Task<(string Id, string Token)> NewConversation()
        {
            using var response = await client.PostAsync(new Uri("/api/webchat/token", UriKind.Relative), null);
            response.EnsureSuccessStatusCode();
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            return (body.GetProperty("conversationId").GetString()!, body.GetProperty("token").GetString()!);
        }

        async Task<HttpStatusCode> Poll(string conversationId, string token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities?watermark=0");
            request.Headers.Add("Authorization", "Bearer " + token);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        var a = await NewConversation();
        var b = await NewConversation();
        for (var i = 0; i < 4; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, await Poll(a.Id, a.Token));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await Poll(a.Id, a.Token));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await Poll(b.Id, b.Token));

        // Made-up tokens and conversation ids, and a valid token used on another conversation's address, all share
        // the client's one bucket (burst 3): they never get a bucket of their own.
        Assert.Equal(HttpStatusCode.Forbidden, await Poll("made-up-1", "not-a-token"));
        Assert.Equal(HttpStatusCode.Forbidden, await Poll("made-up-2", "not-a-token"));
        Assert.Equal(HttpStatusCode.Forbidden, await Poll(a.Id, b.Token));
        Assert.Equal(HttpStatusCode.TooManyRequests, await Poll("made-up-3", "not-a-token"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await Poll(b.Id, "not-a-token"));
    }

    [Fact]
    public async Task With_default_settings_a_loopback_client_is_not_limited()
    {
        using var host = new ReliabilityHost();
        using var client = host.StartKestrel();
        var conversationId = Guid.NewGuid().ToString();
        var body = ReliabilityHost.ExpectRepliesMessage("what is IVIG flu", conversationId).ToJsonString();
        var limit = new RateLimitRule().Burst * 3;

        var statuses = await Task.WhenAll(Enumerable.Range(0, limit).Select(async i =>
        {
            using var response = i % 2 == 0
                ? await client.PostAsync(Messages, ReliabilityHost.Json(body))
                : await client.PostAsJsonAsync("/api/ask", new { question = "what is IVIG flu" });
            return response.StatusCode;
        }));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task Behind_a_local_reverse_proxy_each_forwarded_client_has_its_own_bucket()
    {
        using var host = new ReliabilityHost(new Dictionary<string, string?>
        {
            ["RateLimiting:Ask:Burst"] = "2",
            ["RateLimiting:Ask:PerMinute"] = "1",
        });
        using var client = host.StartKestrel();

        async Task<HttpStatusCode> AskFrom(string forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ask") { Content = JsonContent.Create(new { question = "what is IVIG flu" }) };
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await AskFrom("203.0.113.7"));
        Assert.Equal(HttpStatusCode.OK, await AskFrom("203.0.113.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await AskFrom("203.0.113.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await AskFrom("198.51.100.1, 203.0.113.7"));
        Assert.Equal(HttpStatusCode.OK, await AskFrom("203.0.113.8"));
    }

    [Fact]
    public async Task Channel_requests_on_the_bot_endpoint_are_limited_per_conversation()
    {
        using var host = new ReliabilityHost(new Dictionary<string, string?>
        {
            ["RateLimiting:ExemptLoopback"] = "false",
            ["RateLimiting:Messages:Burst"] = "2",
            ["RateLimiting:Messages:PerMinute"] = "1",
        });
        using var client = host.Client();

        async Task<HttpResponseMessage> Post(string conversationId)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Messages)
            {
                Content = ReliabilityHost.Json(ReliabilityHost.ExpectRepliesMessage("what is IVIG flu", conversationId).ToJsonString()),
            };
            request.Headers.Add("Authorization", "Bearer not-a-real-token");
            return await client.SendAsync(request);
        }

        for (var i = 0; i < 2; i++)
        {
            using var counted = await Post("conversation-a");
            Assert.NotEqual(HttpStatusCode.TooManyRequests, counted.StatusCode);
        }

        using var limited = await Post("conversation-a");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter?.Delta);
        var error = JsonDocument.Parse(await limited.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("TooManyRequests", error.GetProperty("code").GetString());

        using var other = await Post("conversation-b");
        Assert.NotEqual(HttpStatusCode.TooManyRequests, other.StatusCode);
    }

    /// <summary>
    /// With an app id, made-up tokens on new conversation ids each used to get a fresh per-conversation bucket before
    /// the token was checked: 100 × 401, no 429. Now every refused token costs the client address a permit.
    /// </summary>
    [Fact]
    public async Task Refused_tokens_on_the_bot_endpoint_are_limited_per_client_whatever_the_conversation()
    {
        using var host = new ReliabilityHost(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "00000000-0000-0000-0000-0000000000a1",
            ["MicrosoftAppPassword"] = "not-a-real-secret",
            ["RateLimiting:ExemptLoopback"] = "false",
            ["RateLimiting:AuthFailures:Burst"] = "3",
            ["RateLimiting:AuthFailures:PerMinute"] = "1",
        });
        using var client = host.Client();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Messages)
            {
                Content = ReliabilityHost.Json(ReliabilityHost.ExpectRepliesMessage("what is IVIG flu", Guid.NewGuid().ToString()).ToJsonString()),
            };
            request.Headers.Add("Authorization", "Bearer not-a-real-token");
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized,
            HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Theory]
    [InlineData("""{"type":"message","channelId":"msteams","conversation":{"id":"19:abc@thread.v2"},"text":"hi"}""", "msteams/19:abc@thread.v2")]
    [InlineData("""{"conversation":{"name":"x","id":"c1","tenantId":{"id":"t"}},"channelId":"directline","entities":[{"conversation":{"id":"no"}}]}""", "directline/c1")]
    [InlineData("""{"type":"message","text":"no conversation"}""", null)]
    [InlineData("""{"conversation":{"id":42}}""", null)]
    [InlineData("""not json""", null)]
    [InlineData("""{"conversation":{"id":"c1""", null)]
    public void The_conversation_key_is_read_from_the_activity(string json, string? expected)
    {
        Assert.Equal(expected, RateLimits.ConversationKey(Encoding.UTF8.GetBytes(json)));
    }
}
