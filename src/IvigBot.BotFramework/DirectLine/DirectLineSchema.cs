using System.Text.Json;
using System.Text.Json.Serialization;

namespace IvigBot.BotFramework.DirectLine;

/// <summary>
/// The Direct Line <c>Conversation</c> object: what token and conversation endpoints answer. <see cref="StreamUrl"/>
/// is set by the conversation endpoints only.
/// </summary>
public sealed class Conversation
{
    public string? ConversationId { get; set; }

    public string? Token { get; set; }

    /// <summary>Seconds until <see cref="Token"/> expires (snake case on the wire, as Azure sends it).</summary>
    [JsonPropertyName("expires_in")]
    public int ExpiresIn { get; set; }

    /// <summary>The <c>ws://</c> or <c>wss://</c> URL of the activity stream, carrying the token as <c>t</c>.</summary>
    public string? StreamUrl { get; set; }

    public string? ReferenceGrammarId { get; set; }

    public string? ETag { get; set; }
}

/// <summary>The optional body of <c>POST /tokens/generate</c> and <c>POST /conversations</c>.</summary>
public sealed class TokenParameters
{
    public TokenUser? User { get; set; }

    /// <summary>Sent by DirectLineJS when starting a conversation.</summary>
    public string? Locale { get; set; }

    /// <summary>Accepted and ignored: origins are restricted by <see cref="DirectLineOptions.AllowedOrigins"/>.</summary>
    public IList<string>? TrustedOrigins { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>The <c>user</c> of <see cref="TokenParameters"/>: who the token is for.</summary>
public sealed class TokenUser
{
    public string? Id { get; set; }

    public string? Name { get; set; }
}

/// <summary>Source-generated JSON for the Direct Line endpoints (same conventions as the activity schema).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Conversation))]
[JsonSerializable(typeof(TokenParameters))]
public sealed partial class DirectLineJsonContext : JsonSerializerContext;
