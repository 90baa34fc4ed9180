using IvigBot.BotFramework.Schema;

namespace IvigBot.BotFramework.Builder;

/// <summary>The incoming activity of one turn and the means to answer it.</summary>
public interface ITurnContext
{
    /// <summary>The adapter that created this turn.</summary>
    BotAdapter Adapter { get; }

    /// <summary>The incoming activity.</summary>
    Activity Activity { get; }

    /// <summary>Per-turn values shared between the adapter, middleware-like code and the bot.</summary>
    TurnState TurnState { get; }

    /// <summary>True once an activity other than a trace has been sent in this turn.</summary>
    bool Responded { get; }

    /// <summary>Sends a plain-text message addressed back to the sender of the incoming activity.</summary>
    Task<ResourceResponse> SendActivityAsync(string text, CancellationToken cancellationToken);

    /// <summary>Addresses <paramref name="activity"/> to this conversation (see
    /// <see cref="Activity.ApplyConversationReference"/>) and sends it.</summary>
    Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken);

    /// <summary>Sends several activities in order.</summary>
    Task<IReadOnlyList<ResourceResponse>> SendActivitiesAsync(
        IReadOnlyList<Activity> activities,
        CancellationToken cancellationToken);
}
