using System.Text.Json;
using System.Text.Json.Serialization;

namespace IvigBot.BotFramework.Schema;

/// <summary>
/// Source-generated System.Text.Json metadata for the Bot Framework schema: camelCase on write, case-insensitive on
/// read (spec A2002), nulls omitted.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(ConversationReference))]
[JsonSerializable(typeof(ExpectedReplies))]
[JsonSerializable(typeof(InvokeResponse))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(Entity))]
[JsonSerializable(typeof(Mention))]
public sealed partial class BotFrameworkJsonContext : JsonSerializerContext;
