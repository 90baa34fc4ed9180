using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace IvigBot.BotFramework.Schema;

/// <summary>A button or tap action; <see cref="Type"/> is one of <see cref="ActionTypes"/>.</summary>
public sealed class CardAction
{
    public string? Type { get; set; }

    public string? Title { get; set; }

    public string? Image { get; set; }

    public string? ImageAltText { get; set; }

    public string? Text { get; set; }

    public string? DisplayText { get; set; }

    /// <summary>Usually a string (imBack text, URL); may be any JSON for postBack/messageBack.</summary>
    public JsonNode? Value { get; set; }

    public JsonNode? ChannelData { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>Quick-reply buttons shown under a message.</summary>
public sealed class SuggestedActions
{
    /// <summary>Ids of the recipients the actions are shown to; all when omitted.</summary>
    public IList<string>? To { get; set; }

    public IList<CardAction> Actions { get; set; } = [];

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
