using System.Text.Json;
using System.Text.Json.Serialization;

namespace IvigBot.BotFramework.Teams;

/// <summary>
/// The Teams part of <see cref="Schema.Activity.ChannelData"/> (protocol doc 5.1): the tenant on every activity, the
/// team and channel in team scope, and <see cref="EventType"/> on conversation updates. Other keys (notification,
/// meeting, settings, ...) are kept in <see cref="Properties"/>.
/// </summary>
public sealed class TeamsChannelData
{
    public TenantInfo? Tenant { get; set; }

    public TeamInfo? Team { get; set; }

    public ChannelInfo? Channel { get; set; }

    /// <summary>On conversation updates: <c>teamMemberAdded</c>, <c>teamMemberRemoved</c>, <c>channelCreated</c>, ...</summary>
    public string? EventType { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>The Microsoft Entra tenant (organisation) the activity comes from.</summary>
public sealed class TenantInfo
{
    public string? Id { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>The team of a channel conversation.</summary>
public sealed class TeamInfo
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? AadGroupId { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>A channel of a team; its <see cref="Id"/> is the conversation id without <c>;messageid=</c>.</summary>
public sealed class ChannelInfo
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>Values of <see cref="TeamsChannelData.EventType"/>.</summary>
public static class TeamsEventTypes
{
    public const string TeamMemberAdded = "teamMemberAdded";
    public const string TeamMemberRemoved = "teamMemberRemoved";
    public const string ChannelCreated = "channelCreated";
    public const string ChannelRenamed = "channelRenamed";
    public const string ChannelDeleted = "channelDeleted";
    public const string TeamRenamed = "teamRenamed";
}

/// <summary>Values of <see cref="Schema.ConversationAccount.ConversationType"/> on Teams.</summary>
public static class TeamsConversationTypes
{
    public const string Personal = "personal";
    public const string GroupChat = "groupChat";
    public const string Channel = "channel";
}
