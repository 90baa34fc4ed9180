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

/// <summary>
/// The endpoints the fuzz and soak tests cover. To cover Direct Line once it exists, add one entry here:
/// <code>
/// new FuzzTarget(
///     "directline",
///     async (client, ct) =>
///     {
///         // Start a conversation as Web Chat does (token from /v3/directline/tokens/generate if the endpoint needs one).
///         using var started = await client.PostAsync(new Uri("/v3/directline/conversations", UriKind.Relative), null, ct);
///         var conversation = JsonNode.Parse(await started.Content.ReadAsStringAsync(ct))!;
///         return new FuzzEndpoint(
///             new Uri($"/v3/directline/conversations/{(string?)conversation["conversationId"]}/activities", UriKind.Relative),
///             new AuthenticationHeaderValue("Bearer", (string?)conversation["token"]));
///     },
///     text => new JsonObject { ["type"] = "message", ["from"] = new JsonObject { ["id"] = "dl_fuzz" }, ["text"] = text },
///     "text",
///     FuzzTargets.VerifyDirectLineAsync), // GET .../activities?watermark= until the bot's reply to "what is IVIG flu" arrives
/// </code>
/// </summary>
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

    /// <summary>Every endpoint the fuzz test sends to.</summary>
    public static IReadOnlyList<FuzzTarget> All { get; } = [Messages, Ask];
}
