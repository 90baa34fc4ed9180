using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace IvigBot.BotFramework.DirectLine;

/// <summary>
/// Runs the bot in-process for the self-hosted Direct Line endpoint, on the SDK's <see cref="BotAdapter"/>: the same
/// <see cref="IBot"/> that serves <c>/api/messages</c>, with the same middleware and <see cref="BotAdapter.OnTurnError"/>
/// (the host sets both), but whatever it sends is appended to the <see cref="DirectLineConversation"/> (which pushes it
/// to the client's WebSocket) instead of being posted to a Connector service. No tokens are needed between the two,
/// since nothing leaves the process.
/// </summary>
public class DirectLineAdapter : BotAdapter
{
    /// <summary>The bot's account in Direct Line conversations.</summary>
    public const string BotId = "ivigbot";

    /// <summary>The bot's display name in Direct Line conversations.</summary>
    public const string BotName = "IvigBot";

    private const string ConversationKey = "IvigBot.BotFramework.DirectLine.Conversation";

    private readonly TimeProvider _timeProvider;

    public DirectLineAdapter(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    /// <summary>
    /// Runs one turn for <paramref name="activity"/> (already addressed and stored by the endpoint) through the
    /// middleware and the bot. A failure that <see cref="BotAdapter.OnTurnError"/> could not deal with is thrown.
    /// </summary>
    public async Task ProcessActivityAsync(
        DirectLineConversation conversation,
        Activity activity,
        IBot bot,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(bot);
        using var turnContext = new TurnContext(this, activity);
        turnContext.TurnState.Add(ConversationKey, conversation);
        await RunPipelineAsync(turnContext, bot.OnTurnAsync, cancellationToken).ConfigureAwait(false);
    }

    public override Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(activities);
        var conversation = turnContext.TurnState.Get<DirectLineConversation>(ConversationKey)
            ?? throw new InvalidOperationException("This turn does not belong to a Direct Line conversation.");
        var responses = new ResourceResponse[activities.Length];
        for (var i = 0; i < activities.Length; i++)
        {
            var activity = activities[i];

            // Invoke responses are for the HTTP caller of an invoke and traces for the Emulator: neither reaches Web Chat.
            if (activity.Type is ActivityTypesEx.InvokeResponse or ActivityTypes.Trace)
            {
                responses[i] = new ResourceResponse();
                continue;
            }

            // What Web Chat relies on: role "bot" on the sender; no serviceUrl (it is this process).
            activity.From = new ChannelAccount(activity.From?.Id ?? BotId, activity.From?.Name ?? BotName, RoleTypes.Bot);
            activity.ServiceUrl = null;
            responses[i] = new ResourceResponse(conversation.Append(activity, _timeProvider.GetUtcNow()));
        }

        return Task.FromResult(responses);
    }

    /// <summary>Web Chat has no way to be told that an activity changed: not supported.</summary>
    public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Direct Line conversations here do not support updating an activity.");

    /// <summary>Web Chat has no way to be told that an activity was deleted: not supported.</summary>
    public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Direct Line conversations here do not support deleting an activity.");
}
