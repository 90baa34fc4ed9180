using System.Text.Json.Serialization;

namespace IvigBot.Answering;

/// <summary>What kind of reply the bot gives.</summary>
public enum AnswerKind
{
    /// <summary>A matching entry or passage was found.</summary>
    [JsonStringEnumMemberName("answer")]
    Answer,

    /// <summary>Not sure which of a few close questions was meant: the patient picks one.</summary>
    [JsonStringEnumMemberName("clarify")]
    Clarify,

    /// <summary>No good answer: says so, and what the bot can answer.</summary>
    [JsonStringEnumMemberName("fallback")]
    Fallback,

    /// <summary>Warning signs: call emergency services first.</summary>
    [JsonStringEnumMemberName("emergency")]
    Emergency,

    /// <summary>A personal treatment decision: referred to the care team.</summary>
    [JsonStringEnumMemberName("advice")]
    Advice,

    /// <summary>Greetings, thanks, goodbye, help.</summary>
    [JsonStringEnumMemberName("smalltalk")]
    Smalltalk,
}

/// <summary>A question the patient can pick; choosing it returns entry <see cref="Id"/> directly.</summary>
public sealed record Suggestion(string Id, string Question);

/// <summary>The bot's reply to one question, the same for the CLI, the HTTP API and every chat channel.</summary>
public sealed record AnswerResult
{
    public required AnswerKind Kind { get; init; }

    /// <summary>The reply exactly as a chat user reads it (Markdown).</summary>
    public required string Text { get; init; }

    /// <summary>The matched entry or passage id, when there is one.</summary>
    public string? Id { get; init; }

    /// <summary>The matched entry's question, when there is one.</summary>
    public string? Question { get; init; }

    /// <summary>Where the answer's facts come from.</summary>
    public string? Source { get; init; }

    /// <summary>How sure the bot is that the reply fits the question, 0 to 1.</summary>
    public double Confidence { get; init; }

    /// <summary>Related questions (after an answer) or candidates (for clarify), each with its entry id.</summary>
    public IReadOnlyList<Suggestion> Suggestions { get; init; } = [];
}
