using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using IvigBot.BotFramework.Authentication;
using IvigBot.BotFramework.Builder;
using IvigBot.BotFramework.Connector;
using IvigBot.BotFramework.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvigBot.BotFramework.Integration;

/// <summary>
/// The <c>/api/messages</c> adapter (protocol doc section 2):
/// <list type="bullet">
/// <item>405 for methods other than POST; 413 when the body exceeds <see cref="BotFrameworkOptions.MaxRequestBodyBytes"/>;
/// 400 with <c>{"error":{"code","message"}}</c> for malformed JSON or a missing <c>type</c>, <c>conversation.id</c> or
/// (unless expectReplies) <c>serviceUrl</c>.</item>
/// <item>401 when authentication fails; 403 when the caller is accepted but no channel token vouched for its
/// <c>serviceUrl</c> and that URL is neither loopback nor in <see cref="BotFrameworkOptions.AllowedServiceUrls"/> —
/// the turn does not run, so the bot never calls out to it.</item>
/// <item>403 with the refusal's code and message when an <see cref="IInboundActivityFilter"/> refuses the activity
/// (e.g. a Teams tenant that is not allowed); the turn does not run either.</item>
/// <item>After the turn: <c>expectReplies</c> → 200 <c>{"activities":[...]}</c> and nothing posted to the channel;
/// <c>invoke</c> → the handler's status and body (501 when nothing answered it, 500 when the turn failed);
/// anything else → 200 with an empty body (unknown activity types included).</item>
/// <item>A turn that throws goes to <see cref="BotAdapter.OnTurnError"/> (by default: log, tell the user something
/// polite). If that throws as well the answer is 500 with a generic error body, never a stack trace.</item>
/// </list>
/// </summary>
public sealed partial class CloudAdapter : BotAdapter, IBotFrameworkHttpAdapter
{
    /// <summary>What the user reads when their message could not be handled.</summary>
    public const string TurnErrorMessage = "Sorry, something went wrong on our side. Please try again in a moment.";

    internal const string InvokeResponseKey = "IvigBot.BotFramework.InvokeResponse";
    private const string BufferedRepliesKey = "IvigBot.BotFramework.BufferedReplies";
    private const string ServiceUrlKey = "IvigBot.BotFramework.ServiceUrl";

    private readonly IBotFrameworkAuthentication _authentication;
    private readonly IConnectorClient _connectorClient;
    private readonly IOptionsMonitor<BotFrameworkOptions> _options;
    private readonly ILogger<CloudAdapter> _logger;
    private readonly IInboundActivityFilter[] _filters;

    public CloudAdapter(
        IBotFrameworkAuthentication authentication,
        IConnectorClient connectorClient,
        IOptionsMonitor<BotFrameworkOptions> options,
        ILogger<CloudAdapter> logger,
        IEnumerable<IInboundActivityFilter>? filters = null)
    {
        _filters = filters?.ToArray() ?? [];
        _authentication = authentication ?? throw new ArgumentNullException(nameof(authentication));
        _connectorClient = connectorClient ?? throw new ArgumentNullException(nameof(connectorClient));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        OnTurnError = DefaultOnTurnErrorAsync;
    }

    public async Task ProcessAsync(HttpRequest httpRequest, HttpResponse httpResponse, IBot bot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpRequest);
        ArgumentNullException.ThrowIfNull(httpResponse);
        ArgumentNullException.ThrowIfNull(bot);

        if (!HttpMethods.IsPost(httpRequest.Method))
        {
            httpResponse.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        var body = await RequestBody.ReadAsync(httpRequest, _options.CurrentValue.MaxRequestBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            LogRejected(_logger, StatusCodes.Status413PayloadTooLarge, "body too large");
            await WriteErrorAsync(httpResponse, StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", "The request body is too large.", cancellationToken).ConfigureAwait(false);
            return;
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize(body, BotFrameworkJsonContext.Default.Activity);
        }
        catch (JsonException)
        {
            activity = null;
        }

        if (activity is null)
        {
            await BadRequestAsync(httpResponse, "The request body is not a JSON activity.", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (Validate(activity) is { } problem)
        {
            await BadRequestAsync(httpResponse, problem, cancellationToken).ConfigureAwait(false);
            return;
        }

        var authentication = await _authentication
            .AuthenticateRequestAsync(activity, httpRequest.Headers.Authorization.ToString(), cancellationToken)
            .ConfigureAwait(false);
        switch (authentication.Status)
        {
            case AuthenticationStatus.Unauthorized:
                LogUnauthorized(_logger, activity.ChannelId, authentication.FailureReason);
                await WriteErrorAsync(httpResponse, StatusCodes.Status401Unauthorized, "Unauthorized", "The request could not be authenticated.", cancellationToken).ConfigureAwait(false);
                return;
            case AuthenticationStatus.ServiceUrlNotAllowed:
                await WriteErrorAsync(httpResponse, StatusCodes.Status403Forbidden, "ServiceUrlNotAllowed", "This bot does not send replies to that serviceUrl.", cancellationToken).ConfigureAwait(false);
                return;
        }

        foreach (var filter in _filters)
        {
            if (filter.Check(activity) is { } refusal)
            {
                LogRejected(_logger, StatusCodes.Status403Forbidden, refusal.Code);
                await WriteErrorAsync(httpResponse, StatusCodes.Status403Forbidden, refusal.Code, refusal.Message, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        activity.CallerId = authentication.CallerId;
        await RunTurnAsync(activity, httpResponse, bot, cancellationToken).ConfigureAwait(false);
    }

    public override async Task<IReadOnlyList<ResourceResponse>> SendActivitiesAsync(
        ITurnContext turnContext,
        IReadOnlyList<Activity> activities,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(activities);
        var responses = new List<ResourceResponse>(activities.Count);
        foreach (var activity in activities)
        {
            activity.OmitEmptyCollections();
            if (activity.IsType(ActivityTypes.InvokeResponse))
            {
                turnContext.TurnState.Set(InvokeResponseKey, activity);
            }

            if (turnContext.TurnState.Get<List<Activity>>(BufferedRepliesKey) is { } buffer)
            {
                buffer.Add(activity);
                responses.Add(new ResourceResponse());
                continue;
            }

            if (activity.IsType(ActivityTypes.InvokeResponse)
                || (activity.IsType(ActivityTypes.Trace) && !string.Equals(activity.ChannelId, Channels.Emulator, StringComparison.Ordinal)))
            {
                responses.Add(new ResourceResponse());
                continue;
            }

            var serviceUrl = turnContext.TurnState.Get<Uri>(ServiceUrlKey)
                ?? throw new InvalidOperationException("This turn has no verified serviceUrl to send activities to.");
            responses.Add(string.IsNullOrEmpty(activity.ReplyToId)
                ? await _connectorClient.SendToConversationAsync(serviceUrl, activity, cancellationToken).ConfigureAwait(false)
                : await _connectorClient.ReplyToActivityAsync(serviceUrl, activity, cancellationToken).ConfigureAwait(false));
        }

        return responses;
    }

    private async Task RunTurnAsync(Activity activity, HttpResponse httpResponse, IBot bot, CancellationToken cancellationToken)
    {
        var turnContext = new TurnContext(this, activity);
        var buffer = activity.ExpectsReplies ? new List<Activity>() : null;
        turnContext.TurnState.Set(BufferedRepliesKey, buffer);
        if (buffer is null)
        {
            turnContext.TurnState.Set(ServiceUrlKey, new Uri(activity.ServiceUrl!, UriKind.Absolute));
        }

        Exception? turnError;
        try
        {
            turnError = await RunPipelineAsync(turnContext, bot.OnTurnAsync, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogTurnCancelled(_logger, activity.Type, activity.ChannelId);
            return;
        }
#pragma warning disable CA1031 // A failed turn must become a 500 answer, never an unhandled exception in the host.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogTurnErrorUnhandled(_logger, ex, activity.Type, activity.ChannelId);
            await WriteErrorAsync(httpResponse, StatusCodes.Status500InternalServerError, "ServiceError", "The bot could not process this activity.", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (buffer is not null)
        {
            await WriteJsonAsync(httpResponse, StatusCodes.Status200OK, new ExpectedReplies { Activities = buffer }, BotFrameworkJsonContext.Wire.ExpectedReplies, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (activity.IsType(ActivityTypes.Invoke))
        {
            await WriteInvokeResponseAsync(httpResponse, turnContext, turnError, cancellationToken).ConfigureAwait(false);
            return;
        }

        httpResponse.StatusCode = StatusCodes.Status200OK;
    }

    private static async Task WriteInvokeResponseAsync(HttpResponse httpResponse, TurnContext turnContext, Exception? turnError, CancellationToken cancellationToken)
    {
        if (turnError is not null)
        {
            await WriteErrorAsync(httpResponse, StatusCodes.Status500InternalServerError, "ServiceError", "The bot could not process this activity.", cancellationToken).ConfigureAwait(false);
            return;
        }

        var invokeResponse = turnContext.TurnState.Get<Activity>(InvokeResponseKey)?.Value?
            .Deserialize(BotFrameworkJsonContext.Default.InvokeResponse);
        if (invokeResponse is null)
        {
            httpResponse.StatusCode = StatusCodes.Status501NotImplemented;
            return;
        }

        httpResponse.StatusCode = invokeResponse.Status;
        if (invokeResponse.Body is not null)
        {
            httpResponse.ContentType = "application/json; charset=utf-8";
            await httpResponse.WriteAsync(invokeResponse.Body.ToJsonString(), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DefaultOnTurnErrorAsync(ITurnContext turnContext, Exception exception)
    {
        LogTurnError(_logger, exception, turnContext.Activity.Type, turnContext.Activity.ChannelId);
        if (turnContext.Activity.IsType(ActivityTypes.Message))
        {
            await turnContext.SendActivityAsync(TurnErrorMessage, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static string? Validate(Activity activity)
    {
        if (string.IsNullOrEmpty(activity.Type))
        {
            return "The activity has no type.";
        }

        if (string.IsNullOrEmpty(activity.Conversation?.Id))
        {
            return "The activity has no conversation id.";
        }

        if (!activity.ExpectsReplies
            && (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl)
                || (serviceUrl.Scheme != Uri.UriSchemeHttps && serviceUrl.Scheme != Uri.UriSchemeHttp)))
        {
            return "The activity has no valid serviceUrl.";
        }

        return null;
    }

    private async Task BadRequestAsync(HttpResponse httpResponse, string reason, CancellationToken cancellationToken)
    {
        LogRejected(_logger, StatusCodes.Status400BadRequest, reason);
        await WriteErrorAsync(httpResponse, StatusCodes.Status400BadRequest, "BadArgument", reason, cancellationToken).ConfigureAwait(false);
    }

    private static Task WriteErrorAsync(HttpResponse httpResponse, int status, string code, string message, CancellationToken cancellationToken) =>
        WriteJsonAsync(httpResponse, status, new ErrorResponse(code, message), BotFrameworkJsonContext.Wire.ErrorResponse, cancellationToken);

    /// <summary>
    /// Writes <paramref name="value"/> as the whole response with its Content-Length: replies are a few kilobytes, so
    /// one synchronous serialization and one write cost less than streaming them in chunks.
    /// </summary>
    private static async Task WriteJsonAsync<T>(HttpResponse httpResponse, int status, T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        httpResponse.StatusCode = status;
        httpResponse.ContentType = "application/json; charset=utf-8";
        httpResponse.ContentLength = body.Length;
        await httpResponse.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected /api/messages request with {StatusCode}: {Reason}")]
    private static partial void LogRejected(ILogger logger, int statusCode, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unauthorized activity from channel {ChannelId}: {Reason}")]
    private static partial void LogUnauthorized(ILogger logger, string? channelId, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed for a {ActivityType} activity from channel {ChannelId}")]
    private static partial void LogTurnError(ILogger logger, Exception exception, string? activityType, string? channelId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed for a {ActivityType} activity from channel {ChannelId} and the turn error handler failed too")]
    private static partial void LogTurnErrorUnhandled(ILogger logger, Exception exception, string? activityType, string? channelId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Turn cancelled for a {ActivityType} activity from channel {ChannelId}")]
    private static partial void LogTurnCancelled(ILogger logger, string? activityType, string? channelId);
}
