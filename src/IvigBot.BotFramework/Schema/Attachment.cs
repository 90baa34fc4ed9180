using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace IvigBot.BotFramework.Schema;

/// <summary>A card or file. Set either <see cref="Content"/> or <see cref="ContentUrl"/>, not both (spec A7100).</summary>
public sealed class Attachment
{
    /// <summary>MIME type, e.g. <c>application/vnd.microsoft.card.adaptive</c>.</summary>
    public string? ContentType { get; set; }

    public string? ContentUrl { get; set; }

    public JsonNode? Content { get; set; }

    public string? Name { get; set; }

    public string? ThumbnailUrl { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>A reaction in <c>reactionsAdded</c>/<c>reactionsRemoved</c>, e.g. <c>{"type":"like"}</c>.</summary>
public sealed class MessageReaction
{
    public string? Type { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
