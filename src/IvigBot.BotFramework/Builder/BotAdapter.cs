using IvigBot.BotFramework.Schema;

namespace IvigBot.BotFramework.Builder;

/// <summary>Connects a bot to a channel: runs turns and delivers what the bot sends.</summary>
public abstract class BotAdapter
{
    /// <summary>
    /// Called when the bot throws during a turn. It should log the exception and tell the user something short and
    /// polite; if it throws too, the adapter answers the channel with a server error.
    /// </summary>
    public Func<ITurnContext, Exception, Task>? OnTurnError { get; set; }

    /// <summary>Delivers activities the bot sends during a turn, in order.</summary>
    public abstract Task<IReadOnlyList<ResourceResponse>> SendActivitiesAsync(
        ITurnContext turnContext,
        IReadOnlyList<Activity> activities,
        CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="callback"/> and routes its exception to <see cref="OnTurnError"/> when one is set.
    /// Returns the exception the turn failed with (handled or not is decided by whether this method throws).
    /// </summary>
    protected async Task<Exception?> RunPipelineAsync(
        ITurnContext turnContext,
        BotCallbackHandler callback,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(callback);
        try
        {
            await callback(turnContext, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (OnTurnError is not null && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            await OnTurnError(turnContext, ex).ConfigureAwait(false);
            return ex;
        }
    }
}
