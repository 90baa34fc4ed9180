namespace IvigBot.Insights;

/// <summary>One thing to store, as queued: times are Unix milliseconds; the conversation is only a hash of its id.</summary>
public abstract record Interaction(long At, string? Channel, string? Conversation);

/// <summary>A typed question. <paramref name="Question"/> is raw text and is redacted before it is written; null when only counted.</summary>
public sealed record MessageInteraction(
    long At,
    string? Channel,
    string? Conversation,
    string Kind,
    double Confidence,
    string? Question,
    string Candidates) : Interaction(At, Channel, Conversation);

/// <summary>A clicked suggestion.</summary>
public sealed record PickInteraction(long At, string? Channel, string? Conversation, string EntryId)
    : Interaction(At, Channel, Conversation);

/// <summary>A feedback click.</summary>
public sealed record FeedbackInteraction(long At, string? Channel, string? Conversation, string EntryId, bool Helpful)
    : Interaction(At, Channel, Conversation);
