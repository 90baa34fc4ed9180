using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using IvigBot.BotFramework.Authentication;
using IvigBot.BotFramework.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvigBot.BotFramework.Connector;

/// <summary>
/// Posts activities to the Connector API with a per-attempt timeout and bounded retries (exponential backoff with
/// jitter, honouring <c>Retry-After</c>) on 408/429/5xx, timeouts and connection errors. On 401/403 the token is
/// refreshed once. Failures are logged without activity content and thrown as <see cref="ConnectorException"/>.
/// </summary>
public sealed partial class ConnectorClient : IConnectorClient
{
    internal const string HttpClientName = "IvigBot.BotFramework.Connector";
    private static readonly MediaTypeHeaderValue JsonContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IAccessTokenProvider _tokenProvider;
    private readonly ConnectorClientOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ConnectorClient> _logger;

    public ConnectorClient(
        IHttpClientFactory httpClientFactory,
        IAccessTokenProvider tokenProvider,
        IOptions<ConnectorClientOptions> options,
        TimeProvider timeProvider,
        ILogger<ConnectorClient> logger)
    {
        _httpClientFactory = httpClientFactory ?? throw new ArgumentNullException(nameof(httpClientFactory));
        _tokenProvider = tokenProvider ?? throw new ArgumentNullException(nameof(tokenProvider));
        _options = options?.Value ?? throw new ArgumentNullException(nameof(options));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public Task<ResourceResponse> SendToConversationAsync(Uri serviceUrl, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        ArgumentNullException.ThrowIfNull(activity);
        return PostAsync(BuildActivitiesUri(serviceUrl, ConversationIdOf(activity), activityId: null), activity, cancellationToken);
    }

    public Task<ResourceResponse> ReplyToActivityAsync(Uri serviceUrl, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        ArgumentNullException.ThrowIfNull(activity);
        if (string.IsNullOrEmpty(activity.ReplyToId))
        {
            throw new ArgumentException("A reply needs replyToId.", nameof(activity));
        }

        return PostAsync(BuildActivitiesUri(serviceUrl, ConversationIdOf(activity), activity.ReplyToId), activity, cancellationToken);
    }

    /// <summary>
    /// <c>{serviceUrl}/v3/conversations/{conversationId}/activities[/{activityId}]</c>, joined with exactly one slash
    /// and with both ids percent-encoded as path segments (Emulator ids contain <c>|</c>, Teams ids <c>: @ ;</c>).
    /// </summary>
    internal static Uri BuildActivitiesUri(Uri serviceUrl, string conversationId, string? activityId)
    {
        var baseUrl = serviceUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        var url = $"{baseUrl}/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities";
        if (!string.IsNullOrEmpty(activityId))
        {
            url += "/" + Uri.EscapeDataString(activityId);
        }

        return new Uri(url, UriKind.Absolute);
    }

    private async Task<ResourceResponse> PostAsync(Uri uri, Activity activity, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(activity, BotFrameworkJsonContext.Default.Activity);
        var maxAttempts = Math.Max(0, _options.MaxRetries) + 1;
        var forceRefresh = false;
        var refreshedToken = false;
        var sentToken = false;

        for (var attempt = 1; ; attempt++)
        {
            HttpStatusCode? status = null;
            ConnectorFailure failure;
            Exception? error = null;
            TimeSpan? retryAfter = null;

            using (var timeout = new CancellationTokenSource(_options.AttemptTimeout, _timeProvider))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
            {
                string? token;
                try
                {
                    token = await _tokenProvider.GetAccessTokenAsync(forceRefresh, linked.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    LogTokenFailed(_logger, ex, uri.Host);
                    throw new ConnectorException(ConnectorFailure.Token, null, attempt, ex);
                }

                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, uri);
                    request.Content = new ByteArrayContent(body) { Headers = { ContentType = JsonContentType } };
                    sentToken = token is not null;
                    if (sentToken)
                    {
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    }

                    var client = _httpClientFactory.CreateClient(HttpClientName);
                    using var response = await client.SendAsync(request, linked.Token).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        return await ReadResourceResponseAsync(response, linked.Token).ConfigureAwait(false);
                    }

                    status = response.StatusCode;
                    failure = ConnectorFailure.HttpStatus;
                    retryAfter = GetRetryAfter(response);
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = ConnectorFailure.Timeout;
                    error = ex;
                }
                catch (HttpRequestException ex)
                {
                    failure = ConnectorFailure.Connection;
                    error = ex;
                }
            }

            var unauthorized = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
            if (unauthorized && sentToken && !refreshedToken && attempt < maxAttempts)
            {
                refreshedToken = forceRefresh = true;
                LogRetrying(_logger, uri.Host, (int?)status, failure, attempt, maxAttempts, 0);
                continue;
            }

            forceRefresh = false;
            var delay = retryAfter ?? Backoff(attempt);
            if (!IsTransient(failure, status) || attempt >= maxAttempts || delay > _options.MaxDelay)
            {
                LogSendFailed(_logger, error, uri.Host, (int?)status, failure, attempt);
                throw new ConnectorException(failure, status, attempt, error);
            }

            LogRetrying(_logger, uri.Host, (int?)status, failure, attempt, maxAttempts, (long)delay.TotalMilliseconds);
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsTransient(ConnectorFailure failure, HttpStatusCode? status) => failure switch
    {
        ConnectorFailure.Timeout or ConnectorFailure.Connection => true,
        ConnectorFailure.HttpStatus => status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            || ((int?)status >= 500 && status is not (HttpStatusCode.NotImplemented or HttpStatusCode.HttpVersionNotSupported)),
        _ => false,
    };

    private TimeSpan Backoff(int attempt)
    {
        var exponential = _options.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
#pragma warning disable CA5394 // Jitter only spreads retries; it needs no cryptographic randomness.
        var jittered = exponential * (0.8 + (Random.Shared.NextDouble() * 0.4));
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(Math.Min(jittered, _options.MaxDelay.TotalMilliseconds));
    }

    private TimeSpan? GetRetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - _timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static async Task<ResourceResponse> ReadResourceResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (content.Length == 0)
        {
            return new ResourceResponse();
        }

        try
        {
            return JsonSerializer.Deserialize(content, BotFrameworkJsonContext.Default.ResourceResponse) ?? new ResourceResponse();
        }
        catch (JsonException)
        {
            // Some channels (e.g. offline Direct Line servers) answer 200 with a non-JSON body; the id is optional.
            return new ResourceResponse();
        }
    }

    private static string ConversationIdOf(Activity activity) =>
        activity.Conversation?.Id is { Length: > 0 } id
            ? id
            : throw new ArgumentException("The activity has no conversation id.", nameof(activity));

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Connector POST to {Host} failed (status {StatusCode}, {Failure}), attempt {Attempt} of {MaxAttempts}; retrying in {DelayMs} ms")]
    private static partial void LogRetrying(
        ILogger logger, string host, int? statusCode, ConnectorFailure failure, int attempt, int maxAttempts, long delayMs);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Connector POST to {Host} failed (status {StatusCode}, {Failure}) after {Attempts} attempt(s)")]
    private static partial void LogSendFailed(
        ILogger logger, Exception? exception, string host, int? statusCode, ConnectorFailure failure, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not get the bot's access token for a Connector POST to {Host}")]
    private static partial void LogTokenFailed(ILogger logger, Exception exception, string host);
}
