namespace IvigBot.Content;

/// <summary>What a <see cref="FaqDocument"/> is: a curated question-and-answer entry or a passage of an article.</summary>
public enum FaqDocumentKind
{
    Entry,
    Passage,
}

/// <summary>
/// One unit the bot can answer with: a FAQ entry (question, alternates, answer) or one passage of an article
/// (its title and section heading stand in for the question).
/// </summary>
public sealed record FaqDocument
{
    /// <summary>Stable id: the entry's <c>id:</c>, or <c>article-file#n</c> for passages.</summary>
    public required string Id { get; init; }

    public required FaqDocumentKind Kind { get; init; }

    /// <summary>The question as patients see it; for a passage, "Article title: section heading".</summary>
    public required string Question { get; init; }

    /// <summary>Other ways patients ask the same thing (entries only).</summary>
    public IReadOnlyList<string> Alternates { get; init; } = [];

    /// <summary>The answer text (Markdown) or the passage text.</summary>
    public required string Answer { get; init; }

    /// <summary>Where the facts come from, as the editor wrote it.</summary>
    public required string Source { get; init; }

    /// <summary>When a clinician last checked the content.</summary>
    public DateOnly? Reviewed { get; init; }

    /// <summary>The topic (the file's <c># </c> heading) or the article title.</summary>
    public string Topic { get; init; } = "";

    /// <summary>Where the document starts, for messages to editors.</summary>
    public required SourceLocation Location { get; init; }
}

/// <summary>A place in a content file: the path relative to the content folder and a 1-based line.</summary>
public readonly record struct SourceLocation(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}
