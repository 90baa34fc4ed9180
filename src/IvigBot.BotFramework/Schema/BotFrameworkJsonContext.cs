using System.Text.Encodings.Web;
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
public sealed partial class BotFrameworkJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The same metadata for the bodies of HTTP responses to the channel: strings escape only what JSON requires
    /// (quotes, backslashes, control characters), as the Bot Framework SDK's own serializer writes them, instead of also
    /// escaping HTML-sensitive and non-ASCII characters. The bodies are <c>application/json</c>, read by JSON parsers
    /// and never embedded in HTML; writing a typical answer costs about half as much.
    /// </summary>
    public static BotFrameworkJsonContext Wire => WireContext.Instance;

    /// <summary>Made on first use, after <see cref="Default"/> (static initializers of partial classes have no set order).</summary>
    private static class WireContext
    {
        public static readonly BotFrameworkJsonContext Instance =
            new(new JsonSerializerOptions(Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
