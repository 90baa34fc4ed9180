using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using IvigBot.BotFramework.Integration;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;

namespace IvigBot.BotFramework.DirectLine;

/// <summary>Writing Direct Line answers: the Direct Line objects, and Bot Framework objects and error bodies as the SDK serializes them.</summary>
internal static partial class DirectLineResponse
{
    internal static Task BadWatermarkAsync(HttpContext context) =>
        BadRequestAsync(context, "The watermark must be a number taken from an earlier response.");

    internal static Task BadRequestAsync(HttpContext context, string reason) =>
        WriteErrorAsync(context, StatusCodes.Status400BadRequest, "BadArgument", reason);

    internal static Task ForbiddenAsync(HttpContext context, string? reason) =>
        WriteErrorAsync(context, StatusCodes.Status403Forbidden, "TokenExpiredOrInvalid", reason ?? "The token is not valid.");

    internal static Task WriteConversationAsync(HttpContext context, int status, Conversation conversation) =>
        WriteJsonAsync(context, status, conversation, DirectLineJsonContext.Default.Conversation);

    internal static Task WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        var logger = DirectLineServices.From(context).Logger;
        LogRefused(logger, context.Request.Method, status, message);
        return WriteWireAsync(context, status, new ErrorResponse(new Error(code, message)));
    }

    /// <summary>A Bot Framework object (resource response, error), serialized as the SDK does.</summary>
    internal static Task WriteWireAsync(HttpContext context, int status, object value)
    {
        context.Response.Headers.CacheControl = "no-store";
        return BotFrameworkJson.WriteAsync(context.Response, status, value, context.RequestAborted);
    }

    internal static async Task WriteJsonAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> typeInfo)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, typeInfo, context.RequestAborted).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Direct Line {Method} refused with {StatusCode}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, int statusCode, string reason);
}
