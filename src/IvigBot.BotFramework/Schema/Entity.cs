using System.Text.Json;
using System.Text.Json.Serialization;

namespace IvigBot.BotFramework.Schema;

/// <summary>
/// An item of <see cref="Activity.Entities"/>: a <see cref="Type"/> plus whatever fields that type carries, all kept in
/// <see cref="Properties"/> so unknown entity types survive a round trip (spec A2104).
/// </summary>
public sealed class Entity
{
    public string? Type { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>Reads this entity as a mention; null when it is not of type <c>mention</c>.</summary>
    public Mention? AsMention() =>
        string.Equals(Type, Mention.EntityType, StringComparison.Ordinal)
            ? JsonSerializer.SerializeToElement(this, BotFrameworkJsonContext.Default.Entity)
                .Deserialize(BotFrameworkJsonContext.Default.Mention)
            : null;

    /// <summary>Wraps a mention as an entity for <see cref="Activity.Entities"/>.</summary>
    public static Entity FromMention(Mention mention)
    {
        ArgumentNullException.ThrowIfNull(mention);
        return JsonSerializer.SerializeToElement(mention, BotFrameworkJsonContext.Default.Mention)
            .Deserialize(BotFrameworkJsonContext.Default.Entity)!;
    }
}

/// <summary>An @mention: <see cref="Text"/> is the exact markup (<c>&lt;at&gt;Name&lt;/at&gt;</c>) found in the message text.</summary>
public sealed class Mention
{
    public const string EntityType = "mention";

    public string Type { get; set; } = EntityType;

    public ChannelAccount? Mentioned { get; set; }

    public string? Text { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
