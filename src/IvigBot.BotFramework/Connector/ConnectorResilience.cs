using System.Net.Http.Headers;
using IvigBot.BotFramework.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace IvigBot.BotFramework.Connector;

/// <summary>
/// Retries for the SDK's HTTP client (Connector API, tokens, OpenID metadata), as an <see cref="IHttpClientFactory"/>
/// handler (Microsoft.Extensions.Http.Resilience): 408, 429, 5xx, attempt timeouts and dropped connections are retried
/// up to <see cref="ConnectorClientOptions.MaxRetries"/> times with exponential backoff and jitter, or after the
/// server's <c>Retry-After</c>; a <c>Retry-After</c> longer than <see cref="ConnectorClientOptions.MaxDelay"/> is not
/// waited for. In anonymous mode a serviceUrl not listed in <c>AllowedServiceUrls</c> (see
/// <see cref="ServiceUrlPolicy.IsUnverified"/>) gets one attempt of <see cref="ConnectorClientOptions.UnverifiedAttemptTimeout"/>
/// and no retry, so a caller's URL that hangs cannot hold a turn and several connections for a minute. Each retry is logged at Warning and a final failure at Error, with the host only (never the path, which
/// names the conversation).
/// </summary>
public static partial class ConnectorResilience
{
    private static readonly HttpRequestOptionsKey<int> RetriesKey = new("IvigBot.Connector.Retries");

    /// <summary>Adds the retry and attempt-timeout handler, and the final-failure log, to <paramref name="builder"/>.</summary>
    public static IHttpClientBuilder AddConnectorResilience(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Never follow a redirect: a serviceUrl allowed by policy (loopback, AllowedServiceUrls, or the one a channel
        // token vouches for) must not be able to send the bot's replies, and its token, somewhere else. A 3xx is a
        // failed call, logged with the host that answered.
        builder.ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler { AllowAutoRedirect = false });
        builder.AddHttpMessageHandler(sp => new FailureLoggingHandler(sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConnectorResilience).FullName!)));
        builder.AddResilienceHandler("connector", static (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<ConnectorClientOptions>>().Value;
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConnectorResilience).FullName!);
            var policy = context.ServiceProvider.GetRequiredService<ServiceUrlPolicy>();
            pipeline.AddRetry(RetryOptions(options, policy, logger));
            pipeline.AddTimeout(new TimeoutStrategyOptions
            {
                TimeoutGenerator = args => ValueTask.FromResult(policy.IsUnverified(args.Context.GetRequestMessage()?.RequestUri)
                    ? options.UnverifiedAttemptTimeout
                    : options.AttemptTimeout),
            });
        });
        return builder;
    }

    internal static HttpRetryStrategyOptions RetryOptions(ConnectorClientOptions options, ServiceUrlPolicy policy, ILogger logger) => new()
    {
        MaxRetryAttempts = options.MaxRetries,
        Delay = options.BaseDelay,
        MaxDelay = options.MaxDelay,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        ShouldRetryAfterHeader = true,
        ShouldHandle = args => ValueTask.FromResult(
            !policy.IsUnverified(args.Context.GetRequestMessage()?.RequestUri)
            && HttpClientResiliencePredicates.IsTransient(args.Outcome)
            && !(RetryAfter(args.Outcome.Result) > options.MaxDelay)),
        OnRetry = args =>
        {
            var request = args.Context.GetRequestMessage();
            if (request is not null)
            {
                request.Options.Set(RetriesKey, args.AttemptNumber + 1);
            }

            LogRetrying(logger, request?.Method.Method, request?.RequestUri?.Host, StatusOf(args.Outcome), FailureOf(args.Outcome),
                args.AttemptNumber + 1, options.MaxRetries + 1, (long)args.RetryDelay.TotalMilliseconds);
            return ValueTask.CompletedTask;
        },
    };

    private static TimeSpan? RetryAfter(HttpResponseMessage? response) => response?.Headers.RetryAfter switch
    {
        RetryConditionHeaderValue { Delta: { } delta } => delta,
        RetryConditionHeaderValue { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };

    private static int? StatusOf(Outcome<HttpResponseMessage> outcome) => (int?)outcome.Result?.StatusCode;

    private static string FailureOf(Outcome<HttpResponseMessage> outcome) => FailureOf(outcome.Exception);

    private static string FailureOf(Exception? exception) => exception switch
    {
        null => "HttpStatus",
        TimeoutRejectedException or TaskCanceledException => "Timeout",
        _ => "Connection",
    };

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Connector {Method} to {Host} failed (status {StatusCode}, {Failure}), attempt {Attempt} of {MaxAttempts}; retrying in {DelayMs} ms")]
    private static partial void LogRetrying(ILogger logger, string? method, string? host, int? statusCode, string failure, int attempt, int maxAttempts, long delayMs);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Connector {Method} to {Host} failed (status {StatusCode}, {Failure}) after {Attempts} attempt(s)")]
    private static partial void LogFailed(ILogger logger, string? method, string? host, int? statusCode, string failure, int attempts);

    /// <summary>Outside the retries: logs a request that failed for good, with how many attempts it took.</summary>
    private sealed class FailureLoggingHandler(ILogger logger) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                LogFailed(logger, request.Method.Method, request.RequestUri?.Host, null, FailureOf(ex), Attempts(request));
                throw;
            }

            if (!response.IsSuccessStatusCode)
            {
                LogFailed(logger, request.Method.Method, request.RequestUri?.Host, (int)response.StatusCode, "HttpStatus", Attempts(request));
            }

            return response;
        }

        private static int Attempts(HttpRequestMessage request) => request.Options.TryGetValue(RetriesKey, out var retries) ? retries + 1 : 1;
    }
}
