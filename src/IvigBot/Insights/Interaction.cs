namespace IvigBot.Insights;

/// <summary>
/// One thing to store: times are Unix milliseconds. As queued, <paramref name="Conversation"/> is the conversation id; the
/// writer replaces it with a hash of the id (<see cref="InteractionWriter"/>), and only the hash is stored.
/// </summary>
public abstract record Interaction(long At, string? Channel, string? Conversation);

/// <summary>
/// A typed question. <paramref name="Question"/> is raw text and is redacted before it is written; null when only counted.
/// <paramref name="Count"/> is how many identical messages this stands for: the writer stores the same message sent
/// again in one batch (same conversation, reply and redacted text) as one row, at the time of the first.
/// </summary>
public sealed record MessageInteraction(
    long At,
    string? Channel,
    string? Conversation,
    string Kind,
    double Confidence,
    string? Question,
    string Candidates,
    int Count = 1) : Interaction(At, Channel, Conversation);

/// <summary>A clicked suggestion.</summary>
public sealed record PickInteraction(long At, string? Channel, string? Conversation, string EntryId)
    : Interaction(At, Channel, Conversation);

/// <summary>A feedback click.</summary>
public sealed record FeedbackInteraction(long At, string? Channel, string? Conversation, string EntryId, bool Helpful)
    : Interaction(At, Channel, Conversation);
