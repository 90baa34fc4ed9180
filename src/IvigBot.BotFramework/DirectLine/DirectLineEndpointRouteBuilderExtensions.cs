using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using IvigBot.BotFramework.Integration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;

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
public static class DirectLineEndpointRouteBuilderExtensions
{
    /// <summary>The path prefix Web Chat's <c>domain</c> option points at.</summary>
    public const string DefaultPrefix = "/v3/directline";

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
        var services = DirectLineServices.From(context);
        if (!services.Tokens.IsSecret(DirectLineRequest.BearerCredential(context.Request)))
        {
            await DirectLineResponse.ForbiddenAsync(context, "Generating a token needs the Direct Line secret.").ConfigureAwait(false);
            return;
        }

        var (parameters, problem) = await DirectLineRequest.ReadJsonAsync(context, services.Options.MaxActivityBytes, static body => JsonSerializer.Deserialize(body, DirectLineJsonContext.Default.TokenParameters)).ConfigureAwait(false);
        if (problem is not null)
        {
            await problem(context).ConfigureAwait(false);
            return;
        }

        if (!DirectLineRequest.TryUserId(parameters?.User?.Id, out var userId))
        {
            await DirectLineResponse.BadRequestAsync(context, $"user.id must be at most {DirectLineRequest.MaxUserIdLength} printable characters.").ConfigureAwait(false);
            return;
        }

        var conversationId = DirectLineTokenIssuer.NewConversationId();
        await DirectLineResponse.WriteConversationAsync(context, StatusCodes.Status200OK, new Conversation
        {
            ConversationId = conversationId,
            Token = services.Tokens.Issue(conversationId, userId),
            ExpiresIn = services.Tokens.ExpiresInSeconds,
        }).ConfigureAwait(false);
    }

    private static async Task RefreshTokenAsync(HttpContext context)
    {
        var services = DirectLineServices.From(context);
        if (!services.Tokens.TryValidate(DirectLineRequest.BearerCredential(context.Request), out var token, out var failure))
        {
            await DirectLineResponse.ForbiddenAsync(context, failure).ConfigureAwait(false);
            return;
        }

        // A page that keeps refreshing its token keeps its conversation.
        services.Store.TryGet(token.ConversationId, out _);
        await DirectLineResponse.WriteConversationAsync(context, StatusCodes.Status200OK, new Conversation
        {
            ConversationId = token.ConversationId,
            Token = services.Tokens.Issue(token.ConversationId, token.UserId),
            ExpiresIn = services.Tokens.ExpiresInSeconds,
        }).ConfigureAwait(false);
    }

    private static async Task StartConversationAsync(HttpContext context, string prefix)
    {
        var services = DirectLineServices.From(context);
        var grant = DirectLineGrant.Authenticate(context, services, conversationId: null, fromQuery: false);
        if (grant.Failure is not null)
        {
            await DirectLineResponse.ForbiddenAsync(context, grant.Failure).ConfigureAwait(false);
            return;
        }

        var (parameters, problem) = await DirectLineRequest.ReadJsonAsync(context, services.Options.MaxActivityBytes, static body => JsonSerializer.Deserialize(body, DirectLineJsonContext.Default.TokenParameters)).ConfigureAwait(false);
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
            token = DirectLineRequest.BearerCredential(context.Request)!;
        }
        else
        {
            if (!DirectLineRequest.TryUserId(parameters?.User?.Id, out userId))
            {
                await DirectLineResponse.BadRequestAsync(context, $"user.id must be at most {DirectLineRequest.MaxUserIdLength} printable characters.").ConfigureAwait(false);
                return;
            }

            conversationId = DirectLineTokenIssuer.NewConversationId();
            token = services.Tokens.Issue(conversationId, userId);
        }

        var locale = string.IsNullOrWhiteSpace(parameters?.Locale) ? null : parameters.Locale;
        var client = ClientAddress.Key(context, out var isLocal);
        var start = services.Store.TryStart(conversationId, userId, locale, isLocal ? null : client, out var conversation);
        if (start == ConversationStart.Full)
        {
            context.Response.Headers.RetryAfter = "60";
            await DirectLineResponse.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "TooManyConversations",
                "The chat is very busy right now. Please try again in a minute.").ConfigureAwait(false);
            return;
        }

        if (start == ConversationStart.ClientLimit)
        {
            context.Response.Headers.RetryAfter = "60";
            await DirectLineResponse.WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, "TooManyConversations",
                "Too many chats are open from your connection. Please close one, or try again in a few minutes.").ConfigureAwait(false);
            return;
        }

        if (start == ConversationStart.Started)
        {
            await DirectLineTurns.WelcomeAsync(context, services, conversation!).ConfigureAwait(false);
        }

        await DirectLineResponse.WriteConversationAsync(context, start == ConversationStart.Started ? StatusCodes.Status201Created : StatusCodes.Status200OK, new Conversation
        {
            ConversationId = conversationId,
            Token = token,
            ExpiresIn = grant.Token is { } current ? RemainingSeconds(current, services.TimeProvider) : services.Tokens.ExpiresInSeconds,
            StreamUrl = StreamUrl(context.Request, prefix, conversationId, token, watermark: null),
        }).ConfigureAwait(false);
    }

    private static async Task ReconnectAsync(HttpContext context, string prefix)
    {
        var services = DirectLineServices.From(context);
        if (await FindConversationAsync(context, services, fromQuery: false).ConfigureAwait(false) is not { } found)
        {
            return;
        }

        if (!DirectLineRequest.TryWatermark(context.Request, out var watermark))
        {
            await DirectLineResponse.BadWatermarkAsync(context).ConfigureAwait(false);
            return;
        }

        var (conversation, grant) = found;
        var token = services.Tokens.Issue(conversation.Id, grant.Token?.UserId ?? conversation.UserId);
        await DirectLineResponse.WriteConversationAsync(context, StatusCodes.Status200OK, new Conversation
        {
            ConversationId = conversation.Id,
            Token = token,
            ExpiresIn = services.Tokens.ExpiresInSeconds,
            StreamUrl = StreamUrl(context.Request, prefix, conversation.Id, token, watermark),
        }).ConfigureAwait(false);
    }

    private static async Task PostActivityAsync(HttpContext context)
    {
        var services = DirectLineServices.From(context);
        if (await FindConversationAsync(context, services, fromQuery: false).ConfigureAwait(false) is not { } found)
        {
            return;
        }

        var (conversation, grant) = found;
        var (activity, problem) = await DirectLineRequest.ReadJsonAsync(context, services.Options.MaxActivityBytes, BotFrameworkJson.ReadActivity).ConfigureAwait(false);
        if (problem is not null)
        {
            await problem(context).ConfigureAwait(false);
            return;
        }

        if (activity is null)
        {
            await DirectLineResponse.BadRequestAsync(context, "Send one activity as a JSON object, like {\"type\":\"message\",\"text\":\"what is IVIG flu\"}.").ConfigureAwait(false);
            return;
        }

        if (string.IsNullOrEmpty(activity.Type))
        {
            await DirectLineResponse.BadRequestAsync(context, "The activity has no type.").ConfigureAwait(false);
            return;
        }

        // With a token the user is the token's; with the secret the caller says who it is.
        var userId = grant.Token?.UserId ?? activity.From?.Id;
        if (string.IsNullOrEmpty(userId) || !DirectLineRequest.TryUserId(userId, out userId))
        {
            await DirectLineResponse.BadRequestAsync(context, "from.id is required (at most 128 printable characters) when posting with the secret.").ConfigureAwait(false);
            return;
        }

        activity.ChannelId = Channels.Directline;
        activity.Conversation = new ConversationAccount(id: conversation.Id);
        activity.From = new ChannelAccount(userId, activity.From?.Name) { Role = "user" };
        activity.Recipient = DirectLineTurns.BotRecipient();
        activity.ServiceUrl = DirectLineTurns.ServiceUrl(context.Request);
        activity.Locale ??= conversation.Locale;
        activity.CallerId = null;

        // Stored before the turn, so the echo comes before the bot's answer.
        var id = conversation.Append(activity, services.TimeProvider.GetUtcNow());
        if (!await DirectLineTurns.RunAsync(context, services, conversation, activity).ConfigureAwait(false))
        {
            await DirectLineResponse.WriteErrorAsync(context, StatusCodes.Status502BadGateway, "BotError", "The bot could not process this activity.").ConfigureAwait(false);
            return;
        }

        await DirectLineResponse.WriteWireAsync(context, StatusCodes.Status200OK, new ResourceResponse(id)).ConfigureAwait(false);
    }

    private static async Task GetActivitiesAsync(HttpContext context)
    {
        var services = DirectLineServices.From(context);
        if (await FindConversationAsync(context, services, fromQuery: false).ConfigureAwait(false) is not { } found)
        {
            return;
        }

        if (!DirectLineRequest.TryWatermark(context.Request, out var watermark))
        {
            await DirectLineResponse.BadWatermarkAsync(context).ConfigureAwait(false);
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
        var services = DirectLineServices.From(context);
        if (await FindConversationAsync(context, services, fromQuery: true).ConfigureAwait(false) is not { } found)
        {
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            await DirectLineResponse.BadRequestAsync(context, "The stream needs a WebSocket connection.").ConfigureAwait(false);
            return;
        }

        var origin = context.Request.Headers.Origin.ToString();
        if (services.Options.AllowedOrigins.Count > 0 && origin.Length > 0
            && !services.Options.AllowedOrigins.Any(o => string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase)))
        {
            await DirectLineResponse.ForbiddenAsync(context, "This origin may not open the stream.").ConfigureAwait(false);
            return;
        }

        if (!DirectLineRequest.TryWatermark(context.Request, out var watermark))
        {
            await DirectLineResponse.BadWatermarkAsync(context).ConfigureAwait(false);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        await DirectLineStream.RunAsync(socket, found.Conversation, watermark, services, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<(DirectLineConversation Conversation, DirectLineGrant Grant)?> FindConversationAsync(HttpContext context, DirectLineServices services, bool fromQuery)
    {
        var conversationId = (string)context.Request.RouteValues["conversationId"]!;
        var grant = DirectLineGrant.Authenticate(context, services, conversationId, fromQuery);
        if (grant.Failure is not null)
        {
            await DirectLineResponse.ForbiddenAsync(context, grant.Failure).ConfigureAwait(false);
            return null;
        }

        if (!services.Store.TryGet(conversationId, out var conversation))
        {
            await DirectLineResponse.WriteErrorAsync(context, StatusCodes.Status404NotFound, "BadArgument", "This conversation does not exist or has ended.").ConfigureAwait(false);
            return null;
        }

        return (conversation, grant);
    }

    private static string StreamUrl(HttpRequest request, string prefix, string conversationId, string token, long? watermark)
    {
        var scheme = string.Equals(request.Scheme, "https", StringComparison.OrdinalIgnoreCase) ? "wss" : "ws";
        var url = $"{scheme}://{request.Host}{request.PathBase}{prefix}/conversations/{Uri.EscapeDataString(conversationId)}/stream?t={Uri.EscapeDataString(token)}";
        return watermark is { } w ? url + "&watermark=" + w.ToString(CultureInfo.InvariantCulture) : url;
    }

    private static int RemainingSeconds(DirectLineToken token, TimeProvider timeProvider) =>
        Math.Max(0, (int)(token.ExpiresAt - timeProvider.GetUtcNow()).TotalSeconds);
}
