using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IvigBot.Hosting;
using IvigBot.Tests.Reliability;

namespace IvigBot.Tests.Hosting;

/// <summary>Long messages are answered on their start with a note; oversized bodies get 413 with a reason.</summary>
public sealed class RequestLimitsTests : IClassFixture<RequestLimitsTests.Host>
{
    private static readonly string Filler = string.Concat(Enumerable.Repeat("I have been thinking about my treatment and my week. ", 100));

    private readonly HttpClient _client;

    public RequestLimitsTests(Host host)
    {
        ArgumentNullException.ThrowIfNull(host);
        _client = host.Client();
    }

    [Fact]
    public async Task A_long_question_is_answered_on_its_start_with_a_note()
    {
        var question = "what is IVIG flu? " + Filler;
        Assert.True(question.Length > 4000);

        using var response = await _client.PostAsJsonAsync("/api/ask", new { question });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ivig-flu", body.GetProperty("id").GetString());
        Assert.EndsWith("so I read its first 1,000 characters. If I missed your question, please ask it again in a shorter message.",
            body.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("and now I can't breathe")]
    [InlineData("my lips are swelling up")]
    [InlineData("i want to kill myself")]
    public async Task A_warning_sign_after_the_cut_still_gets_the_emergency_reply(string sign)
    {
        var question = Filler + sign;

        using var response = await _client.PostAsJsonAsync("/api/ask", new { question });

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("emergency", body.GetProperty("kind").GetString());
        var firstLine = body.GetProperty("text").GetString()!.Split('\n')[0];
        Assert.Contains("call emergency services", firstLine, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_long_message_on_the_bot_endpoint_gets_the_answer_then_the_note()
    {
        var message = ReliabilityHost.ExpectRepliesMessage("what is IVIG flu? " + Filler);

        using var response = await _client.PostAsync(new Uri("/api/messages", UriKind.Relative), ReliabilityHost.Json(message.ToJsonString()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = await ReliabilityHost.MessageRepliesAsync(response);
        Assert.Equal(2, replies.Count);
        Assert.Contains("IVIG flu", (string?)replies[0]["text"], StringComparison.Ordinal);
        Assert.StartsWith("Your message was long, so I read its first 1,000 characters.", (string?)replies[1]["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_short_message_gets_no_note()
    {
        using var response = await _client.PostAsync(new Uri("/api/messages", UriKind.Relative),
            ReliabilityHost.Json(ReliabilityHost.ExpectRepliesMessage("what is IVIG flu").ToJsonString()));

        var replies = await ReliabilityHost.MessageRepliesAsync(response);
        Assert.Single(replies);
    }

    [Fact]
    public async Task An_oversized_ask_body_is_413_with_a_reason()
    {
        var question = new string('a', new RequestLimitsOptions().MaxAskBodyBytes + 10);

        using var response = await _client.PostAsJsonAsync("/api/ask", new { question });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
        Assert.Contains("too large", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_reports_the_content_version()
    {
        using var response = await _client.GetAsync(new Uri("/healthz", UriKind.Relative));

        var content = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("content");
        Assert.Equal(1, content.GetProperty("version").GetInt32());
        Assert.True(content.GetProperty("documents").GetInt32() > 50);
        Assert.Equal(JsonValueKind.Null, content.GetProperty("rejectedAt").ValueKind);
    }

    /// <summary>The default limits, in memory.</summary>
    public sealed class Host() : IDisposable
    {
        private readonly ReliabilityHost _host = new();

        public HttpClient Client() => _host.Client();

        public void Dispose() => _host.Dispose();
    }
}
