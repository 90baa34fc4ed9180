using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using IvigBot.BotFramework.Integration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvigBot.BotFramework.DirectLine;

/// <summary>
/// Maps the self-hosted Direct Line 3.0 endpoints Web Chat (DirectLineJS) calls, under <c>/v3/directline</c>
/// (protocol doc section 6):
/// <list type="bullet">
/// <item><c>POST /tokens/generate</c> (Bearer secret) and <c>POST /tokens/refresh</c> (Bearer token) →
/// 200 <c>{conversationId, token, expires_in}</c>.</item>
/// <item><c>POST /conversations</c> → 201 with <c>streamUrl</c> (200 when the token's conversation already runs; 503
/// with <c>Retry-After</c> when the store is full); the bot gets <c>conversationUpdate</c> first, so its welcome is
/// the first activity. <c>GET /conversations/{id}?watermark=W</c> → 200 with a fresh token and a stream URL resuming
/// after W.</item>
/// <item><c>POST /conversations/{id}/activities</c> → 200 <c>{"id"}</c> once the bot has handled it (502 when the bot
/// failed); the activity is echoed to the client with its <c>channelData.clientActivityID</c>.
/// <c>GET /conversations/{id}/activities?watermark=W</c> → 200 <c>{"activities":[...],"watermark":"N"}</c>.</item>
/// <item><c>GET /conversations/{id}/stream?t=token[&amp;watermark=W]</c> → WebSocket: the missed activities, then one
/// ActivitySet frame per activity and an empty frame as keep-alive.</item>
/// </list>
/// Refusals carry <c>{"error":{"code","message"}}</c>: 403 for a missing, forged or expired credential or a token of
/// another conversation; 404 for an unknown or expired conversation; 413 for an activity over
/// <see cref="DirectLineOptions.MaxActivityBytes"/>; 400 with the reason for malformed JSON or a bad watermark.
/// The host must call <c>UseWebSockets()</c> and <c>UseCors()</c>.
/// </summary>
public static partial class DirectLineEndpointRouteBuilderExtensions
{
    /// <summary>The path prefix Web Chat's <c>domain</c> option points at.</summary>
    public const string DefaultPrefix = "/v3/directline";

    private const int MaxUserIdLength = 128;

    public static RouteGroupBuilder MapDirectLine(this IEndpointRouteBuilder endpoints, string prefix = DefaultPrefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(prefix);
        group.RequireCors(DirectLineServiceCollectionExtensions.CorsPolicy);
        group.MapPost("/tokens/generate", GenerateTokenAsync);
        group.MapPost("/tokens/refresh", RefreshTokenAsync);
        group.MapPost("/conversations", context => StartConversationAsync(context, prefix));
        group.MapGet("/conversations/{conversationId}", context => ReconnectAsync(context, prefix));
        group.MapPost("/conversations/{conversationId}/activities", PostActivityAsync);
        group.MapGet("/conversations/{conversationId}/activities", GetActivitiesAsync);
        group.MapGet("/conversations/{conversationId}/stream", StreamAsync);
        return group;
    }

    private static async Task GenerateTokenAsync(HttpContext context)
    {
        var services = Services.From(context);
        if (!services.Tokens.IsSecret(BearerCredential(context.Request)))
        {
            await ForbiddenAsync(context, "Generating a token needs the Direct Line secret.").ConfigureAwait(false);
            return;
        }

        var (parameters, problem) = await ReadJsonAsync(context, services.Options.MaxActivityBytes, static body => JsonSerializer.Deserialize(body, DirectLineJsonContext.Default.TokenParameters)).ConfigureAwait(false);
        if (problem is not null)
        {
            await problem(context).ConfigureAwait(false);
            return;
        }

        if (!TryUserId(parameters?.User?.Id, out var userId))
        {
            await BadRequestAsync(context, $"user.id must be at most {MaxUserIdLength} printable characters.").ConfigureAwait(false);
            return;
        }

        var conversationId = DirectLineTokenIssuer.NewConversationId();
        await WriteConversationAsync(context, StatusCodes.Status200OK, new Conversation
        {
            ConversationId = conversationId,
            Token = services.Tokens.Issue(conversationId, userId),
            ExpiresIn = services.Tokens.ExpiresInSeconds,
        }).ConfigureAwait(false);
    }

    private static async Task RefreshTokenAsync(HttpContext context)
    {
        var services = Services.From(context);
        if (!services.Tokens.TryValidate(BearerCredential(context.Request), out var token, out var failure))
        {
            await ForbiddenAsync(context, failure).ConfigureAwait(false);
            return;
        }

        // A page that keeps refreshing its token keeps its conversation.
        services.Store.TryGet(token.ConversationId, out _);
        await WriteConversationAsync(context, StatusCodes.Status200OK, new Conversation
        {
            ConversationId = token.ConversationId,
            Token = services.Tokens.Issue(token.ConversationId, token.UserId),
            ExpiresIn = services.Tokens.ExpiresInSeconds,
        }).ConfigureAwait(false);
    }

    private static async Task StartConversationAsync(HttpContext context, string prefix)
    {
        var services = Services.From(context);
        var grant = Authenticate(context, services, conversationId: null, fromQuery: false);
        if (grant.Failure is not null)
        {
            await ForbiddenAsync(context, grant.Failure).ConfigureAwait(false);
            return;
        }

        var (parameters, problem) = await ReadJsonAsync(context, services.Options.MaxActivityBytes, static body => JsonSerializer.Deserialize(body, DirectLineJsonContext.Default.TokenParameters)).ConfigureAwait(false);
        if (problem is not null)
        {
            await problem(context).ConfigureAwait(false);
            return;
        }

        string conversationId;
        string userId;
        string token;
        if (grant.Token is { } granted)
        {
            conversationId = granted.ConversationId;
            userId = granted.UserId;
            token = BearerCredential(context.Request)!;
        }
        else
        {
            if (!TryUserId(parameters?.User?.Id, out userId))
            {
                await BadRequestAsync(context, $"user.id must be at most {MaxUserIdLength} printable characters.").ConfigureAwait(false);
                return;
            }

            conversationId = DirectLineTokenIssuer.NewConversationId();
            token = services.Tokens.Issue(conversationId, userId);
        }

        var locale = string.IsNullOrWhiteSpace(parameters?.Locale) ? null : parameters.Locale;
        var start = services.Store.TryStart(conversationId, userId, locale, out var conversation);
        if (start == ConversationStart.Full)
        {
            context.Response.Headers.RetryAfter = "60";
            await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "TooManyConversations",
                "The chat is very busy right now. Please try again in a minute.").ConfigureAwait(false);
            return;
        }

        if (start == ConversationStart.Started)
        {
            await WelcomeAsync(context, services, conversation!).ConfigureAwait(false);
        }

        await WriteConversationAsync(context, start == ConversationStart.Started ? StatusCodes.Status201Created : StatusCodes.Status200OK, new Conversation
        {
            ConversationId = conversationId,
            Token = token,
            ExpiresIn = grant.Token is { } current ? RemainingSeconds(current, services.TimeProvider) : services.Tokens.ExpiresInSeconds,
            StreamUrl = StreamUrl(context.Request, prefix, conversationId, token, watermark: null),
        }).ConfigureAwait(false);
    }

    private static async Task ReconnectAsync(HttpContext context, string prefix)
    {
        var services = Services.From(context);
        if (await FindConversationAsync(context, services, fromQuery: false).ConfigureAwait(false) is not { } found)
        {
            return;
        }

        if (!TryWatermark(context.Request, out var watermark))
        {
            await BadWatermarkAsync(context).ConfigureAwait(false);
            return;
        }

        var (conversation, grant) = found;
        var token = services.Tokens.Issue(conversation.Id, grant.Token?.UserId ?? conversation.UserId);
        await WriteConversationAsync(context, StatusCodes.Status200OK, new Conversation
        {
            ConversationId = conversation.Id,
            Token = token,
            ExpiresIn = services.Tokens.ExpiresInSeconds,
            StreamUrl = StreamUrl(context.Request, prefix, conversation.Id, token, watermark),
        }).ConfigureAwait(false);
    }

    private static async Task PostActivityAsync(HttpContext context)
    {
        var services = Services.From(context);
        if (await FindConversationAsync(context, services, fromQuery: false).ConfigureAwait(false) is not { } found)
        {
            return;
        }

        var (conversation, grant) = found;
        var (activity, problem) = await ReadJsonAsync(context, services.Options.MaxActivityBytes, BotFrameworkJson.ReadActivity).ConfigureAwait(false);
        if (problem is not null)
        {
            await problem(context).ConfigureAwait(false);
            return;
        }

        if (activity is null)
        {
            await BadRequestAsync(context, "Send one activity as a JSON object, like {\"type\":\"message\",\"text\":\"what is IVIG flu\"}.").ConfigureAwait(false);
            return;
        }

        if (string.IsNullOrEmpty(activity.Type))
        {
            await BadRequestAsync(context, "The activity has no type.").ConfigureAwait(false);
            return;
        }

        // With a token the user is the token's; with the secret the caller says who it is.
        var userId = grant.Token?.UserId ?? activity.From?.Id;
        if (string.IsNullOrEmpty(userId) || !TryUserId(userId, out userId))
        {
            await BadRequestAsync(context, "from.id is required (at most 128 printable characters) when posting with the secret.").ConfigureAwait(false);
            return;
        }

        activity.ChannelId = Channels.Directline;
        activity.Conversation = new ConversationAccount(id: conversation.Id);
        activity.From = new ChannelAccount(userId, activity.From?.Name) { Role = "user" };
        activity.Recipient = BotRecipient();
        activity.ServiceUrl = ServiceUrl(context.Request);
        activity.Locale ??= conversation.Locale;
        activity.CallerId = null;

        // Stored before the turn, so the echo comes before the bot's answer.
        var id = conversation.Append(activity, services.TimeProvider.GetUtcNow());
        if (!await RunTurnAsync(context, services, conversation, activity).ConfigureAwait(false))
        {
            await WriteErrorAsync(context, StatusCodes.Status502BadGateway, "BotError", "The bot could not process this activity.").ConfigureAwait(false);
            return;
        }

        await WriteWireAsync(context, StatusCodes.Status200OK, new ResourceResponse(id)).ConfigureAwait(false);
    }

    private static async Task GetActivitiesAsync(HttpContext context)
    {
        var services = Services.From(context);
        if (await FindConversationAsync(context, services, fromQuery: false).ConfigureAwait(false) is not { } found)
        {
            return;
        }

        if (!TryWatermark(context.Request, out var watermark))
        {
            await BadWatermarkAsync(context).ConfigureAwait(false);
            return;
        }

        var body = found.Conversation.GetActivitySet(watermark ?? 0);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task StreamAsync(HttpContext context)
    {
        var services = Services.From(context);
        if (await FindConversationAsync(context, services, fromQuery: true).ConfigureAwait(false) is not { } found)
        {
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            await BadRequestAsync(context, "The stream needs a WebSocket connection.").ConfigureAwait(false);
            return;
        }

        var origin = context.Request.Headers.Origin.ToString();
        if (services.Options.AllowedOrigins.Count > 0 && origin.Length > 0
            && !services.Options.AllowedOrigins.Any(o => string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase)))
        {
            await ForbiddenAsync(context, "This origin may not open the stream.").ConfigureAwait(false);
            return;
        }

        if (!TryWatermark(context.Request, out var watermark))
        {
            await BadWatermarkAsync(context).ConfigureAwait(false);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        await DirectLineStream.RunAsync(socket, found.Conversation, watermark, services, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The bot's welcome: <c>conversationUpdate</c> with the bot and the user added (never shown to the client).</summary>
    private static async Task WelcomeAsync(HttpContext context, Services services, DirectLineConversation conversation)
    {
        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Id = DirectLineConversation.ActivityId(conversation.Id, 0),
            Timestamp = services.TimeProvider.GetUtcNow(),
            ChannelId = Channels.Directline,
            ServiceUrl = ServiceUrl(context.Request),
            Conversation = new ConversationAccount(id: conversation.Id),
            From = new ChannelAccount(conversation.UserId) { Role = "user" },
            Recipient = BotRecipient(),
            MembersAdded = [BotRecipient(), new ChannelAccount(conversation.UserId)],
            Locale = conversation.Locale,
        };
        await RunTurnAsync(context, services, conversation, update).ConfigureAwait(false);
    }

    /// <summary>Runs the bot; false when the turn failed beyond what the turn error handler could handle.</summary>
    private static async Task<bool> RunTurnAsync(HttpContext context, Services services, DirectLineConversation conversation, Activity activity)
    {
        try
        {
            await services.Adapter.ProcessActivityAsync(conversation, activity, services.Bot, context.RequestAborted).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return false;
        }
#pragma warning disable CA1031 // A failed turn becomes a 502 for the client, never an unhandled exception in the host.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogTurnFailed(services.Logger, ex, activity.Type);
            return false;
        }
    }

    private static async Task<(DirectLineConversation Conversation, Grant Grant)?> FindConversationAsync(HttpContext context, Services services, bool fromQuery)
    {
        var conversationId = (string)context.Request.RouteValues["conversationId"]!;
        var grant = Authenticate(context, services, conversationId, fromQuery);
        if (grant.Failure is not null)
        {
            await ForbiddenAsync(context, grant.Failure).ConfigureAwait(false);
            return null;
        }

        if (!services.Store.TryGet(conversationId, out var conversation))
        {
            await WriteErrorAsync(context, StatusCodes.Status404NotFound, "BadArgument", "This conversation does not exist or has ended.").ConfigureAwait(false);
            return null;
        }

        return (conversation, grant);
    }

    /// <summary>The secret opens any conversation; a token only its own.</summary>
    private static Grant Authenticate(HttpContext context, Services services, string? conversationId, bool fromQuery)
    {
        var credential = fromQuery && context.Request.Query.TryGetValue("t", out var t) ? t.ToString() : BearerCredential(context.Request);
        if (string.IsNullOrEmpty(credential))
        {
            return new Grant(null, "A Direct Line token is required (Authorization: Bearer <token>).");
        }

        if (services.Tokens.IsSecret(credential))
        {
            return new Grant(null, null);
        }

        if (!services.Tokens.TryValidate(credential, out var token, out var failure))
        {
            return new Grant(null, failure);
        }

        return conversationId is null || string.Equals(token.ConversationId, conversationId, StringComparison.Ordinal)
            ? new Grant(token, null)
            : new Grant(null, "This token belongs to another conversation.");
    }

    private static string? BearerCredential(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
    }

    /// <summary>Empty or absent: null (from the start). Otherwise a non-negative integer from an earlier response.</summary>
    private static bool TryWatermark(HttpRequest request, out long? watermark)
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

    private static bool TryUserId(string? requested, out string userId)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            userId = DirectLineTokenIssuer.NewUserId();
            return true;
        }

        userId = requested.Trim();
        return userId.Length <= MaxUserIdLength && !userId.Any(char.IsControl);
    }

    private static ChannelAccount BotRecipient() =>
        new(DirectLineAdapter.BotId, DirectLineAdapter.BotName, RoleTypes.Bot);

    private static string ServiceUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/";

    private static string StreamUrl(HttpRequest request, string prefix, string conversationId, string token, long? watermark)
    {
        var scheme = string.Equals(request.Scheme, "https", StringComparison.OrdinalIgnoreCase) ? "wss" : "ws";
        var url = $"{scheme}://{request.Host}{request.PathBase}{prefix}/conversations/{Uri.EscapeDataString(conversationId)}/stream?t={Uri.EscapeDataString(token)}";
        return watermark is { } w ? url + "&watermark=" + w.ToString(CultureInfo.InvariantCulture) : url;
    }

    private static int RemainingSeconds(DirectLineToken token, TimeProvider timeProvider) =>
        Math.Max(0, (int)(token.ExpiresAt - timeProvider.GetUtcNow()).TotalSeconds);

    /// <summary>
    /// Reads a JSON body of at most <paramref name="limit"/> bytes. An empty body is null; a larger one is answered
    /// 413 and malformed JSON 400 with the line and position (returned as the problem to write).
    /// </summary>
    private static async Task<(T? Value, Func<HttpContext, Task>? Problem)> ReadJsonAsync<T>(HttpContext context, int limit, Func<byte[], T?> read)
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
            return (null, c => BadRequestAsync(c, $"The body is not valid JSON{where}."));
        }

        try
        {
            return (read(body), null);
        }
        catch (Exception e) when (e is JsonException or Newtonsoft.Json.JsonException)
        {
            var field = FieldOf(e);
            return (null, c => BadRequestAsync(c, field is null ? "The body must be one JSON object." : $"The field '{field}' has the wrong type."));
        }

        Task TooLarge(HttpContext c) => WriteErrorAsync(c, StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig",
            $"The activity is larger than {limit} bytes.");
    }

    /// <summary>Where <paramref name="json"/> is not well-formed (" (line L, position P)"); null when it is.</summary>
    private static string? SyntaxError(byte[] json)
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
    private static string? FieldOf(Exception e)
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

    private static Task BadWatermarkAsync(HttpContext context) =>
        BadRequestAsync(context, "The watermark must be a number taken from an earlier response.");

    private static Task BadRequestAsync(HttpContext context, string reason) =>
        WriteErrorAsync(context, StatusCodes.Status400BadRequest, "BadArgument", reason);

    private static Task ForbiddenAsync(HttpContext context, string? reason) =>
        WriteErrorAsync(context, StatusCodes.Status403Forbidden, "TokenExpiredOrInvalid", reason ?? "The token is not valid.");

    private static Task WriteConversationAsync(HttpContext context, int status, Conversation conversation) =>
        WriteJsonAsync(context, status, conversation, DirectLineJsonContext.Default.Conversation);

    private static Task WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        var logger = Services.From(context).Logger;
        LogRefused(logger, context.Request.Method, status, message);
        return WriteWireAsync(context, status, new ErrorResponse(new Error(code, message)));
    }

    /// <summary>A Bot Framework object (resource response, error), serialized as the SDK does.</summary>
    private static Task WriteWireAsync(HttpContext context, int status, object value)
    {
        context.Response.Headers.CacheControl = "no-store";
        return BotFrameworkJson.WriteAsync(context.Response, status, value, context.RequestAborted);
    }

    private static async Task WriteJsonAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> typeInfo)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, typeInfo, context.RequestAborted).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Direct Line {Method} refused with {StatusCode}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, int statusCode, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Direct Line turn failed for a {ActivityType} activity and the turn error handler failed too")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string? activityType);

    /// <summary>Who is calling: a token (its conversation and user) or the secret (token null); or why not.</summary>
    private sealed record Grant(DirectLineToken? Token, string? Failure);

    /// <summary>The services one request needs.</summary>
    [SuppressMessage("Performance", "CA1812", Justification = "Created by From.")]
    internal sealed record Services(
        DirectLineTokenIssuer Tokens,
        DirectLineConversationStore Store,
        DirectLineAdapter Adapter,
        IBot Bot,
        DirectLineOptions Options,
        TimeProvider TimeProvider,
        ILogger Logger)
    {
        public static Services From(HttpContext context)
        {
            var provider = context.RequestServices;
            return new Services(
                provider.GetRequiredService<DirectLineTokenIssuer>(),
                provider.GetRequiredService<DirectLineConversationStore>(),
                provider.GetRequiredService<DirectLineAdapter>(),
                provider.GetRequiredService<IBot>(),
                provider.GetRequiredService<IOptions<DirectLineOptions>>().Value,
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILoggerFactory>().CreateLogger("IvigBot.BotFramework.DirectLine"));
        }
    }
}
