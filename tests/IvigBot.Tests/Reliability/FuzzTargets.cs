using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IvigBot.Tests.Reliability;

/// <summary>Where one fuzzed request goes: a path on the host and, for endpoints that need one, a bearer token.</summary>
public sealed record FuzzEndpoint(Uri Path, AuthenticationHeaderValue? Authorization = null);

/// <summary>
/// One endpoint under fuzz: how to open it (e.g. start a conversation first), a valid request body to mutate with the
/// user's text at <see cref="TextField"/>, and a check that it still answers correctly once the fuzzing is over.
/// </summary>
public sealed record FuzzTarget(
    string Name,
    Func<HttpClient, CancellationToken, Task<FuzzEndpoint>> OpenAsync,
    Func<string, JsonObject> ValidBody,
    string TextField,
    Func<HttpClient, FuzzEndpoint, CancellationToken, Task> VerifyAsync)
{
    public override string ToString() => Name;
}

/// <summary>The endpoints the fuzz and soak tests cover.</summary>
public static class FuzzTargets
{
    public const string KnownQuestion = "what is IVIG flu";
    public const string KnownEntry = "ivig-flu";

    public static readonly FuzzTarget Messages = new(
        "messages",
        (_, _) => Task.FromResult(new FuzzEndpoint(new Uri("/api/messages", UriKind.Relative))),
        text => ReliabilityHost.ExpectRepliesMessage(text, "fuzz-conversation"),
        "text",
        async (client, endpoint, cancellationToken) =>
        {
            using var response = await client.PostAsync(endpoint.Path, ReliabilityHost.Json(ReliabilityHost.ExpectRepliesMessage(KnownQuestion).ToJsonString()), cancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var reply = Assert.Single(await ReliabilityHost.MessageRepliesAsync(response));
            Assert.StartsWith("**What is \"IVIG flu\"?**", (string?)reply["text"], StringComparison.Ordinal);
        });

    public static readonly FuzzTarget Ask = new(
        "ask",
        (_, _) => Task.FromResult(new FuzzEndpoint(new Uri("/api/ask", UriKind.Relative))),
        text => new JsonObject { ["question"] = text },
        "question",
        async (client, endpoint, cancellationToken) =>
        {
            using var response = await client.PostAsJsonAsync(endpoint.Path, new { question = KnownQuestion }, cancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
            Assert.Equal(KnownEntry, (string?)body["id"]);
        });

    /// <summary>
    /// Direct Line as Web Chat uses it: a token from the page's token endpoint, a conversation started with it, and
    /// activities posted to that conversation; the check polls the activities for the bot's answer.
    /// </summary>
    public static readonly FuzzTarget DirectLine = new(
        "directline",
        async (client, cancellationToken) =>
        {
            using var issued = await client.PostAsync(new Uri("/api/webchat/token", UriKind.Relative), null, cancellationToken);
            var token = (string?)JsonNode.Parse(await issued.Content.ReadAsStringAsync(cancellationToken))!["token"];
            using var start = new HttpRequestMessage(HttpMethod.Post, new Uri("/v3/directline/conversations", UriKind.Relative));
            start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var started = await client.SendAsync(start, cancellationToken);
            var conversation = JsonNode.Parse(await started.Content.ReadAsStringAsync(cancellationToken))!;
            return new FuzzEndpoint(
                new Uri($"/v3/directline/conversations/{(string?)conversation["conversationId"]}/activities", UriKind.Relative),
                new AuthenticationHeaderValue("Bearer", (string?)conversation["token"] ?? token));
        },
        text => new JsonObject { ["type"] = "message", ["from"] = new JsonObject { ["id"] = "dl_fuzz" }, ["text"] = text },
        "text",
        VerifyDirectLineAsync);

    /// <summary>Every endpoint the fuzz test sends to.</summary>
    public static IReadOnlyList<FuzzTarget> All { get; } = [Messages, Ask, DirectLine];

    private static async Task VerifyDirectLineAsync(HttpClient client, FuzzEndpoint endpoint, CancellationToken cancellationToken)
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, endpoint.Path)
        {
            Content = JsonContent.Create(new JsonObject { ["type"] = "message", ["from"] = new JsonObject { ["id"] = "dl_fuzz" }, ["text"] = KnownQuestion }),
        };
        post.Headers.Authorization = endpoint.Authorization;
        using var posted = await client.SendAsync(post, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var ownId = (string?)JsonNode.Parse(await posted.Content.ReadAsStringAsync(cancellationToken))!["id"];

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, endpoint.Path);
            get.Headers.Authorization = endpoint.Authorization;
            using var got = await client.SendAsync(get, timeout.Token);
            Assert.Equal(HttpStatusCode.OK, got.StatusCode);
            var activities = JsonNode.Parse(await got.Content.ReadAsStringAsync(timeout.Token))!["activities"]!.AsArray();
            if (activities.Any(a => (string?)a?["replyToId"] == ownId && ((string?)a?["text"] ?? "").StartsWith("**What is \"IVIG flu\"?**", StringComparison.Ordinal)))
            {
                return;
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}
