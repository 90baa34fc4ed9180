using IvigBot.Content;
using IvigBot.Insights;
using Microsoft.Extensions.Options;

namespace IvigBot.Tests.Insights;

/// <summary>The store against the real databases: a SQLite file and a PostgreSQL database, the same expectations.</summary>
public sealed class InteractionStoreTests
{
    private static readonly DateTimeOffset Now = TimeProvider.System.GetUtcNow();

    private static readonly FaqDocument[] Entries =
    [
        Entry("ivig-cost", "How much does IVIG cost?", new DateOnly(2020, 1, 1)),
        Entry("ivig-flu", "What is \"IVIG flu\"?", DateOnly.FromDateTime(Now.UtcDateTime)),
    ];

    [StoreTheory]
    [InlineData(InsightsProvider.Sqlite)]
    [PostgresData]
    public async Task Migrations_run_once_however_often_and_from_however_many_instances(InsightsProvider provider)
    {
        await using var db = await StoreUnderTest.CreateAsync(provider);
        await using var second = new InteractionStore(Options.Create(db.Options), TimeProvider.System);
        await Task.WhenAll(db.Store.MigrateAsync(CancellationToken.None), second.MigrateAsync(CancellationToken.None));
        await second.MigrateAsync(CancellationToken.None);

        await using var connection = await second.OpenAsync(CancellationToken.None);
        var versions = await connection.ReadAsync("SELECT version FROM schema_migrations ORDER BY version", r => r.GetInt32(0), CancellationToken.None);
        Assert.Equal(StoreMigrations.Steps.Select(s => s.Version), versions);
    }

    [StoreTheory]
    [InlineData(InsightsProvider.Sqlite)]
    [PostgresData]
    public async Task The_report_counts_groups_and_links_what_was_written(InsightsProvider provider)
    {
        await using var db = await StoreUnderTest.CreateAsync(provider);
        var at = Now.ToUnixTimeMilliseconds();
        await db.Store.WriteAsync(
        [
            Message(at, "c1", "fallback", "how much does ivig cost"),
            new PickInteraction(at + 1000, "webchat", "c1", "ivig-cost"),
            Message(at, "c2", "fallback", "what does ivig cost"),
            Message(at, "c3", "clarify", "can my dog have ivig"),
            Message(at, "c4", "answer", null),
            new PickInteraction(at + 1000, "webchat", "c4", "ivig-flu"), // after a sure answer: nothing to suggest
            Feedback(at, "ivig-flu", true), Feedback(at, "ivig-flu", true), Feedback(at, "ivig-flu", true),
            Feedback(at, "ivig-cost", false), Feedback(at, "ivig-cost", false), Feedback(at, "ivig-cost", true),
        ], CancellationToken.None);

        var report = await Queries(db).ReadAsync(Entries, CancellationToken.None);

        Assert.Collection(report.Unanswered,
            cost => Assert.Equal((2L, "how much does ivig cost", "what does ivig cost"), (cost.Count, cost.Question, Assert.Single(cost.Examples))),
            dog => Assert.Equal((1L, "can my dog have ivig"), (dog.Count, dog.Question)));
        Assert.Equal(["ivig-cost", "ivig-flu"], report.WorstRated.Select(e => e.EntryId));
        Assert.Equal(1.0 / 3, report.WorstRated[0].HelpfulShare, 3);
        var suggestion = Assert.Single(report.Suggestions);
        Assert.Equal(("ivig-cost", "How much does IVIG cost?", "- how much does ivig cost", 1L),
            (suggestion.EntryId, suggestion.Question, suggestion.MarkdownLine, suggestion.Count));
        Assert.Equal("ivig-cost", Assert.Single(report.Stale).EntryId);
        Assert.Equal(InsightsQueries.ChartWeeks, report.Weeks.Count);
        var thisWeek = report.Weeks[^1];
        Assert.Equal((4L, 1L, 6L, 4L), (thisWeek.Questions, thisWeek.Answered, thisWeek.Feedback, thisWeek.Helpful));
        Assert.Equal(DayOfWeek.Monday, thisWeek.WeekStart.DayOfWeek);
        Assert.All(report.Weeks.SkipLast(1), w => Assert.Equal(0, w.Questions));
    }

    [StoreTheory]
    [InlineData(InsightsProvider.Sqlite)]
    [PostgresData]
    public async Task A_row_that_stands_for_several_messages_counts_as_that_many(InsightsProvider provider)
    {
        await using var db = await StoreUnderTest.CreateAsync(provider);
        var at = Now.ToUnixTimeMilliseconds();
        await db.Store.WriteAsync(
        [
            Message(at, "c1", "fallback", "can my dog have ivig") with { Count = 40 },
            Message(at, "c2", "fallback", "can my dog have ivig"),
            Message(at, "c3", "answer", null) with { Count = 7 },
        ], CancellationToken.None);

        var report = await Queries(db).ReadAsync(Entries, CancellationToken.None);

        Assert.Equal((41L, "can my dog have ivig"), (Assert.Single(report.Unanswered).Count, report.Unanswered[0].Question));
        Assert.Equal((48L, 7L), (report.Weeks[^1].Questions, report.Weeks[^1].Answered));
    }

    [StoreTheory]
    [InlineData(InsightsProvider.Sqlite)]
    [PostgresData]
    public async Task Rows_written_before_counts_were_stored_count_as_one_message_each(InsightsProvider provider)
    {
        await using var db = await StoreUnderTest.CreateAsync(provider);
        await using (var connection = await db.Store.OpenAsync(CancellationToken.None))
        {
            // The store as the first schema step left it, with a row in it.
            await connection.ExecuteAsync("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)", null, CancellationToken.None);
            await connection.ExecuteAsync(StoreMigrations.Steps[0].Sql, null, CancellationToken.None);
            await connection.ExecuteAsync("INSERT INTO schema_migrations (version, applied_at) VALUES (1, 0)", null, CancellationToken.None);
            await connection.ExecuteAsync(
                "INSERT INTO questions (at, channel, conversation, kind, confidence, text, candidates) VALUES (@at, 'webchat', 'c1', 'fallback', 0.2, 'an old question', '')",
                null,
                CancellationToken.None,
                ("at", Now.ToUnixTimeMilliseconds()));
        }

        await db.Store.WriteAsync([Message(Now.ToUnixTimeMilliseconds(), "c2", "fallback", "an old question") with { Count = 2 }], CancellationToken.None);

        var report = await Queries(db).ReadAsync(Entries, CancellationToken.None);
        Assert.Equal(3L, Assert.Single(report.Unanswered).Count);
    }

    [StoreTheory]
    [InlineData(InsightsProvider.Sqlite)]
    [PostgresData]
    public async Task Rows_older_than_the_retention_are_deleted_and_newer_ones_kept(InsightsProvider provider)
    {
        await using var db = await StoreUnderTest.CreateAsync(provider);
        var old = Now.AddDays(-91).ToUnixTimeMilliseconds();
        var recent = Now.AddDays(-1).ToUnixTimeMilliseconds();
        await db.Store.WriteAsync(
        [
            Message(old, "c1", "fallback", "an old question"), Feedback(old, "ivig-flu", false), new PickInteraction(old, null, "c1", "ivig-flu"),
            Message(recent, "c2", "fallback", "a recent question"), Feedback(recent, "ivig-flu", true),
        ], CancellationToken.None);

        var deleted = await db.Store.DeleteOlderThanAsync(Now.AddDays(-90), CancellationToken.None);

        Assert.Equal(3, deleted);
        var report = await Queries(db).ReadAsync(Entries, CancellationToken.None);
        Assert.Equal("a recent question", Assert.Single(report.Unanswered).Question);
        Assert.Equal((1L, 0L), (Assert.Single(report.WorstRated).Helpful, report.WorstRated[0].NotHelpful));
    }

    internal static InsightsQueries Queries(StoreUnderTest db) =>
        new(db.Store, new WordOverlapGrouper(), Options.Create(db.Options), TimeProvider.System);

    private static MessageInteraction Message(long at, string conversation, string kind, string? text) =>
        new(at, "webchat", conversation, kind, kind == "answer" ? 0.9 : 0.2, text, text is null ? "" : "ivig-cost,ivig-flu");

    private static FeedbackInteraction Feedback(long at, string entryId, bool helpful) => new(at, "webchat", null, entryId, helpful);

    private static FaqDocument Entry(string id, string question, DateOnly reviewed) => new()
    {
        Id = id,
        Kind = FaqDocumentKind.Entry,
        Question = question,
        Answer = "An answer.",
        Source = "A source.",
        Reviewed = reviewed,
        Location = new SourceLocation("entries/test.md", 1),
    };
}
