using System.Net;
using System.Net.Http.Headers;
using System.Text;
using IvigBot.Insights;
using IvigBot.Tests.Reliability;

namespace IvigBot.Tests.Insights;

/// <summary><c>/editor</c> over HTTP: the key, what the page shows after a few conversations, the downloads.</summary>
public sealed class EditorApiTests
{
    public const string Key = "editor-key-for-tests-0123456789";

    public static AuthenticationHeaderValue Basic(string key) => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("editor:" + key)));

    [Fact]
    public async Task Without_a_configured_key_the_editor_page_does_not_exist()
    {
        await using var db = await StoreUnderTest.CreateAsync(InsightsProvider.Sqlite);
        await using var host = new ReliabilityHost(db.HostSettings());
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = Basic(Key);

        using var response = await client.GetAsync("/editor");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic ZWRpdG9yOndyb25nLWtleQ==")] // editor:wrong-key
    [InlineData("Basic not-base64!")]
    [InlineData("Bearer editor-key-for-tests-012345678")] // one character short
    [InlineData("Digest editor-key-for-tests-0123456789")]
    public async Task A_missing_or_wrong_key_gets_401_with_a_challenge_and_nothing_else(string? authorization)
    {
        await using var db = await StoreUnderTest.CreateAsync(InsightsProvider.Sqlite);
        await using var host = new ReliabilityHost(WithKey(db));
        using var client = host.CreateClient();
        await InsightsHost.AskAsync(client, "can I bring my dog to the infusion centre", "c-" + Guid.NewGuid());

        foreach (var path in new[] { "/editor", "/editor/report.md", "/editor/report.csv" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            using var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal(EditorKeyFilter.Challenge, response.Headers.WwwAuthenticate.ToString());
            Assert.Empty(await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task After_a_few_conversations_the_page_shows_the_question_the_feedback_a_suggestion_and_the_chart()
    {
        await using var db = await StoreUnderTest.CreateAsync(InsightsProvider.Sqlite);
        await using var host = new ReliabilityHost(WithKey(db));
        using var client = host.CreateClient();
        await EditorConversations.HaveAsync(client);
        await InsightsHost.WaitForWriterAsync(host.Services, EditorConversations.Interactions);

        client.DefaultRequestHeaders.Authorization = Basic(Key);
        using var response = await client.GetAsync("/editor");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(EditorConversations.Unanswered, page, StringComparison.Ordinal);
        Assert.Contains(EditorConversations.PickedEntry, page, StringComparison.Ordinal);
        Assert.Contains("data-copy=\"- " + EditorConversations.BeforePick + "\"", page, StringComparison.Ordinal);
        Assert.Contains("<svg id=\"weekly-chart\"", page, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        var markdown = await client.GetStringAsync("/editor/report.md");
        var csv = await client.GetStringAsync("/editor/report.csv");
        Assert.Contains("- " + EditorConversations.BeforePick, markdown, StringComparison.Ordinal);
        Assert.Contains($"feedback,{EditorConversations.RatedEntry},", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_that_cannot_be_read_gives_503_with_a_plain_message()
    {
        await using var host = new ReliabilityHost(new Dictionary<string, string?>
        {
            ["Insights:Provider"] = "PostgreSql",
            ["Insights:ConnectionString"] = "Host=127.0.0.1;Port=1;Username=nobody;Password=nothing;Timeout=2",
            ["Insights:EditorKey"] = Key,
        });
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = Basic(Key);

        using var response = await client.GetAsync("/editor");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("cannot be read right now", body, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> WithKey(StoreUnderTest db)
    {
        var settings = db.HostSettings();
        settings["Insights:EditorKey"] = Key;
        return settings;
    }
}

/// <summary>A few test conversations an editor would have: an unanswered question, one resolved by a pick, feedback.</summary>
public static class EditorConversations
{
    public const string Unanswered = "can I bring my dog with me to my appointment";

    /// <summary>A message without a sure answer; the user then picks <see cref="PickedEntry"/> from the questions offered.</summary>
    public const string BeforePick = "going on holiday after ivig";

    public const string PickedEntry = "after-infusion";

    public const string RatedEntry = "ivig-flu";

    /// <summary>How many interactions <see cref="HaveAsync"/> records.</summary>
    public const int Interactions = 6;

    public static async Task HaveAsync(HttpClient client)
    {
        var first = "editor-" + Guid.NewGuid();
        await InsightsHost.AskAsync(client, Unanswered, first);
        var second = "editor-" + Guid.NewGuid();
        await InsightsHost.AskAsync(client, BeforePick, second);
        await InsightsHost.ClickAsync(client, InsightsHost.Pick(PickedEntry), second);
        var third = "editor-" + Guid.NewGuid();
        await InsightsHost.AskAsync(client, "what is ivig flu", third);
        await InsightsHost.ClickAsync(client, InsightsHost.Feedback(RatedEntry, helpful: false), third);
        await InsightsHost.ClickAsync(client, InsightsHost.Feedback(RatedEntry, helpful: true), third);
    }
}
