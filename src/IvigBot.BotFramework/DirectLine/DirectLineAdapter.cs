using IvigBot.BotFramework.Builder;
using IvigBot.BotFramework.Schema;
using Microsoft.Extensions.Logging;

namespace IvigBot.BotFramework.DirectLine;

/// <summary>
/// Runs the bot in-process for the self-hosted Direct Line endpoint: the same <see cref="IBot"/> that serves
/// <c>/api/messages</c>, but whatever it sends is appended to the <see cref="DirectLineConversation"/> (which pushes
/// it to the client's WebSocket) instead of being posted to a Connector service. No tokens are needed between the
/// two, since nothing leaves the process.
/// </summary>
public sealed partial class DirectLineAdapter : BotAdapter
{
    /// <summary>What the user reads when their message could not be handled.</summary>
    public const string TurnErrorMessage = "Sorry, something went wrong on our side. Please try again in a moment.";

    /// <summary>The bot's account in Direct Line conversations.</summary>
    public static readonly ChannelAccount BotAccount = new("ivigbot", "IvigBot") { Role = "bot" };

    private const string ConversationKey = "IvigBot.BotFramework.DirectLine.Conversation";

    private readonly TimeProvider _timeProvider;
    private readonly ILogger<DirectLineAdapter> _logger;

    public DirectLineAdapter(TimeProvider timeProvider, ILogger<DirectLineAdapter> logger)
    {
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        OnTurnError = DefaultOnTurnErrorAsync;
    }

    /// <summary>
    /// Runs one turn for <paramref name="activity"/> (already addressed and stored by the endpoint). A failure the
    /// turn error handler dealt with is returned; one it could not deal with is thrown.
    /// </summary>
    public Task<Exception?> ProcessActivityAsync(
        DirectLineConversation conversation,
        Activity activity,
        IBot bot,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(bot);
        var turnContext = new TurnContext(this, activity);
        turnContext.TurnState.Set(ConversationKey, conversation);
        return RunPipelineAsync(turnContext, bot.OnTurnAsync, cancellationToken);
    }

    public override Task<IReadOnlyList<ResourceResponse>> SendActivitiesAsync(
        ITurnContext turnContext,
        IReadOnlyList<Activity> activities,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(activities);
        var conversation = turnContext.TurnState.Get<DirectLineConversation>(ConversationKey)
            ?? throw new InvalidOperationException("This turn does not belong to a Direct Line conversation.");
        var responses = new List<ResourceResponse>(activities.Count);
        foreach (var activity in activities)
        {
            // Invoke responses are for the HTTP caller of an invoke and traces for the Emulator: neither reaches Web Chat.
            if (activity.IsType(ActivityTypes.InvokeResponse) || activity.IsType(ActivityTypes.Trace))
            {
                responses.Add(new ResourceResponse());
                continue;
            }

            Normalize(activity);
            responses.Add(new ResourceResponse(conversation.Append(activity, _timeProvider.GetUtcNow())));
        }

        return Task.FromResult<IReadOnlyList<ResourceResponse>>(responses);
    }

    // What Web Chat relies on: role "bot" on the sender; spec A2100/A3050/A7701: no empty collections.
    private static void Normalize(Activity activity)
    {
        activity.From = new ChannelAccount(activity.From?.Id ?? BotAccount.Id, activity.From?.Name ?? BotAccount.Name) { Role = "bot" };
        activity.ServiceUrl = null;
        activity.OmitEmptyCollections();
    }

    private async Task DefaultOnTurnErrorAsync(ITurnContext turnContext, Exception exception)
    {
        LogTurnError(_logger, exception, turnContext.Activity.Type);
        if (turnContext.Activity.IsType(ActivityTypes.Message))
        {
            await turnContext.SendActivityAsync(TurnErrorMessage, CancellationToken.None).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Direct Line turn failed for a {ActivityType} activity")]
    private static partial void LogTurnError(ILogger logger, Exception exception, string? activityType);
}
