using System.Globalization;
using System.Text.Json;
using IvigBot.BotFramework.Integration;
using Microsoft.AspNetCore.Http;

namespace IvigBot.BotFramework.DirectLine;

/// <summary>Reading a Direct Line request: its JSON body (with a reason for anything malformed), credential, watermark and user id.</summary>
internal static class DirectLineRequest
{
    internal const int MaxUserIdLength = 128;

    /// <summary>
    /// Reads a JSON body of at most <paramref name="limit"/> bytes. An empty body is null; a larger one is answered
    /// 413 and malformed JSON 400 with the line and position (returned as the problem to write).
    /// </summary>
    internal static async Task<(T? Value, Func<HttpContext, Task>? Problem)> ReadJsonAsync<T>(HttpContext context, int limit, Func<byte[], T?> read)
        where T : class
    {
        var body = await RequestBody.ReadAsync(context.Request, limit, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return (null, TooLarge);
        }

        if (body.Length == 0)
        {
            return (null, null);
        }

        if (SyntaxError(body) is { } where)
        {
            return (null, c => DirectLineResponse.BadRequestAsync(c, $"The body is not valid JSON{where}."));
        }

        try
        {
            return (read(body), null);
        }
        catch (Exception e) when (e is JsonException or Newtonsoft.Json.JsonException)
        {
            var field = FieldOf(e);
            return (null, c => DirectLineResponse.BadRequestAsync(c, field is null ? "The body must be one JSON object." : $"The field '{field}' has the wrong type."));
        }

        Task TooLarge(HttpContext c) => DirectLineResponse.WriteErrorAsync(c, StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig",
            $"The activity is larger than {limit} bytes.");
    }

    /// <summary>Where <paramref name="json"/> is not well-formed (" (line L, position P)"); null when it is.</summary>
    internal static string? SyntaxError(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return null;
        }
        catch (JsonException e)
        {
            return e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
        }
    }

    /// <summary>The field a deserializer could not read, as "from" or "from.id"; null for the body itself.</summary>
    internal static string? FieldOf(Exception e)
    {
        var path = e switch
        {
            JsonException json => json.Path,
            Newtonsoft.Json.JsonSerializationException serialization => serialization.Path,
            Newtonsoft.Json.JsonReaderException reader => reader.Path,
            _ => null,
        };
        path = path?.TrimStart('$', '.');
        return string.IsNullOrEmpty(path) ? null : path;
    }

    /// <summary>Empty or absent: null (from the start). Otherwise a non-negative integer from an earlier response.</summary>
    internal static bool TryWatermark(HttpRequest request, out long? watermark)
    {
        watermark = null;
        var value = request.Query["watermark"].ToString();
        if (value.Length == 0)
        {
            return true;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            watermark = parsed;
            return true;
        }

        return false;
    }

    internal static bool TryUserId(string? requested, out string userId)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            userId = DirectLineTokenIssuer.NewUserId();
            return true;
        }

        userId = requested.Trim();
        return userId.Length <= MaxUserIdLength && !userId.Any(char.IsControl);
    }

    internal static string? BearerCredential(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
    }
}
