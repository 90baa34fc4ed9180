using System.Text.Json;
using IvigBot.BotFramework.Schema;

namespace IvigBot.BotFramework.Builder;

/// <summary>
/// An <see cref="IBot"/> that dispatches each activity type to a virtual method, as the SDK's
/// <c>ActivityHandler</c> does. Override the ones the bot cares about; the rest do nothing.
/// </summary>
public class ActivityHandler : IBot
{
    public virtual async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        switch (turnContext.Activity.Type)
        {
            case ActivityTypes.Message:
                await OnMessageActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.ConversationUpdate:
                await OnConversationUpdateActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.MessageReaction:
                await OnMessageReactionActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.Event:
                await OnEventActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.Invoke:
                var invokeResponse = await OnInvokeActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
                await turnContext.SendActivityAsync(CreateInvokeResponseActivity(invokeResponse), cancellationToken)
                    .ConfigureAwait(false);
                break;
            case ActivityTypes.EndOfConversation:
                await OnEndOfConversationActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.Typing:
                await OnTypingActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.InstallationUpdate:
                await OnInstallationUpdateActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
                break;
            default:
                await OnUnrecognizedActivityTypeAsync(turnContext, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    protected virtual Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>
    /// Calls <see cref="OnMembersAddedAsync"/> / <see cref="OnMembersRemovedAsync"/> with the members other than the
    /// bot itself (the activity's recipient). Unlike the SDK, the bot's own account is already filtered out.
    /// </summary>
    protected virtual async Task OnConversationUpdateActivityAsync(
        ITurnContext turnContext,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        var added = OtherThanBot(activity.MembersAdded, activity.Recipient);
        if (added.Count > 0)
        {
            await OnMembersAddedAsync(added, turnContext, cancellationToken).ConfigureAwait(false);
        }

        var removed = OtherThanBot(activity.MembersRemoved, activity.Recipient);
        if (removed.Count > 0)
        {
            await OnMembersRemovedAsync(removed, turnContext, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>People (never the bot) joined the conversation: the place for a welcome message.</summary>
    protected virtual Task OnMembersAddedAsync(
        IReadOnlyList<ChannelAccount> membersAdded,
        ITurnContext turnContext,
        CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected virtual Task OnMembersRemovedAsync(
        IReadOnlyList<ChannelAccount> membersRemoved,
        ITurnContext turnContext,
        CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected virtual async Task OnMessageReactionActivityAsync(
        ITurnContext turnContext,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        if (activity.ReactionsAdded is { Count: > 0 } added)
        {
            await OnReactionsAddedAsync([.. added], turnContext, cancellationToken).ConfigureAwait(false);
        }

        if (activity.ReactionsRemoved is { Count: > 0 } removed)
        {
            await OnReactionsRemovedAsync([.. removed], turnContext, cancellationToken).ConfigureAwait(false);
        }
    }

    protected virtual Task OnReactionsAddedAsync(
        IReadOnlyList<MessageReaction> messageReactions,
        ITurnContext turnContext,
        CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected virtual Task OnReactionsRemovedAsync(
        IReadOnlyList<MessageReaction> messageReactions,
        ITurnContext turnContext,
        CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected virtual Task OnEventActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>
    /// Answers an <c>invoke</c>. The returned status and body become the HTTP response. The default answers
    /// 501 Not Implemented, as the SDK does for invokes a bot does not handle.
    /// </summary>
    protected virtual Task<InvokeResponse> OnInvokeActivityAsync(
        ITurnContext turnContext,
        CancellationToken cancellationToken) =>
        Task.FromResult(new InvokeResponse(501));

    protected virtual Task OnEndOfConversationActivityAsync(
        ITurnContext turnContext,
        CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected virtual Task OnTypingActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>Dispatches <c>add</c>/<c>add-upgrade</c> and <c>remove</c>/<c>remove-upgrade</c>.</summary>
    protected virtual Task OnInstallationUpdateActivityAsync(
        ITurnContext turnContext,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.Activity.Action switch
        {
            InstallationUpdateActions.Add or InstallationUpdateActions.AddUpgrade =>
                OnInstallationUpdateAddAsync(turnContext, cancellationToken),
            InstallationUpdateActions.Remove or InstallationUpdateActions.RemoveUpgrade =>
                OnInstallationUpdateRemoveAsync(turnContext, cancellationToken),
            _ => Task.CompletedTask,
        };
    }

    protected virtual Task OnInstallationUpdateAddAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected virtual Task OnInstallationUpdateRemoveAsync(
        ITurnContext turnContext,
        CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>Activity types this handler does not know; ignored by default (spec A2006).</summary>
    protected virtual Task OnUnrecognizedActivityTypeAsync(
        ITurnContext turnContext,
        CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>Wraps an invoke result in the <c>invokeResponse</c> activity the adapter turns into the HTTP answer.</summary>
    public static Activity CreateInvokeResponseActivity(InvokeResponse invokeResponse)
    {
        ArgumentNullException.ThrowIfNull(invokeResponse);
        return new Activity
        {
            Type = ActivityTypes.InvokeResponse,
            Value = JsonSerializer.SerializeToNode(invokeResponse, BotFrameworkJsonContext.Default.InvokeResponse),
        };
    }

    private static List<ChannelAccount> OtherThanBot(IList<ChannelAccount>? members, ChannelAccount? bot) =>
        members?.Where(m => !string.Equals(m.Id, bot?.Id, StringComparison.Ordinal)).ToList() ?? [];
}
