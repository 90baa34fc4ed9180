using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace IvigBot.BotFramework.Teams;

/// <summary>
/// The <c>value</c> of an <c>adaptiveCard/action</c> invoke (Universal Actions, protocol doc 5.5):
/// <c>{"action":{"type":"Action.Execute","verb":"...","id":"...","data":{...}},"trigger":"manual"}</c>.
/// </summary>
public sealed class AdaptiveCardInvokeValue
{
    public AdaptiveCardInvokeAction? Action { get; set; }

    /// <summary><c>manual</c> (a click) or <c>automatic</c> (a refresh).</summary>
    public string? Trigger { get; set; }

    public JsonNode? Authentication { get; set; }

    public string? State { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>The <c>Action.Execute</c> that was clicked.</summary>
public sealed class AdaptiveCardInvokeAction
{
    /// <summary>Always <c>Action.Execute</c> for a valid invoke.</summary>
    public string? Type { get; set; }

    public string? Id { get; set; }

    /// <summary>What the bot is asked to do; chosen by the card's author.</summary>
    public string? Verb { get; set; }

    /// <summary>The action's <c>data</c> merged with the card's input values.</summary>
    public JsonNode? Data { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>
/// The HTTP body answering an <c>adaptiveCard/action</c> invoke: a replacement card, a short message, or an error.
/// The HTTP status is 200 whenever the body could be produced; <see cref="StatusCode"/> carries the outcome.
/// </summary>
public sealed class AdaptiveCardInvokeResponse
{
    public const string CardType = "application/vnd.microsoft.card.adaptive";
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";

    public int StatusCode { get; set; }

    public string? Type { get; set; }

    public JsonNode? Value { get; set; }

    /// <summary>Replaces the clicked card with <paramref name="card"/>.</summary>
    public static AdaptiveCardInvokeResponse Card(JsonObject card) => new() { StatusCode = 200, Type = CardType, Value = card };

    /// <summary>Keeps the card and shows <paramref name="text"/> to the user who clicked.</summary>
    public static AdaptiveCardInvokeResponse Message(string text) => new() { StatusCode = 200, Type = MessageType, Value = text };

    /// <summary>An error the client shows instead of a result, e.g. <c>BadRequest</c>.</summary>
    public static AdaptiveCardInvokeResponse Error(int statusCode, string code, string message) => new()
    {
        StatusCode = statusCode,
        Type = ErrorType,
        Value = new JsonObject { ["code"] = code, ["message"] = message },
    };
}
