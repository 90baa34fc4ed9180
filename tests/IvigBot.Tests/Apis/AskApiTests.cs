using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IvigBot.Answering;
using IvigBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace IvigBot.Tests.Apis;

public class AskApiTests(IvigBotFactory factory) : IClassFixture<IvigBotFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<(HttpStatusCode Status, JsonElement Body)> Ask(object body)
    {
        using var response = await _client.PostAsJsonAsync("/api/ask", body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<(HttpStatusCode Status, string Body)> PostRaw(string content, string? mediaType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ask")
        {
            Content = mediaType is null ? new ByteArrayContent(Encoding.UTF8.GetBytes(content)) : new StringContent(content, Encoding.UTF8, mediaType),
        };
        using var response = await _client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_question_gets_the_answer_as_json()
    {
        var (status, body) = await Ask(new { question = "what is IVIG flu" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("answer", body.GetProperty("kind").GetString());
        Assert.Equal("ivig-flu", body.GetProperty("id").GetString());
        Assert.EndsWith(new AnsweringOptions().DoctorNote, body.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("source").GetString()));
        Assert.InRange(body.GetProperty("confidence").GetDouble(), 0, 1);
    }

    [Fact]
    public async Task An_id_gets_exactly_that_entry()
    {
        var (status, body) = await Ask(new { id = "ivig-flu" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ivig-flu", body.GetProperty("id").GetString());
        Assert.Equal(1, body.GetProperty("confidence").GetDouble());
    }

    [Fact]
    public async Task Every_suggested_id_can_be_asked_for()
    {
        var (_, body) = await Ask(new { question = "what is IVIG flu" });

        foreach (var suggestion in body.GetProperty("suggestions").EnumerateArray())
        {
            var id = suggestion.GetProperty("id").GetString();
            var (status, chosen) = await Ask(new { id });
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(id, chosen.GetProperty("id").GetString());
            Assert.Equal(suggestion.GetProperty("question").GetString(), chosen.GetProperty("question").GetString());
        }
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("jane.doe@example.com")]
    public async Task An_unknown_id_is_404_with_a_fixed_reason_that_never_echoes_the_id(string id)
    {
        var (status, body) = await Ask(new { id });

        Assert.Equal(HttpStatusCode.NotFound, status);
        var error = body.GetProperty("error").GetString()!;
        Assert.Contains("no entry with that id", error, StringComparison.Ordinal);
        Assert.DoesNotContain(id, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_says_whether_the_bot_reads_meaning_or_only_words()
    {
        using var lexical = factory.WithWebHostBuilder(b => b.ConfigureAppConfiguration(c =>
            c.AddInMemoryCollection([new KeyValuePair<string, string?>("Answering:Semantic", "false")])));
        using var lexicalClient = lexical.CreateClient();

        Assert.Equal("semantic", await Ranking(_client));
        Assert.Equal("lexical", await Ranking(lexicalClient));

        static async Task<string?> Ranking(HttpClient client)
        {
            using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("ranking").GetString();
        }
    }

    [Theory]
    [InlineData("POST", "/api/ask", "{\"question\":\"what is IVIG flu\"}")]
    [InlineData("POST", "/api/ask", "{\"id\":\"nope\"}")]
    [InlineData("POST", "/api/ask", "{not json")]
    [InlineData("GET", "/healthz", null)]
    [InlineData("POST", "/v3/directline/conversations", null)]
    [InlineData("POST", "/api/messages", "{}")]
    public async Task Every_response_tells_browsers_not_to_sniff_its_type(string method, string path, string? json)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await _client.SendAsync(request);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"question\":\"\"}")]
    [InlineData("{\"question\":\"   \"}")]
    [InlineData("{\"id\":\"\"}")]
    [InlineData("null")]
    public async Task An_empty_request_is_400_with_a_reason(string json)
    {
        var (status, body) = await PostRaw(json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("question", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_body_is_400_with_a_reason()
    {
        var (status, body) = await PostRaw("");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(string.IsNullOrWhiteSpace(JsonDocument.Parse(body).RootElement.GetProperty("error").GetString()));
    }

    [Theory]
    [InlineData("{\"question\": \"what is ivig\"")]
    [InlineData("not json at all")]
    [InlineData("{\"question\": 42}")]
    public async Task Malformed_json_is_400_with_a_reason(string json)
    {
        var (status, body) = await PostRaw(json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.Length > 0, "the 400 has an empty body: the caller is not told what is wrong");
        Assert.False(string.IsNullOrWhiteSpace(JsonDocument.Parse(body).RootElement.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Malformed_json_is_refused_with_a_client_error()
    {
        var (status, _) = await PostRaw("{\"question\": ");

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task A_very_long_question_is_still_answered()
    {
        var (status, body) = await Ask(new { question = "what is IVIG flu " + new string('x', 10_000) });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.InRange(body.GetProperty("confidence").GetDouble(), 0, 1);
    }

    [Theory]
    [InlineData("i cant breathe", "emergency")]
    [InlineData("should i stop my ivig", "advice")]
    [InlineData("reset my password", "fallback")]
    public async Task Triage_kinds_come_through_the_api(string question, string kind)
    {
        var (status, body) = await Ask(new { question });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(kind, body.GetProperty("kind").GetString());
    }

    /// <summary>Regression: configuration binding appended appsettings.json's example ids to the built-in ones, so each example was offered twice.</summary>
    [Fact]
    public async Task Greeting_examples_are_not_duplicated_by_appsettings()
    {
        var (_, body) = await Ask(new { question = "hi" });

        var ids = body.GetProperty("suggestions").EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.NotEmpty(ids);
        Assert.Equal(ids.Distinct().Count(), ids.Count);
    }

    [Fact]
    public async Task Healthz_is_ok_once_content_is_loaded()
    {
        using var response = await _client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
        Assert.True(json.RootElement.GetProperty("documents").GetInt32() > 45);
        var directLine = json.RootElement.GetProperty("directLine");
        Assert.Equal(500, directLine.GetProperty("max").GetInt32());
        Assert.InRange(directLine.GetProperty("conversations").GetInt32(), 0, 500);
    }
}
