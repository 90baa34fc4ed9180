using System.Text.Json;
using System.Text.Json.Serialization;

namespace IvigBot.BotFramework.Teams;

/// <summary>Source-generated System.Text.Json metadata for the Teams types, with the schema's conventions.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TeamsChannelData))]
[JsonSerializable(typeof(AdaptiveCardInvokeValue))]
[JsonSerializable(typeof(AdaptiveCardInvokeResponse))]
public sealed partial class TeamsJsonContext : JsonSerializerContext;
