using System.Text.Json.Nodes;
using IvigBot.Insights;
using IvigBot.Tests.Reliability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvigBot.Tests.Insights;

/// <summary>The store inside the real host: what reaches it, and what happens when it cannot be reached.</summary>
public sealed class InsightsHostTests
{
    /// <summary>Off-topic questions (so they end in a fallback and their text is kept) full of personal data.</summary>
    public static readonly TheoryData<string, string[]> PersonalData = new()
    {
        { "my name is Zebediah Quartermaine, can I get a tattoo", ["Zebediah", "Quartermaine"] },
        { "write to zeb.q@example.com about parking at the hospital", ["zeb.q@example.com", "example.com"] },
        { "call me on 07700 900123 or +44 20 7946 0958 about the car park", ["07700", "900123", "7946", "0958"] },
        { "I was born on 12/03/1980 and again born 3rd of March 1980, is the canteen open", ["12/03/1980", "1980", "3rd of March"] },
        { "my MRN 00123456 and NHS number 943 476 5919, where do I park", ["00123456", "943 476 5919", "5919"] },
        { "Sarah Okonkwo here, does the gift shop sell flowers", ["Sarah", "Okonkwo"] },
    };

    [Theory]
    [MemberData(nameof(PersonalData))]
    public async Task Personal_data_typed_into_the_chat_never_reaches_the_store(string message, string[] personal)
    {
        await using var db = await StoreUnderTest.CreateAsync(InsightsProvider.Sqlite);
        await using var host = new ReliabilityHost(db.HostSettings());
        using var client = host.CreateClient();

        var conversation = "privacy-" + Guid.NewGuid();
        var replies = await InsightsHost.AskAsync(client, message, conversation);
        Assert.NotEmpty(replies);
        await InsightsHost.WaitForWriterAsync(host.Services, 1);

        await using var connection = await db.Store.OpenAsync(CancellationToken.None);
        var stored = Assert.Single(await connection.ReadAsync("SELECT text FROM questions", r => r.IsDBNull(0) ? null : r.GetString(0), CancellationToken.None));
        Assert.NotNull(stored); // kept for the editor (a fallback), so the check below means something
        Assert.All(personal, p => Assert.DoesNotContain(p, stored, StringComparison.OrdinalIgnoreCase));
        // The other text columns; the conversation column is checked apart: a random 32-digit hex hash contains a run of
        // four decimal digits such as "1980" now and then, which is not a leak.
        var everything = string.Join('\n', await connection.ReadAsync("SELECT COALESCE(channel, '') || char(10) || candidates FROM questions", r => r.GetString(0), CancellationToken.None));
        Assert.All(personal, p => Assert.DoesNotContain(p, everything, StringComparison.OrdinalIgnoreCase));
        var storedConversation = Assert.Single(await connection.ReadAsync("SELECT conversation FROM questions", r => r.GetString(0), CancellationToken.None));
        Assert.Matches("^[0-9a-f]{32}$", storedConversation); // only a hash of the conversation id: no name, number or date fits in it
        Assert.DoesNotContain(conversation, everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_message_sent_twice_is_stored_twice_and_redacted_both_times()
    {
        // The writer redacts a text once per batch and reuses the result: both rows must still be redacted.
        var (message, personal) = ("my name is Zebediah Quartermaine, can I get a tattoo", new[] { "Zebediah", "Quartermaine" });
        await using var db = await StoreUnderTest.CreateAsync(InsightsProvider.Sqlite);
        await using var host = new ReliabilityHost(db.HostSettings());
        using var client = host.CreateClient();

        await Task.WhenAll(
            InsightsHost.AskAsync(client, message, "twice-" + Guid.NewGuid()),
            InsightsHost.AskAsync(client, message, "twice-" + Guid.NewGuid()));
        await InsightsHost.WaitForWriterAsync(host.Services, 2);

        await using var connection = await db.Store.OpenAsync(CancellationToken.None);
        var stored = (await connection.ReadAsync("SELECT text FROM questions", r => r.IsDBNull(0) ? null : r.GetString(0), CancellationToken.None)).ToList();
        Assert.Equal(2, stored.Count);
        Assert.All(stored, text =>
        {
            Assert.NotNull(text);
            Assert.All(personal, p => Assert.DoesNotContain(p, text, StringComparison.OrdinalIgnoreCase));
        });
        Assert.Equal(stored[0], stored[1]);
    }

    [Fact]
    public async Task The_same_message_repeated_in_one_batch_is_one_redacted_row_with_its_count()
    {
        // At saturation a few conversations repeat thousands of times a second: one row each would cost the replies CPU.
        var (message, personal) = ("my name is Zebediah Quartermaine, can I get a tattoo", new[] { "Zebediah", "Quartermaine" });
        await using var db = await StoreUnderTest.CreateAsync(InsightsProvider.Sqlite);
        await using var host = new ReliabilityHost(db.HostSettings());
        var recorder = host.Services.GetRequiredService<QueuedInteractionRecorder>();
        var fallback = new IvigBot.Answering.AnswerResult { Kind = IvigBot.Answering.AnswerKind.Fallback, Text = "Sorry." };

        for (var i = 0; i < 500; i++) // queued within the writer's batch window
        {
            recorder.RecordMessage("webchat", "repeat-1", message, fallback);
        }

        recorder.RecordMessage("webchat", "repeat-2", message, fallback);
        await InsightsHost.WaitForWriterAsync(host.Services, 501);

        await using var connection = await db.Store.OpenAsync(CancellationToken.None);
        var rows = (await connection.ReadAsync("SELECT text, count FROM questions ORDER BY count DESC", r => (Text: r.GetString(0), Count: r.GetInt64(1)), CancellationToken.None)).ToList();
        Assert.Equal([500L, 1L], rows.Select(r => r.Count));
        Assert.All(rows, r => Assert.All(personal, p => Assert.DoesNotContain(p, r.Text, StringComparison.OrdinalIgnoreCase)));
        var report = await InteractionStoreTests.Queries(db).ReadAsync([], CancellationToken.None);
        Assert.Equal(501L, Assert.Single(report.Unanswered).Count);
        Assert.Equal((501L, 0L), (report.Weeks[^1].Questions, report.Weeks[^1].Answered));
    }

    [Fact]
    public async Task More_messages_than_one_transaction_takes_are_all_counted_in_transactions_of_at_most_MaxBatch()
    {
        await using var db = await StoreUnderTest.CreateAsync(InsightsProvider.Sqlite);
        await using var host = new ReliabilityHost(db.HostSettings());
        var recorder = host.Services.GetRequiredService<QueuedInteractionRecorder>();
        var fallback = new IvigBot.Answering.AnswerResult { Kind = IvigBot.Answering.AnswerKind.Fallback, Text = "Sorry." };
        const int Sent = 2 * InteractionWriter.MaxBatch + 1;

        for (var i = 0; i < Sent; i++)
        {
            recorder.RecordMessage("webchat", "burst", "can I swim after my infusion", fallback);
        }

        var writer = await InsightsHost.WaitForWriterAsync(host.Services, Sent);

        Assert.Equal((Sent, 0L), (writer.Written, writer.Failed));
        await using var connection = await db.Store.OpenAsync(CancellationToken.None);
        var counts = await connection.ReadAsync("SELECT count FROM questions", r => r.GetInt64(0), CancellationToken.None);
        Assert.Equal(Sent, counts.Sum());
        Assert.True(counts.Count >= 3, $"{counts.Count} row(s)"); // one row per transaction at least
        Assert.All(counts, c => Assert.InRange(c, 1, InteractionWriter.MaxBatch));
    }

    [Fact]
    public async Task A_store_that_is_down_costs_a_warning_and_a_count_never_a_reply()
    {
        await using var host = new ReliabilityHost(new Dictionary<string, string?>
        {
            ["Insights:Provider"] = "PostgreSql",
            ["Insights:ConnectionString"] = "Host=127.0.0.1;Port=1;Username=nobody;Password=nothing;Timeout=2",
        });
        using var client = host.CreateClient();
        var conversation = "down-" + Guid.NewGuid();

        var answer = await InsightsHost.AskAsync(client, "what is ivig flu", conversation);
        var thanks = await InsightsHost.ClickAsync(client, InsightsHost.Feedback("ivig-flu", helpful: true), conversation);

        Assert.Contains("IVIG flu", (string?)answer[0]["text"], StringComparison.Ordinal);
        Assert.Equal(IvigBot.Bots.FaqBot.FeedbackThanksText, (string?)thanks[0]["text"]);
        var writer = await InsightsHost.WaitForWriterAsync(host.Services, 2);
        Assert.Equal((0L, 2L), (writer.Written, writer.Failed));
        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("could not be written", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Colour=blue;Password=hunter2-secret", "not a valid PostgreSQL connection string")]
    [InlineData("Database=ivigbot;Password=hunter2-secret", "must name the server")]
    [InlineData("", "is required when Insights:Provider is PostgreSql")]
    public void A_broken_connection_string_is_refused_at_start_up_with_a_clear_message(string connectionString, string expected)
    {
        using var host = new ReliabilityHost(new Dictionary<string, string?>
        {
            ["Insights:Provider"] = "PostgreSql",
            ["Insights:ConnectionString"] = connectionString,
        });

        var refused = Assert.Throws<OptionsValidationException>(() => host.CreateClient());

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Teams_card_clicks_are_stored_like_any_other_click()
    {
        await using var db = await StoreUnderTest.CreateAsync(InsightsProvider.Sqlite);
        await using var host = new ReliabilityHost(db.HostSettings());
        using var client = host.CreateClient();
        var conversation = "a:1" + Guid.NewGuid().ToString("N");

        foreach (var (verb, data) in new[]
        {
            ("answer", new JsonObject { ["entryId"] = "ivig-flu" }),
            ("feedback", new JsonObject { ["feedback"] = "not-helpful", ["entryId"] = "ivig-flu" }),
        })
        {
            using var response = await client.PostAsync(InsightsHost.Messages, ReliabilityHost.Json(TeamsInvoke(conversation, verb, data).ToJsonString()));
            response.EnsureSuccessStatusCode();
        }

        await InsightsHost.WaitForWriterAsync(host.Services, 2);
        await using var connection = await db.Store.OpenAsync(CancellationToken.None);
        Assert.Equal(("msteams", "ivig-flu"), Assert.Single(await connection.ReadAsync("SELECT channel, entry_id FROM picks", r => (r.GetString(0), r.GetString(1)), CancellationToken.None)));
        Assert.Equal(("msteams", "ivig-flu", false), Assert.Single(await connection.ReadAsync("SELECT channel, entry_id, helpful FROM feedback", r => (r.GetString(0), r.GetString(1), r.GetBoolean(2)), CancellationToken.None)));
    }

    [Fact]
    public async Task Rows_older_than_the_retention_are_deleted_when_the_service_starts()
    {
        await using var db = await StoreUnderTest.CreateAsync(InsightsProvider.Sqlite);
        var now = TimeProvider.System.GetUtcNow();
        await db.Store.WriteAsync(
        [
            new FeedbackInteraction(now.AddDays(-31).ToUnixTimeMilliseconds(), "webchat", null, "old-entry", true),
            new FeedbackInteraction(now.AddDays(-29).ToUnixTimeMilliseconds(), "webchat", null, "recent-entry", true),
        ], CancellationToken.None);
        var settings = db.HostSettings();
        settings["Insights:RetentionDays"] = "30";

        await using var host = new ReliabilityHost(settings);
        using var client = host.CreateClient();

        await using var connection = await db.Store.OpenAsync(CancellationToken.None);
        var entries = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            entries = [.. await connection.ReadAsync("SELECT entry_id FROM feedback", r => r.GetString(0), CancellationToken.None)];
            if (entries.Count == 1)
            {
                break;
            }

            await Task.Delay(50);
        }

        Assert.Equal(["recent-entry"], entries);
    }

    /// <summary>An <c>Action.Execute</c> click on a Teams card (<c>adaptiveCard/action</c>), answered in the HTTP response.</summary>
    private static JsonObject TeamsInvoke(string conversationId, string verb, JsonObject data) => new()
    {
        ["type"] = "invoke",
        ["name"] = "adaptiveCard/action",
        ["id"] = Guid.NewGuid().ToString(),
        ["channelId"] = "msteams",
        ["serviceUrl"] = "http://127.0.0.1:9/", // never called: invokes are answered in the response
        ["from"] = new JsonObject { ["id"] = "29:1user" },
        ["recipient"] = new JsonObject { ["id"] = "28:bot" },
        ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = "personal", ["tenantId"] = "72f988bf-86f1-41af-91ab-2d7cd011db47" },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "72f988bf-86f1-41af-91ab-2d7cd011db47" } },
        ["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["id"] = "a1", ["data"] = data },
            ["trigger"] = "manual",
        },
    };
}
