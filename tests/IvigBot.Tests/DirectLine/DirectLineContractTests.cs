using IvigBot.Privacy;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IvigBot.Bots;

namespace IvigBot.Tests.DirectLine;

/// <summary>
/// The Direct Line 3.0 contract Web Chat depends on (protocol doc 6 and 7.2), over HTTP against the real host:
/// status codes, tokens, watermarks, the echo, and what every delivered activity carries.
/// </summary>
public sealed class DirectLineContractTests(DirectLineServiceFixture service) : IClassFixture<DirectLineServiceFixture>
{
    private const string DoctorNote = "This is general information, not medical advice.";

    [Fact]
    public async Task Generating_a_token_needs_the_secret_and_binds_a_new_conversation()
    {
        var generated = await service.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", DirectLineServiceFixture.Secret, """{"user":{"id":"dl_ana","name":"Ana"}}""");

        Assert.Equal(HttpStatusCode.OK, generated.Status);
        Assert.Equal(1800, (int)generated.Body!["expires_in"]!);
        var conversationId = (string)generated.Body["conversationId"]!;
        var token = (string)generated.Body["token"]!;
        Assert.Equal(conversationId, TokenClaim(token, "conv"));
        Assert.Equal("dl_ana", TokenClaim(token, "user"));

        var started = await service.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token, """{"user":{"id":"someone-else"}}""");
        Assert.Equal(HttpStatusCode.Created, started.Status);
        Assert.Equal(conversationId, (string?)started.Body!["conversationId"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-the-secret-0123456789-abcdefghijklmnopqrstuvwxyz")]
    public async Task Generating_a_token_without_the_secret_is_403(string? credential)
    {
        var generated = await service.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", credential);

        Assert.Equal(HttpStatusCode.Forbidden, generated.Status);
        Assert.Contains("secret", generated.ErrorMessage, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Starting_gives_201_with_a_stream_url_and_starting_again_gives_200()
    {
        var conversation = await service.StartAsync();

        Assert.StartsWith($"ws://{service.Address.Authority}/v3/directline/conversations/{conversation.Id}/stream?t=", conversation.StreamUrl, StringComparison.Ordinal);
        var again = await service.SendAsync(HttpMethod.Post, "/v3/directline/conversations", conversation.Token, "{}");
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(conversation.Id, (string?)again.Body!["conversationId"]);
        Assert.InRange((int)again.Body["expires_in"]!, 1700, 1800);

        // Only one welcome, however often the conversation is started.
        var activities = (await service.GetActivitiesAsync(conversation)).Activities;
        Assert.Single(activities);
    }

    [Fact]
    public async Task Starting_with_the_secret_creates_a_conversation_with_its_own_token()
    {
        var started = await service.SendAsync(HttpMethod.Post, "/v3/directline/conversations", DirectLineServiceFixture.Secret);

        Assert.Equal(HttpStatusCode.Created, started.Status);
        var conversation = new StartedConversation((string)started.Body!["conversationId"]!, (string)started.Body["token"]!, (string)started.Body["streamUrl"]!);
        Assert.NotEqual(DirectLineServiceFixture.Secret, conversation.Token);
        Assert.Equal(HttpStatusCode.OK, (await service.GetActivitiesAsync(conversation)).Status);
    }

    [Fact]
    public async Task The_bots_welcome_is_the_first_activity_with_id_timestamp_and_addresses()
    {
        var conversation = await service.StartAsync();

        var reply = await service.GetActivitiesAsync(conversation);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("1", reply.Watermark);
        var welcome = Assert.Single(reply.Activities)!;
        Assert.Equal($"{conversation.Id}|0000001", (string?)welcome["id"]);
        Assert.Equal(FaqBot.WelcomeText, (string?)welcome["text"]);
        Assert.Equal("bot", (string?)welcome["from"]?["role"]);
        Assert.Equal(TokenClaim(conversation.Token, "user"), (string?)welcome["recipient"]?["id"]);
        Assert.Equal(4, welcome["suggestedActions"]!["actions"]!.AsArray().Count);
        AssertDeliverable(welcome, conversation.Id);
    }

    [Fact]
    public async Task A_message_is_echoed_with_its_client_activity_id_then_answered()
    {
        var conversation = await service.StartAsync();
        var userId = TokenClaim(conversation.Token, "user");

        var posted = await service.PostActivityAsync(conversation, DirectLineServiceFixture.WebChatMessage("what is IVIG flu", "1741597205000k2j9x"));

        Assert.Equal(HttpStatusCode.OK, posted.Status);
        Assert.Equal($"{conversation.Id}|0000002", (string?)posted.Body!["id"]);

        var reply = await service.GetActivitiesAsync(conversation, watermark: "1");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var activities = reply.Activities.Select(a => a!).ToList();
        Assert.Equal(["message", "message"], activities.Select(a => (string?)a["type"]));

        var echo = activities[0];
        Assert.Equal($"{conversation.Id}|0000002", (string?)echo["id"]);
        Assert.Equal("1741597205000k2j9x", (string?)echo["channelData"]?["clientActivityID"]);
        Assert.Equal("user", (string?)echo["from"]?["role"]);
        Assert.Equal(userId, (string?)echo["from"]?["id"]);
        Assert.Equal("what is IVIG flu", (string?)echo["text"]);
        Assert.Equal("Europe/Berlin", (string?)echo["localTimezone"]);

        // The typing indicator (0000003) only goes over the WebSocket.
        var answer = activities[1];
        Assert.Equal($"{conversation.Id}|0000004", (string?)answer["id"]);
        Assert.Equal(echo["id"]!.ToString(), (string?)answer["replyToId"]);
        Assert.Equal(userId, (string?)answer["recipient"]?["id"]);
        Assert.Equal("markdown", (string?)answer["textFormat"]);
        Assert.Contains(DoctorNote, (string?)answer["text"], StringComparison.Ordinal);
        Assert.Contains(answer["suggestedActions"]!["actions"]!.AsArray(), a => (string?)a!["title"] == "Helpful");
        Assert.Equal("4", reply.Watermark);
        Assert.All(activities, a => AssertDeliverable(a, conversation.Id));
        Assert.True(
            string.CompareOrdinal((string?)echo["timestamp"], (string?)answer["timestamp"]) < 0,
            "Web Chat orders by timestamp: the answer must come after the question.");

        var nothingNew = await service.GetActivitiesAsync(conversation, watermark: "4");
        Assert.Empty(nothingNew.Activities);
        Assert.Equal("4", nothingNew.Watermark);
    }

    [Fact]
    public async Task A_suggested_question_and_feedback_are_answered_through_direct_line()
    {
        var conversation = await service.StartAsync();
        var click = DirectLineServiceFixture.WebChatMessage("How long does an IVIG infusion take?", "click-1");
        click["value"] = new JsonObject { ["entryId"] = "ivig-flu" };

        Assert.Equal(HttpStatusCode.OK, (await service.PostActivityAsync(conversation, click)).Status);
        var feedback = DirectLineServiceFixture.WebChatMessage("Helpful", "click-2");
        feedback["value"] = new JsonObject { ["feedback"] = "helpful", ["entryId"] = "ivig-flu" };
        Assert.Equal(HttpStatusCode.OK, (await service.PostActivityAsync(conversation, feedback)).Status);

        var texts = (await service.GetActivitiesAsync(conversation, watermark: "1")).Activities
            .Where(a => (string?)a!["from"]?["role"] == "bot").Select(a => (string?)a!["text"]).ToList();
        Assert.Equal(2, texts.Count);
        Assert.StartsWith("**What is \"IVIG flu\"?**", texts[0], StringComparison.Ordinal);
        Assert.Equal(FaqBot.FeedbackThanksText, texts[1]);
    }

    [Fact]
    public async Task Reconnecting_gives_a_fresh_token_and_a_stream_url_resuming_after_the_watermark()
    {
        var conversation = await service.StartAsync();

        var reconnected = await service.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation.Id}?watermark=1", conversation.Token);

        Assert.Equal(HttpStatusCode.OK, reconnected.Status);
        var token = (string)reconnected.Body!["token"]!;
        Assert.NotEqual(conversation.Token, token);
        Assert.Equal(TokenClaim(conversation.Token, "user"), TokenClaim(token, "user"));
        var streamUrl = (string)reconnected.Body["streamUrl"]!;
        Assert.EndsWith("&watermark=1", streamUrl, StringComparison.Ordinal);
        Assert.Contains("t=" + Uri.EscapeDataString(token), streamUrl, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await service.GetActivitiesAsync(conversation with { Token = token })).Status);
    }

    [Fact]
    public async Task Refreshing_a_token_gives_a_new_one_for_the_same_conversation()
    {
        var conversation = await service.StartAsync();

        var refreshed = await service.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", conversation.Token);

        Assert.Equal(HttpStatusCode.OK, refreshed.Status);
        var token = (string)refreshed.Body!["token"]!;
        Assert.NotEqual(conversation.Token, token);
        Assert.Equal(conversation.Id, (string?)refreshed.Body["conversationId"]);
        Assert.Equal(1800, (int)refreshed.Body["expires_in"]!);
        var posted = await service.PostActivityAsync(conversation with { Token = token }, DirectLineServiceFixture.WebChatMessage("hello", "r-1"));
        Assert.Equal(HttpStatusCode.OK, posted.Status);
    }

    [Fact]
    public async Task An_expired_token_is_403_everywhere()
    {
        var conversation = await service.StartAsync();
        var secretHolder = await service.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", DirectLineServiceFixture.Secret);
        service.Clock.Advance(TimeSpan.FromMinutes(31));

        var refresh = await service.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", conversation.Token);
        var get = await service.GetActivitiesAsync(conversation);
        var post = await service.PostActivityAsync(conversation, DirectLineServiceFixture.WebChatMessage("hello", "e-1"));
        var reconnect = await service.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation.Id}", conversation.Token);
        var start = await service.SendAsync(HttpMethod.Post, "/v3/directline/conversations", (string)secretHolder.Body!["token"]!);

        Assert.All([refresh, get, post, reconnect, start], reply =>
        {
            Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
            Assert.Equal("The token has expired.", reply.ErrorMessage);
        });
    }

    public static TheoryData<string, string> BadCredentials => new()
    {
        { "missing", "" },
        { "garbage", "not-a-token" },
        { "unsigned", "eyJhbGciOiJub25lIn0.eyJjb252IjoieCIsInVzZXIiOiJ5IiwiZXhwIjo5OTk5OTk5OTk5fQ." },
        { "tampered", "tamper" },
        { "other conversation", "other" },
    };

    [Theory]
    [MemberData(nameof(BadCredentials))]
    public async Task A_bad_token_is_403(string why, string credential)
    {
        var conversation = await service.StartAsync();
        credential = credential switch
        {
            "tamper" => Tamper(conversation.Token),
            "other" => (await service.StartAsync()).Token,
            _ => credential,
        };

        var get = await service.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation.Id}/activities", credential.Length == 0 ? null : credential);
        var post = await service.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversation.Id}/activities", credential.Length == 0 ? null : credential, """{"type":"message","text":"hi"}""");

        Assert.True(get.Status == HttpStatusCode.Forbidden, $"{why}: GET gave {get.Status}");
        Assert.True(post.Status == HttpStatusCode.Forbidden, $"{why}: POST gave {post.Status}");
        Assert.False(string.IsNullOrEmpty(get.ErrorMessage));

        // Nothing was stored: the conversation still only holds the welcome.
        Assert.Single((await service.GetActivitiesAsync(conversation)).Activities);
    }

    [Theory]
    [InlineData("GET", "/activities")]
    [InlineData("POST", "/activities")]
    [InlineData("GET", "")]
    public async Task An_unknown_conversation_is_404(string method, string suffix)
    {
        var generated = await service.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", DirectLineServiceFixture.Secret);
        var neverStarted = (string)generated.Body!["conversationId"]!;
        var token = (string)generated.Body["token"]!;

        var withToken = await service.SendAsync(new HttpMethod(method), $"/v3/directline/conversations/{neverStarted}{suffix}", token, method == "POST" ? """{"type":"message","text":"hi"}""" : null);
        var withSecret = await service.SendAsync(new HttpMethod(method), $"/v3/directline/conversations/no-such-conversation{suffix}", DirectLineServiceFixture.Secret, method == "POST" ? """{"type":"message","text":"hi","from":{"id":"u1"}}""" : null);

        Assert.Equal(HttpStatusCode.NotFound, withToken.Status);
        Assert.Equal(HttpStatusCode.NotFound, withSecret.Status);
        Assert.Equal("This conversation does not exist or has ended.", withToken.ErrorMessage);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_oversized_activity_is_413_and_not_stored(bool withContentLength)
    {
        var conversation = await service.StartAsync();
        var message = DirectLineServiceFixture.WebChatMessage(new string('a', 17 * 1024), "big-1");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversation.Id}/activities");
        request.Headers.Authorization = new("Bearer", conversation.Token);
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        request.Content = withContentLength ? new ByteArrayContent(bytes) : new StreamContent(new MemoryStream(bytes));
        request.Content.Headers.ContentType = new("application/json");
        if (!withContentLength)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        using var response = await service.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than 16384 bytes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single((await service.GetActivitiesAsync(conversation)).Activities);
    }

    [Theory]
    [InlineData("{\"type\":\"message\",\"text\":", "not valid JSON")]
    [InlineData("[1,2,3]", "must be one JSON object")]
    [InlineData("{\"type\":\"message\",\"from\":\"someone\"}", "The field 'from' has the wrong type.")]
    [InlineData("{\"text\":\"no type\"}", "no type")]
    [InlineData("", "Send one activity")]
    public async Task A_malformed_activity_is_400_with_the_reason(string body, string reason)
    {
        var conversation = await service.StartAsync();

        var posted = await service.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversation.Id}/activities", conversation.Token, body);

        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
        Assert.Contains(reason, posted.ErrorMessage, StringComparison.Ordinal);
        Assert.Single((await service.GetActivitiesAsync(conversation)).Activities);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1.5")]
    public async Task A_watermark_that_is_not_a_number_is_400(string watermark)
    {
        var conversation = await service.StartAsync();

        var reply = await service.GetActivitiesAsync(conversation, watermark);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("watermark", reply.ErrorMessage, StringComparison.Ordinal);
    }

    /// <summary>
    /// The preflights Web Chat's DirectLineJS makes from another origin: starting a conversation, posting, polling,
    /// reconnecting the stream and refreshing the token, each with the headers it sends (its ajax layer adds
    /// X-Requested-With because it does not set crossDomain).
    /// </summary>
    [Theory]
    [InlineData("POST", "/v3/directline/conversations", "authorization,content-type,x-ms-bot-agent,x-requested-with")]
    [InlineData("POST", "/v3/directline/conversations/c1/activities", "authorization,content-type,x-ms-bot-agent,x-requested-with")]
    [InlineData("GET", "/v3/directline/conversations/c1/activities?watermark=3", "accept,authorization,x-ms-bot-agent,x-requested-with")]
    [InlineData("GET", "/v3/directline/conversations/c1?watermark=3", "accept,authorization,x-ms-bot-agent,x-requested-with")]
    [InlineData("POST", "/v3/directline/tokens/refresh", "authorization,content-type,x-ms-bot-agent,x-requested-with")]
    public async Task A_browser_preflight_for_what_Web_Chat_sends_is_allowed_from_any_origin_by_default(string method, string path, string headers)
    {
        using var response = await PreflightAsync(method, path, headers);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var allowed = string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")).ToUpperInvariant();
        Assert.All(headers.Split(','), header => Assert.Contains(header.ToUpperInvariant(), allowed, StringComparison.Ordinal));
        Assert.Contains(method, string.Join(",", response.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
    }

    /// <summary>Nothing more than Web Chat needs: other methods and headers are not allowed from a browser.</summary>
    [Theory]
    [InlineData("DELETE", "authorization")]
    [InlineData("PUT", "authorization,content-type")]
    [InlineData("POST", "authorization,content-type,x-forwarded-for")]
    [InlineData("POST", "cookie")]
    public async Task A_browser_preflight_for_anything_else_is_refused(string method, string headers)
    {
        using var response = await PreflightAsync(method, "/v3/directline/conversations", headers);

        // As a browser reads the answer: allowed only with an origin, the method and every requested header.
        var allowed = response.Headers.Contains("Access-Control-Allow-Origin")
            && AllowedList(response, "Access-Control-Allow-Methods").Contains(method)
            && headers.Split(',').All(AllowedList(response, "Access-Control-Allow-Headers").Contains);
        Assert.False(allowed, "the preflight was allowed");
    }

    private static HashSet<string> AllowedList(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values)
            ? values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.OrdinalIgnoreCase)
            : [];

    private async Task<HttpResponseMessage> PreflightAsync(string method, string path, string headers)
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, path);
        preflight.Headers.Add("Origin", "https://www.example-clinic.org");
        preflight.Headers.Add("Access-Control-Request-Method", method);
        preflight.Headers.Add("Access-Control-Request-Headers", headers);
        return await service.Client.SendAsync(preflight);
    }

    [Fact]
    public async Task Logs_never_contain_what_the_patient_typed()
    {
        var conversation = await service.StartAsync();

        await service.PostActivityAsync(conversation, DirectLineServiceFixture.WebChatMessage("my neighbour Zebediah says ivig flu is contagious", "p-1"));
        await service.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversation.Id}/activities", conversation.Token, "{\"text\":\"Zebediah again\"}");

        Assert.Contains(service.Logs, l => l.Message.Contains(TextRedactor.HashId(conversation.Id)!, StringComparison.Ordinal));
        Assert.DoesNotContain(service.Logs, l => l.Message.Contains("Zebediah", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>What Web Chat needs on every activity it receives (protocol doc 6.3).</summary>
    internal static void AssertDeliverable(JsonNode activity, string conversationId)
    {
        Assert.StartsWith(conversationId + "|", (string?)activity["id"], StringComparison.Ordinal);
        var timestamp = activity["timestamp"]!;
        Assert.Equal(System.Text.Json.JsonValueKind.String, timestamp.GetValueKind());
        Assert.EndsWith("Z", (string?)timestamp, StringComparison.Ordinal);
        Assert.Equal("directline", (string?)activity["channelId"]);
        Assert.Equal(conversationId, (string?)activity["conversation"]?["id"]);
        Assert.False(string.IsNullOrEmpty((string?)activity["from"]?["id"]));
    }

    internal static string? TokenClaim(string token, string claim)
    {
        var payload = token.Split('.')[1];
        var json = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(payload));
        return (string?)JsonNode.Parse(json)![claim];
    }

    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1])))!;
        payload["user"] = "dl_admin";
        parts[1] = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return string.Join('.', parts);
    }
}
