using IvigBot.Answering;

namespace IvigBot.Insights;

/// <summary>
/// What the bot tells the editor's store about a turn. Every call returns at once: the interaction is queued and
/// written in the background (see <see cref="QueuedInteractionRecorder"/>); a full queue or a store that is down never
/// slows or fails the reply. Raw text handed in here is redacted before it is stored.
/// </summary>
public interface IInteractionRecorder
{
    /// <summary>A typed question and the reply it got (kept word for word, redacted, only when it was not a sure answer).</summary>
    void RecordMessage(string? channelId, string? conversationId, string question, AnswerResult result);

    /// <summary>A suggested question the user clicked (clarify candidate, related question, example).</summary>
    void RecordPick(string? channelId, string? conversationId, string entryId);

    /// <summary>A "Helpful" / "Not helpful" click on an answer.</summary>
    void RecordFeedback(string? channelId, string? conversationId, string? entryId, bool helpful);
}
