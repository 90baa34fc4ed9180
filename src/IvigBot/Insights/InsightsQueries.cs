using IvigBot.Content;
using Microsoft.Extensions.Options;

namespace IvigBot.Insights;

/// <summary>
/// Reads the editor's report from the store: counting and joining in SQL (the same SQL on SQLite and PostgreSQL),
/// grouping by meaning in an <see cref="IQuestionGrouper"/>. A row of <c>questions</c> stands for <c>count</c> messages.
/// </summary>
public sealed class InsightsQueries(InteractionStore store, IQuestionGrouper grouper, IOptions<InsightsOptions> options, TimeProvider timeProvider)
{
    /// <summary>Weeks shown in the chart, this one included.</summary>
    public const int ChartWeeks = 12;

    /// <summary>A pick is linked to the message before it in the same conversation when it came within this time.</summary>
    public static readonly TimeSpan PickWindow = TimeSpan.FromMinutes(30);

    /// <summary>Most distinct unanswered messages read for grouping.</summary>
    private const int MaxUnansweredMessages = 5000;

    /// <summary>Most rows in the other lists.</summary>
    private const int MaxRows = 200;

    private const long WeekMs = 7 * 24 * 3600 * 1000L;

    /// <summary>The Unix epoch was a Thursday: shifting by three days makes weeks start on Monday.</summary>
    private const long MondayShiftMs = 3 * 24 * 3600 * 1000L;

    private static readonly string WeekOf = $"(at + {MondayShiftMs}) / {WeekMs}";

    /// <summary>The whole report; <paramref name="entries"/> are the FAQ entries of the content being served.</summary>
    public async Task<InsightsReport> ReadAsync(IReadOnlyCollection<FaqDocument> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        var questions = entries.ToDictionary(e => e.Id, e => e.Question, StringComparer.Ordinal);
        await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);

        var unanswered = await connection.ReadAsync($"""
            SELECT text, SUM(count) FROM questions
            WHERE text IS NOT NULL AND kind IN ('fallback', 'clarify')
            GROUP BY text ORDER BY SUM(count) DESC, text LIMIT {MaxUnansweredMessages}
            """, r => (r.GetString(0), r.GetInt64(1)), cancellationToken).ConfigureAwait(false);

        var rated = await connection.ReadAsync("""
            SELECT entry_id, SUM(CASE WHEN helpful THEN 1 ELSE 0 END), SUM(CASE WHEN helpful THEN 0 ELSE 1 END)
            FROM feedback GROUP BY entry_id
            """, r => new EntryFeedback(r.GetString(0), questions.GetValueOrDefault(r.GetString(0)), r.GetInt64(1), r.GetInt64(2)),
            cancellationToken).ConfigureAwait(false);

        var suggestions = await connection.ReadAsync($"""
            SELECT p.entry_id, q.text, COUNT(*) FROM picks p
            JOIN questions q ON q.conversation = p.conversation
            WHERE p.conversation IS NOT NULL AND q.text IS NOT NULL AND q.at >= p.at - @window
              AND q.at = (SELECT MAX(q2.at) FROM questions q2 WHERE q2.conversation = p.conversation AND q2.at <= p.at)
            GROUP BY p.entry_id, q.text ORDER BY COUNT(*) DESC, p.entry_id, q.text LIMIT {MaxRows}
            """, r => new SuggestedAlternate(r.GetString(0), questions.GetValueOrDefault(r.GetString(0)), r.GetString(1), r.GetInt64(2)),
            cancellationToken, ("window", (long)PickWindow.TotalMilliseconds)).ConfigureAwait(false);

        var firstWeek = (now.ToUnixTimeMilliseconds() + MondayShiftMs) / WeekMs - (ChartWeeks - 1);
        var since = ("since", firstWeek * WeekMs - MondayShiftMs);
        var weeklyQuestions = (await connection.ReadAsync($"""
            SELECT {WeekOf}, SUM(count), SUM(CASE WHEN kind IN ('answer', 'emergency', 'advice') THEN count ELSE 0 END)
            FROM questions WHERE at >= @since GROUP BY {WeekOf}
            """, r => (Week: r.GetInt64(0), Questions: r.GetInt64(1), Answered: r.GetInt64(2)), cancellationToken, since).ConfigureAwait(false))
            .ToDictionary(w => w.Week);
        var weeklyFeedback = (await connection.ReadAsync($"""
            SELECT {WeekOf}, COUNT(*), SUM(CASE WHEN helpful THEN 1 ELSE 0 END)
            FROM feedback WHERE at >= @since GROUP BY {WeekOf}
            """, r => (Week: r.GetInt64(0), Feedback: r.GetInt64(1), Helpful: r.GetInt64(2)), cancellationToken, since).ConfigureAwait(false))
            .ToDictionary(w => w.Week);

        var weeks = new List<WeekFigures>(ChartWeeks);
        for (var week = firstWeek; week < firstWeek + ChartWeeks; week++)
        {
            var q = weeklyQuestions.GetValueOrDefault(week);
            var f = weeklyFeedback.GetValueOrDefault(week);
            var start = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(week * WeekMs - MondayShiftMs).UtcDateTime);
            weeks.Add(new WeekFigures(start, q.Questions, q.Answered, f.Helpful, f.Feedback));
        }

        var reviewedBefore = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-options.Value.ReviewAfterDays);
        return new InsightsReport
        {
            GeneratedAt = now,
            Unanswered = grouper.Group(unanswered, entries, cancellationToken),
            WorstRated = [.. rated.OrderBy(e => e.HelpfulShare).ThenByDescending(e => e.NotHelpful).ThenBy(e => e.EntryId, StringComparer.Ordinal).Take(MaxRows)],
            Suggestions = suggestions,
            Stale = [.. entries
                .Where(e => e.Kind == FaqDocumentKind.Entry && (e.Reviewed is null || e.Reviewed < reviewedBefore))
                .OrderBy(e => e.Reviewed ?? DateOnly.MinValue).ThenBy(e => e.Id, StringComparer.Ordinal)
                .Select(e => new StaleEntry(e.Id, e.Question, e.Reviewed, e.Location.ToString()))],
            Weeks = weeks,
        };
    }
}
