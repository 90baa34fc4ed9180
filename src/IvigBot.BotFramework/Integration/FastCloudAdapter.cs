using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Principal;
using IvigBot.BotFramework.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvigBot.BotFramework.Integration;

/// <summary>
/// The <c>/api/messages</c> adapter on the Bot Framework SDK's seams (<see cref="CloudAdapterBase"/>), read top to
/// bottom (protocol doc section 2):
/// <list type="bullet">
/// <item>405 for methods other than POST; 413 when the body exceeds <see cref="BotFrameworkOptions.MaxRequestBodyBytes"/>;
/// 400 with <c>{"error":{"code","message"}}</c> for malformed JSON or a missing <c>type</c>, <c>conversation.id</c> or
/// (unless expectReplies) <c>serviceUrl</c>.</item>
/// <item>401 when <see cref="BotFrameworkAuthentication.AuthenticateRequestAsync"/> refuses the request (every
/// request is authenticated by the SDK: channel and Emulator tokens, endorsements, the serviceUrl claim); 403 when no
/// channel token vouched for the <c>serviceUrl</c> (anonymous requests, Emulator tokens) and that URL is neither
/// loopback nor in <see cref="BotFrameworkOptions.AllowedServiceUrls"/>, so the bot never calls out to it.</item>
/// <item>403 with the refusal's code and message when an <see cref="IInboundActivityFilter"/> refuses the activity
/// (e.g. a Teams tenant that is not allowed); the turn does not run either.</item>
/// <item>The turn: a <see cref="TurnContext"/> with the TurnState entries the SDK's own adapter sets (identity, OAuth
/// scope, <see cref="IConnectorClient"/>, <see cref="UserTokenClient"/>, callback, <see cref="ConnectorFactory"/>),
/// run through <see cref="BotAdapter.RunPipelineAsync"/>, so middleware and <see cref="BotAdapter.OnTurnError"/>
/// apply.</item>
/// <item>After the turn: <c>expectReplies</c> → 200 <c>{"activities":[...]}</c>; <c>invoke</c> → the handler's
/// status and body (501 when nothing answered it); anything else → 200 with an empty body. A turn that fails beyond
/// <see cref="BotAdapter.OnTurnError"/> is 500 with a generic error body, never a stack trace.</item>
/// </list>
/// <para>
/// Why not the SDK's <c>CloudAdapter</c>: it builds a Microsoft.Rest <c>ConnectorClient</c> and a user-token client
/// for every request, which costs most of its CPU time. This adapter keeps them per (app id, serviceUrl, audience),
/// at most <see cref="BotFrameworkOptions.MaxCachedConnectors"/>; past that it takes the SDK's own per-turn path
/// (<see cref="CloudAdapterBase.ProcessActivityAsync(AuthenticateRequestResult, Activity, BotCallbackHandler, CancellationToken)"/>).
/// Responses are compact JSON written whole with their Content-Length.
/// </para>
/// </summary>
public partial class FastCloudAdapter : CloudAdapterBase, IBotFrameworkHttpAdapter
{
    private readonly BotFrameworkAuthentication _authentication;
    private readonly IOptionsMonitor<BotFrameworkOptions> _options;
    private readonly ServiceUrlPolicy _serviceUrlPolicy;
    private readonly ILogger _logger;
    private readonly IInboundActivityFilter[] _filters;
    private readonly ConcurrentDictionary<(string? AppId, string ServiceUrl, string? Audience), IConnectorClient> _connectors = new();
    private readonly ConcurrentDictionary<string, UserTokenClient> _userTokenClients = new(StringComparer.Ordinal);

    public FastCloudAdapter(
        BotFrameworkAuthentication authentication,
        IOptionsMonitor<BotFrameworkOptions> options,
        ServiceUrlPolicy serviceUrlPolicy,
        ILogger<FastCloudAdapter> logger,
        IEnumerable<IInboundActivityFilter>? filters = null)
        : base(authentication, logger)
    {
        _authentication = authentication;
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _serviceUrlPolicy = serviceUrlPolicy ?? throw new ArgumentNullException(nameof(serviceUrlPolicy));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _filters = filters?.ToArray() ?? [];
    }

    /// <summary>How many connector clients are cached now (for tests and diagnostics).</summary>
    public int CachedConnectorCount => _connectors.Count;

    public async Task ProcessAsync(HttpRequest httpRequest, HttpResponse httpResponse, IBot bot, CancellationToken cancellationToken = default)
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
            await BotFrameworkJson.WriteErrorAsync(httpResponse, StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", "The request body is too large.", cancellationToken).ConfigureAwait(false);
            return;
        }

        var activity = BotFrameworkJson.TryReadActivity(body);
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

        AuthenticateRequestResult authentication;
        try
        {
            authentication = await _authentication
                .AuthenticateRequestAsync(activity, httpRequest.Headers.Authorization.ToString(), cancellationToken)
                .ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The SDK refuses a token with several exception types (UnauthorizedAccessException, SecurityTokenException, ...): all are 401.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogUnauthorized(_logger, activity.ChannelId, ex.Message);
            await BotFrameworkJson.WriteErrorAsync(httpResponse, StatusCodes.Status401Unauthorized, "Unauthorized", "The request could not be authenticated.", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!IsDeliveryAllowed(activity, authentication.ClaimsIdentity))
        {
            LogRejected(_logger, StatusCodes.Status403Forbidden, "serviceUrl not allowed");
            await BotFrameworkJson.WriteErrorAsync(httpResponse, StatusCodes.Status403Forbidden, "ServiceUrlNotAllowed", "This bot does not send replies to that serviceUrl.", cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var filter in _filters)
        {
            if (filter.Check(activity) is { } refusal)
            {
                LogRejected(_logger, StatusCodes.Status403Forbidden, refusal.Code);
                await BotFrameworkJson.WriteErrorAsync(httpResponse, StatusCodes.Status403Forbidden, refusal.Code, refusal.Message, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        InvokeResponse? invokeResponse;
        try
        {
            invokeResponse = await RunTurnAsync(authentication, activity, bot.OnTurnAsync, cancellationToken).ConfigureAwait(false);
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
            await BotFrameworkJson.WriteErrorAsync(httpResponse, StatusCodes.Status500InternalServerError, "ServiceError", "The bot could not process this activity.", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (invokeResponse is null)
        {
            httpResponse.StatusCode = StatusCodes.Status200OK;
            return;
        }

        if (invokeResponse.Body is null)
        {
            httpResponse.StatusCode = invokeResponse.Status;
            return;
        }

        await BotFrameworkJson.WriteAsync(httpResponse, invokeResponse.Status, invokeResponse.Body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends through the turn's connector client, as <see cref="CloudAdapterBase"/> does, without its per-activity
    /// log lines: invoke responses stay in the turn state for the HTTP answer; traces go only to the Emulator.
    /// </summary>
    public override async Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(activities);
        var responses = new ResourceResponse[activities.Length];
        for (var i = 0; i < activities.Length; i++)
        {
            var activity = activities[i];
            activity.Id = null;
            ResourceResponse? response = null;
            if (activity.Type == ActivityTypesEx.InvokeResponse)
            {
                turnContext.TurnState.Set(InvokeResponseKey, activity);
            }
            else if (activity.Type == ActivityTypesEx.Delay)
            {
                await Task.Delay(Convert.ToInt32(activity.Value, System.Globalization.CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            }
            else if (activity.Type != ActivityTypes.Trace || activity.ChannelId == Channels.Emulator)
            {
                var conversations = turnContext.TurnState.Get<IConnectorClient>().Conversations;
                response = string.IsNullOrWhiteSpace(activity.ReplyToId)
                    ? await conversations.SendToConversationAsync(activity, cancellationToken).ConfigureAwait(false)
                    : await conversations.ReplyToActivityAsync(activity, cancellationToken).ConfigureAwait(false);
            }

            responses[i] = response ?? new ResourceResponse(activity.Id ?? string.Empty);
        }

        return responses;
    }

    /// <summary>
    /// One turn: with a cached connector client when there is room (see <see cref="BotFrameworkOptions.MaxCachedConnectors"/>), else the
    /// SDK's own per-turn path. Returns what the HTTP answer carries (null: 200 with no body).
    /// </summary>
    private async Task<InvokeResponse?> RunTurnAsync(AuthenticateRequestResult authentication, Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        var identity = authentication.ClaimsIdentity;

        // The bot's own app id (the token's audience) picks its credentials; anonymous requests have none.
        // expectReplies sends nothing to the channel, so it needs no connector client.
        var appId = identity.FindFirst(AuthenticationConstants.AudienceClaim)?.Value;
        var expectReplies = activity.DeliveryMode == DeliveryModes.ExpectReplies;
        var connectorClient = expectReplies
            ? null
            : await ConnectorClientAsync(authentication, appId, activity.ServiceUrl, cancellationToken).ConfigureAwait(false);
        if (connectorClient is null && !expectReplies)
        {
            var sdkResponse = await ProcessActivityAsync(authentication, activity, callback, cancellationToken).ConfigureAwait(false);
            return ForHttp(activity, sdkResponse);
        }

        activity.CallerId = authentication.CallerId;
        var userTokenClient = await UserTokenClientAsync(identity, appId, cancellationToken).ConfigureAwait(false);

        // Not disposed: disposing a TurnContext disposes what its TurnState holds, and the clients are shared.
        var turnContext = new TurnContext(this, activity);
        turnContext.TurnState.Add<IIdentity>(BotIdentityKey, identity);
        if (connectorClient is not null)
        {
            turnContext.TurnState.Add(connectorClient);
        }

        turnContext.TurnState.Add(userTokenClient);
        turnContext.TurnState.Add(callback);
        turnContext.TurnState.Add(authentication.ConnectorFactory);
        turnContext.TurnState.Set(OAuthScopeKey, authentication.Audience);
        await RunPipelineAsync(turnContext, callback, cancellationToken).ConfigureAwait(false);

        if (expectReplies)
        {
            return new InvokeResponse { Status = StatusCodes.Status200OK, Body = new ExpectedReplies(turnContext.BufferedReplyActivities) };
        }

        if (activity.Type == ActivityTypes.Invoke)
        {
            return turnContext.TurnState.Get<Activity>(InvokeResponseKey)?.Value as InvokeResponse
                ?? new InvokeResponse { Status = StatusCodes.Status501NotImplemented };
        }

        return null;
    }

    /// <summary>The SDK's answer for the HTTP response: only expectReplies and invoke turns carry one.</summary>
    private static InvokeResponse? ForHttp(Activity activity, InvokeResponse? response) =>
        activity.DeliveryMode == DeliveryModes.ExpectReplies || activity.Type == ActivityTypes.Invoke ? response : null;

    private async Task<IConnectorClient?> ConnectorClientAsync(AuthenticateRequestResult authentication, string? appId, string serviceUrl, CancellationToken cancellationToken)
    {
        var key = (appId, serviceUrl, authentication.Audience);
        if (_connectors.TryGetValue(key, out var cached))
        {
            return cached;
        }

        if (_connectors.Count >= _options.CurrentValue.MaxCachedConnectors)
        {
            return null;
        }

        var created = await authentication.ConnectorFactory.CreateAsync(serviceUrl, authentication.Audience, cancellationToken).ConfigureAwait(false);
        if (_connectors.TryAdd(key, created))
        {
            return created;
        }

        created.Dispose();
        return _connectors[key];
    }

    private async Task<UserTokenClient> UserTokenClientAsync(ClaimsIdentity identity, string? appId, CancellationToken cancellationToken)
    {
        var key = appId ?? string.Empty;
        if (_userTokenClients.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var created = await _authentication.CreateUserTokenClientAsync(identity, cancellationToken).ConfigureAwait(false);
        if (_userTokenClients.Count >= _options.CurrentValue.MaxCachedConnectors || !_userTokenClients.TryAdd(key, created))
        {
            return _userTokenClients.TryGetValue(key, out cached) ? DisposeAndReturn(created, cached) : created;
        }

        return created;
    }

    private static UserTokenClient DisposeAndReturn(UserTokenClient created, UserTokenClient cached)
    {
        created.Dispose();
        return cached;
    }

    /// <summary>
    /// Replies go where a channel token vouched for (its serviceUrl claim, checked by the SDK); without one
    /// (anonymous requests, Emulator tokens) only to loopback or <see cref="BotFrameworkOptions.AllowedServiceUrls"/>.
    /// expectReplies sends nothing, so it needs no check.
    /// </summary>
    private bool IsDeliveryAllowed(Activity activity, ClaimsIdentity identity) =>
        activity.DeliveryMode == DeliveryModes.ExpectReplies
        || identity.FindFirst(AuthenticationConstants.ServiceUrlClaim) is not null
        || _serviceUrlPolicy.IsAllowed(activity.ServiceUrl);

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

        if (activity.DeliveryMode != DeliveryModes.ExpectReplies
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
        await BotFrameworkJson.WriteErrorAsync(httpResponse, StatusCodes.Status400BadRequest, "BadArgument", reason, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected /api/messages request with {StatusCode}: {Reason}")]
    private static partial void LogRejected(ILogger logger, int statusCode, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unauthorized activity from channel {ChannelId}: {Reason}")]
    private static partial void LogUnauthorized(ILogger logger, string? channelId, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed for a {ActivityType} activity from channel {ChannelId} and the turn error handler failed too")]
    private static partial void LogTurnErrorUnhandled(ILogger logger, Exception exception, string? activityType, string? channelId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Turn cancelled for a {ActivityType} activity from channel {ChannelId}")]
    private static partial void LogTurnCancelled(ILogger logger, string? activityType, string? channelId);
}
