using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace IvigBot.Tests.DirectLine;

/// <summary>
/// One client (here, visitors behind a reverse proxy on this machine, told apart by <c>X-Forwarded-For</c>) cannot
/// fill the conversation store for everyone else: past its share it gets 429 with a reason, while other clients and
/// tools on this machine still start conversations. Before, one client could start conversations until the store was
/// full and every new visitor got 503.
/// </summary>
public sealed class DirectLinePerClientCapTests(PerClientCapServiceFixture service) : IClassFixture<PerClientCapServiceFixture>
{
    [Fact]
    public async Task A_client_past_its_share_gets_429_and_others_still_start()
    {
        const string Busy = "203.0.113.7";
        Assert.Equal(HttpStatusCode.Created, (await StartFromAsync(Busy)).Status);
        Assert.Equal(HttpStatusCode.Created, (await StartFromAsync(Busy)).Status);

        var refused = await StartFromAsync(Busy);
        var other = await StartFromAsync("198.51.100.2");
        var local = await StartFromAsync(forwardedFor: null);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("Too many chats are open from your connection. Please close one, or try again in a few minutes.", refused.ErrorMessage);
        Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.Created, other.Status);
        Assert.Equal(HttpStatusCode.Created, local.Status);
        Assert.DoesNotContain(service.Logs, e => e.Message.Contains(Busy, StringComparison.Ordinal));
    }

    /// <summary>A page token, then the conversation started with it, as Web Chat does, from one visitor.</summary>
    private async Task<Reply> StartFromAsync(string? forwardedFor)
    {
        var token = (string)(await SendAsync("/api/webchat/token", forwardedFor, token: null, json: null)).Body!["token"]!;
        return await SendAsync("/v3/directline/conversations", forwardedFor, token, """{"user":{},"locale":"en-US"}""");
    }

    private async Task<Reply> SendAsync(string path, string? forwardedFor, string? token, string? json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await service.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new Reply(response.StatusCode, body.Length == 0 ? null : JsonNode.Parse(body), response.Headers);
    }
}
