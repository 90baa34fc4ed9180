using System.Text.Json;
using System.Text.Json.Serialization;

namespace IvigBot.BotFramework.Schema;

/// <summary>Everything needed to address a conversation again (replies, proactive messages).</summary>
public sealed class ConversationReference
{
    /// <summary>The activity to reply to; null for conversation updates on Direct Line / Web Chat.</summary>
    public string? ActivityId { get; set; }

    public ChannelAccount? User { get; set; }

    public ChannelAccount? Bot { get; set; }

    public ConversationAccount? Conversation { get; set; }

    public string? ChannelId { get; set; }

    public string? Locale { get; set; }

    public string? ServiceUrl { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
