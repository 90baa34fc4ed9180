using System.Text.Json;
using System.Text.Json.Nodes;
using IvigBot.BotFramework.Schema;

namespace IvigBot.BotFramework.Teams;

/// <summary>Reads the Teams parts of an activity, as the SDK's <c>TeamsActivityExtensions</c> do.</summary>
public static class TeamsActivityExtensions
{
    /// <summary>True for activities from Microsoft Teams (<c>channelId: msteams</c>, compared ordinally).</summary>
    public static bool IsFromTeams(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return string.Equals(activity.ChannelId, Channels.Msteams, StringComparison.Ordinal);
    }

    /// <summary>The Teams channel data; null when there is none or it is not a JSON object.</summary>
    public static TeamsChannelData? TeamsGetChannelData(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.ChannelData is not JsonObject channelData)
        {
            return null;
        }

        try
        {
            return channelData.Deserialize(TeamsJsonContext.Default.TeamsChannelData);
        }
        catch (JsonException)
        {
            // A field of an unexpected shape (e.g. "tenant": "x"): treat as no Teams data rather than fail the turn.
            return null;
        }
    }

    /// <summary>The tenant id: <c>channelData.tenant.id</c>, else <c>conversation.tenantId</c>; null when neither is set.</summary>
    public static string? TeamsGetTenantId(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var fromChannelData = activity.TeamsGetChannelData()?.Tenant?.Id;
        return !string.IsNullOrWhiteSpace(fromChannelData) ? fromChannelData
            : !string.IsNullOrWhiteSpace(activity.Conversation?.TenantId) ? activity.Conversation.TenantId
            : null;
    }

    /// <summary>The team of a channel conversation; null outside team scope.</summary>
    public static TeamInfo? TeamsGetTeamInfo(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.TeamsGetChannelData()?.Team;
    }

    /// <summary>The channel id of a channel conversation; null outside team scope.</summary>
    public static string? TeamsGetChannelId(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.TeamsGetChannelData()?.Channel?.Id;
    }
}
