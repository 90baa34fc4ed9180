using IvigBot.BotFramework.Schema;

namespace IvigBot.BotFramework.Builder;

/// <summary>The default <see cref="ITurnContext"/>: addresses outgoing activities and hands them to the adapter.</summary>
public sealed class TurnContext : ITurnContext
{
    public TurnContext(BotAdapter adapter, Activity activity)
    {
        Adapter = adapter ?? throw new ArgumentNullException(nameof(adapter));
        Activity = activity ?? throw new ArgumentNullException(nameof(activity));
    }

    public BotAdapter Adapter { get; }

    public Activity Activity { get; }

    public TurnState TurnState { get; } = new();

    public bool Responded { get; private set; }

    public Task<ResourceResponse> SendActivityAsync(string text, CancellationToken cancellationToken) =>
        SendActivityAsync(MessageFactory.Text(text), cancellationToken);

    public async Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var responses = await SendActivitiesAsync([activity], cancellationToken).ConfigureAwait(false);
        return responses.Count > 0 ? responses[0] : new ResourceResponse();
    }

    /// <remarks>
    /// Each activity is changed in place: addressed to this conversation, its <c>id</c> cleared (bots do not send one),
    /// <c>type</c> defaulted to <c>message</c>, and messages without an input hint marked <c>acceptingInput</c>.
    /// </remarks>
    public async Task<IReadOnlyList<ResourceResponse>> SendActivitiesAsync(
        IReadOnlyList<Activity> activities,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activities);
        if (activities.Count == 0)
        {
            return [];
        }

        var reference = Activity.GetConversationReference();
        foreach (var activity in activities)
        {
            activity.ApplyConversationReference(reference);
            activity.Id = null;
            activity.Type ??= ActivityTypes.Message;
            if (activity.IsType(ActivityTypes.Message) && string.IsNullOrEmpty(activity.InputHint))
            {
                activity.InputHint = InputHints.AcceptingInput;
            }
        }

        var responses = await Adapter.SendActivitiesAsync(this, activities, cancellationToken).ConfigureAwait(false);
        if (activities.Any(a => !a.IsType(ActivityTypes.Trace)))
        {
            Responded = true;
        }

        return responses;
    }
}
