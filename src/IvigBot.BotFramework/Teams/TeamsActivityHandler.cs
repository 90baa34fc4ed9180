using System.Text.Json;
using System.Text.Json.Nodes;
using IvigBot.BotFramework.Builder;
using IvigBot.BotFramework.Schema;

namespace IvigBot.BotFramework.Teams;

/// <summary>
/// An <see cref="ActivityHandler"/> that also understands Microsoft Teams, as the SDK's <c>TeamsActivityHandler</c>:
/// <list type="bullet">
/// <item>On <c>msteams</c> activities the Teams channel data is read once and kept on the turn
/// (<see cref="GetTeamsChannelData"/>); when the conversation carries no <c>tenantId</c>, the tenant from the channel data
/// is written into it, so every reply of the turn names its tenant.</item>
/// <item>Teams conversation updates go to <see cref="OnTeamsMembersAddedAsync"/> / <see cref="OnTeamsMembersRemovedAsync"/>
/// with the team they happened in.</item>
/// <item>The <c>adaptiveCard/action</c> invoke (Universal Actions, <c>Action.Execute</c>) is checked and handed to
/// <see cref="OnAdaptiveCardInvokeAsync"/>; its result becomes the HTTP 200 body. A missing value or an action other
/// than <c>Action.Execute</c> is answered 400 with an error body, as the SDK does.</item>
/// </list>
/// </summary>
public class TeamsActivityHandler : ActivityHandler
{
    /// <summary>The invoke name of an <c>Action.Execute</c> click.</summary>
    public const string AdaptiveCardActionInvokeName = "adaptiveCard/action";

    /// <summary>The only action type an <c>adaptiveCard/action</c> invoke may carry.</summary>
    public const string ActionExecuteType = "Action.Execute";

    private const string ChannelDataKey = "IvigBot.BotFramework.Teams.ChannelData";

    /// <summary>The Teams channel data read at the start of this turn; null off Teams or when the activity has none.</summary>
    public static TeamsChannelData? GetTeamsChannelData(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.TurnState.Get<TeamsChannelData>(ChannelDataKey);
    }

    public override Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        if (activity.IsFromTeams() && activity.TeamsGetChannelData() is { } channelData)
        {
            turnContext.TurnState.Set(ChannelDataKey, channelData);
            if (activity.Conversation is { } conversation
                && string.IsNullOrWhiteSpace(conversation.TenantId)
                && !string.IsNullOrWhiteSpace(channelData.Tenant?.Id))
            {
                conversation.TenantId = channelData.Tenant.Id;
            }
        }

        return base.OnTurnAsync(turnContext, cancellationToken);
    }

    /// <summary>On Teams: calls the <c>OnTeams*</c> methods with the team; elsewhere: the <see cref="ActivityHandler"/> behaviour.</summary>
    protected override async Task OnConversationUpdateActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        if (!activity.IsFromTeams())
        {
            await base.OnConversationUpdateActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
            return;
        }

        var team = GetTeamsChannelData(turnContext)?.Team;
        var added = OtherThanBot(activity.MembersAdded, activity.Recipient);
        if (added.Count > 0)
        {
            await OnTeamsMembersAddedAsync(added, team, turnContext, cancellationToken).ConfigureAwait(false);
        }

        var removed = OtherThanBot(activity.MembersRemoved, activity.Recipient);
        if (removed.Count > 0)
        {
            await OnTeamsMembersRemovedAsync(removed, team, turnContext, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>People (never the bot) joined a Teams conversation; <paramref name="teamInfo"/> is null outside a team.
    /// The default calls <see cref="ActivityHandler.OnMembersAddedAsync"/>.</summary>
    protected virtual Task OnTeamsMembersAddedAsync(
        IReadOnlyList<ChannelAccount> membersAdded,
        TeamInfo? teamInfo,
        ITurnContext turnContext,
        CancellationToken cancellationToken) =>
        OnMembersAddedAsync(membersAdded, turnContext, cancellationToken);

    /// <summary>People (never the bot) left a Teams conversation. The default calls
    /// <see cref="ActivityHandler.OnMembersRemovedAsync"/>.</summary>
    protected virtual Task OnTeamsMembersRemovedAsync(
        IReadOnlyList<ChannelAccount> membersRemoved,
        TeamInfo? teamInfo,
        ITurnContext turnContext,
        CancellationToken cancellationToken) =>
        OnMembersRemovedAsync(membersRemoved, turnContext, cancellationToken);

    protected override async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        if (!string.Equals(activity.Name, AdaptiveCardActionInvokeName, StringComparison.Ordinal))
        {
            return await base.OnInvokeActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
        }

        var value = ReadInvokeValue(activity.Value);
        if (value?.Action is null)
        {
            return BadRequest("The invoke has no Action.Execute value.");
        }

        if (!string.Equals(value.Action.Type, ActionExecuteType, StringComparison.Ordinal))
        {
            return BadRequest($"The action type must be {ActionExecuteType}.");
        }

        var response = await OnAdaptiveCardInvokeAsync(turnContext, value, cancellationToken).ConfigureAwait(false);
        return response is null
            ? new InvokeResponse(501)
            : new InvokeResponse(200, JsonSerializer.SerializeToNode(response, TeamsJsonContext.Default.AdaptiveCardInvokeResponse));
    }

    /// <summary>
    /// Answers an <c>Action.Execute</c> click. Teams waits about five seconds: answer from what is at hand and leave
    /// slow work for later. Null (the default) answers 501 Not Implemented.
    /// </summary>
    protected virtual Task<AdaptiveCardInvokeResponse?> OnAdaptiveCardInvokeAsync(
        ITurnContext turnContext,
        AdaptiveCardInvokeValue invokeValue,
        CancellationToken cancellationToken) =>
        Task.FromResult<AdaptiveCardInvokeResponse?>(null);

    private static AdaptiveCardInvokeValue? ReadInvokeValue(JsonNode? value)
    {
        if (value is not JsonObject json)
        {
            return null;
        }

        try
        {
            return json.Deserialize(TeamsJsonContext.Default.AdaptiveCardInvokeValue);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static InvokeResponse BadRequest(string message) => new(
        400,
        JsonSerializer.SerializeToNode(
            AdaptiveCardInvokeResponse.Error(400, "BadRequest", message),
            TeamsJsonContext.Default.AdaptiveCardInvokeResponse));

    private static List<ChannelAccount> OtherThanBot(IList<ChannelAccount>? members, ChannelAccount? bot) =>
        members?.Where(m => !string.Equals(m.Id, bot?.Id, StringComparison.Ordinal)).ToList() ?? [];
}
