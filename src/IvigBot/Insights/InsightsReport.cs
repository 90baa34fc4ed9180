namespace IvigBot.Insights;

/// <summary>What the editor page and the <c>report</c> verb show, read from the store at <see cref="GeneratedAt"/>.</summary>
public sealed record InsightsReport
{
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Messages that ended in a fallback or clarify, grouped by meaning, most frequent first.</summary>
    public required IReadOnlyList<QuestionGroup> Unanswered { get; init; }

    /// <summary>Entries with feedback, the worst helpful share first.</summary>
    public required IReadOnlyList<EntryFeedback> WorstRated { get; init; }

    /// <summary>Messages that users resolved by picking an entry: candidate alternates for that entry.</summary>
    public required IReadOnlyList<SuggestedAlternate> Suggestions { get; init; }

    /// <summary>Entries whose <c>reviewed:</c> date is older than <c>Insights:ReviewAfterDays</c> (or missing).</summary>
    public required IReadOnlyList<StaleEntry> Stale { get; init; }

    /// <summary>One row per week (Monday to Sunday, UTC), oldest first.</summary>
    public required IReadOnlyList<WeekFigures> Weeks { get; init; }
}

/// <summary>Similar unanswered messages: <see cref="Question"/> is the most frequent, <see cref="Examples"/> others.</summary>
public sealed record QuestionGroup(string Question, long Count, IReadOnlyList<string> Examples)
{
    /// <summary>Examples kept per group besides the leading message.</summary>
    public const int MaxExamples = 3;
}

public sealed record EntryFeedback(string EntryId, string? Question, long Helpful, long NotHelpful)
{
    public double HelpfulShare => Helpful + NotHelpful == 0 ? 0 : (double)Helpful / (Helpful + NotHelpful);
}

/// <summary>A (redacted) message users asked before picking entry <see cref="EntryId"/>, <see cref="Count"/> times.</summary>
public sealed record SuggestedAlternate(string EntryId, string? Question, string Message, long Count)
{
    /// <summary>The line to paste under the entry's <c>also asked as:</c> in <c>faq/</c>.</summary>
    public string MarkdownLine => "- " + Message;
}

public sealed record StaleEntry(string EntryId, string Question, DateOnly? Reviewed, string Location);

/// <summary>
/// A week's figures: questions typed (small talk aside); the share that got an answer (answer, emergency or advice);
/// the share of feedback clicks that said "Helpful" (null without feedback).
/// </summary>
public sealed record WeekFigures(DateOnly WeekStart, long Questions, long Answered, long Helpful, long Feedback)
{
    public double? AnsweredShare => Questions == 0 ? null : (double)Answered / Questions;

    public double? HelpfulShare => Feedback == 0 ? null : (double)Helpful / Feedback;
}
