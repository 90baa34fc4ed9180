using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace IvigBot.BotFramework.Schema;

/// <summary>The HTTP body answering a <c>deliveryMode: expectReplies</c> request: <c>{"activities":[...]}</c>.</summary>
public sealed class ExpectedReplies
{
    public IList<Activity> Activities { get; set; } = [];
}

/// <summary>
/// The result of an <c>invoke</c>: <see cref="Status"/> becomes the HTTP status and <see cref="Body"/> the HTTP body
/// (no wrapper). Inside an <c>invokeResponse</c> activity it is serialized as <c>{"status":..,"body":..}</c>.
/// </summary>
public sealed class InvokeResponse
{
    public InvokeResponse()
    {
    }

    public InvokeResponse(int status, JsonNode? body = null)
    {
        Status = status;
        Body = body;
    }

    public int Status { get; set; }

    public JsonNode? Body { get; set; }
}

/// <summary>What the Connector answers to a posted activity; <see cref="Id"/> may be missing on some channels.</summary>
public sealed class ResourceResponse
{
    public ResourceResponse()
    {
    }

    public ResourceResponse(string? id)
    {
        Id = id;
    }

    public string? Id { get; set; }
}

/// <summary>The Bot Framework error body: <c>{"error":{"code":"...","message":"..."}}</c>.</summary>
public sealed class ErrorResponse
{
    public ErrorResponse()
    {
    }

    public ErrorResponse(string code, string message)
    {
        Error = new ErrorDetail { Code = code, Message = message };
    }

    public ErrorDetail? Error { get; set; }
}

/// <summary>The <c>error</c> object of an <see cref="ErrorResponse"/> (the SDK's <c>Error</c>).</summary>
public sealed class ErrorDetail
{
    public string? Code { get; set; }

    public string? Message { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
