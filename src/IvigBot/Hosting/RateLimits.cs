using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Threading.RateLimiting;
using IvigBot.Apis;
using IvigBot.BotFramework.Authentication;
using IvigBot.BotFramework.DirectLine;
using IvigBot.BotFramework.Integration;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace IvigBot.Hosting;

/// <summary>
/// Per-client rate limiting with ASP.NET Core's rate limiter. Endpoints opt in with
/// <c>.RequireRateLimiting(RateLimits.XxxPolicy)</c>; over the limit they answer 429 with <c>Retry-After</c> and a short
/// reason. Who a client is: see <see cref="RateLimitingOptions"/> and docs/security.md.
/// </summary>
public static partial class RateLimits
{
    /// <summary><c>POST /api/ask</c>: per client address.</summary>
    public const string AskPolicy = "ask";

    /// <summary><c>POST /api/messages</c>: per conversation for channel (token-carrying) requests, else per client address.</summary>
    public const string MessagesPolicy = "messages";

    /// <summary>Direct Line tokens and new conversations (and the page's token endpoint): per client address.</summary>
    public const string DirectLinePolicy = "directline";

    /// <summary>
    /// Direct Line traffic of one conversation (posting, polling, the stream, reconnecting, token refresh): per
    /// conversation once its token is verified, else per client address under <see cref="DirectLinePolicy"/>'s rule.
    /// </summary>
    public const string DirectLineConversationPolicy = "directline-conversation";

    public const string TooManyRequestsText = "Too many requests. Please wait a moment and try again.";

    private const string ConversationKeyItem = "IvigBot.RateLimitConversation";

    public static IServiceCollection AddIvigBotRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.Section)
            .Validate(o => !o.Validate().Any(), "RateLimiting settings are invalid: Burst and PerMinute must be at least 1")
            .ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingOptions>>((limiter, settings) =>
        {
            var o = settings.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = OnRejectedAsync;
            limiter.AddPolicy(AskPolicy, context => Partition(o.Enabled ? ClientKey(context, o.ExemptLoopback) : null, o.Ask));
            limiter.AddPolicy(DirectLinePolicy, context => Partition(o.Enabled ? ClientKey(context, o.ExemptLoopback) : null, o.DirectLine));
            limiter.AddPolicy(DirectLineConversationPolicy, context => o.Enabled && DirectLineConversationKey(context, o.ExemptLoopback) is { } conversation
                ? Partition(conversation, o.DirectLineConversation)
                : Partition(o.Enabled ? ClientKey(context, o.ExemptLoopback) : null, o.DirectLine));
            limiter.AddPolicy(MessagesPolicy, context => Partition(o.Enabled ? MessagesKey(context, o.ExemptLoopback) : null, o.Messages));
        });
        return services;
    }

    /// <summary>
    /// The rate limiter, and before it, for <c>/api/messages</c> requests that carry a channel token: a per-address
    /// budget of refused tokens (<see cref="RateLimitingOptions.AuthFailures"/>), then a look at the activity's
    /// conversation id so that each patient's conversation has its own bucket.
    /// </summary>
    public static WebApplication UseIvigBotRateLimiting(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var settings = app.Services.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
        if (settings.Enabled)
        {
            var maxBody = app.Services.GetRequiredService<IOptionsMonitor<BotFrameworkOptions>>();
            // A token moves a request to its conversation's bucket before the token is checked, so every refused token
            // costs its client address one permit here; a client out of permits is refused before any work is done.
            var authFailures = PartitionedRateLimiter.Create<string, string>(client => Partition(client, settings.AuthFailures));
            // Requests without a channel token (the Emulator, anonymous mode, every other endpoint) pass straight on,
            // without an async state machine of this middleware's own.
            app.Use((context, next) =>
                HttpMethods.IsPost(context.Request.Method)
                && context.Request.Path.Equals("/api/messages", StringComparison.OrdinalIgnoreCase)
                && context.Request.Headers.Authorization.Count > 0
                    ? WithTokenAsync(context, next)
                    : next(context));

            async Task WithTokenAsync(HttpContext context, RequestDelegate next)
            {
                var client = ClientKey(context, settings.ExemptLoopback);
                // Out of permits means less than one whole permit: the token bucket refills by fractions between
                // periods, and a zero-permit probe (AttemptAcquire(key, 0)) succeeds on any fraction, which let a
                // client with an empty bucket through about half the time.
                if (client is not null && authFailures.GetStatistics(client) is { CurrentAvailablePermits: < 1 })
                {
                    using var refused = authFailures.AttemptAcquire(client);
                    if (!refused.IsAcquired)
                    {
                        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                        await OnRejectedAsync(new OnRejectedContext { HttpContext = context, Lease = refused }, context.RequestAborted).ConfigureAwait(false);
                        return;
                    }
                }

                if (client is not null)
                {
                    // Counted as the refusal is sent, before the client can read it and send the next request.
                    context.Response.OnStarting(() =>
                    {
                        if (context.Response.StatusCode is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden)
                        {
                            authFailures.AttemptAcquire(client).Dispose();
                        }

                        return Task.CompletedTask;
                    });
                }

                await PeekConversationAsync(context, maxBody.CurrentValue.MaxRequestBodyBytes).ConfigureAwait(false);
                await next(context).ConfigureAwait(false);
            }
        }

        app.UseRateLimiter();
        return app;
    }

    /// <summary>The client address a request counts against (<see cref="ClientAddress"/>); null when it is exempt.</summary>
    internal static string? ClientKey(HttpContext context, bool exemptLoopback) =>
        exemptLoopback && ClientAddress.IsLocal(context) ? null : ClientAddress.Key(context, out _);

    /// <summary>
    /// The conversation a Direct Line request counts against: only when it carries a valid token of that conversation
    /// (in the Authorization header, or the stream's <c>t</c> query), so that an unchecked header never moves a client
    /// out of its per-address bucket. Null otherwise, or when the client is exempt.
    /// </summary>
    internal static string? DirectLineConversationKey(HttpContext context, bool exemptLoopback) =>
        ClientKey(context, exemptLoopback) is not null
        && context.RequestServices.GetRequiredService<DirectLineTokenIssuer>().VerifiedConversationId(context.Request) is { } conversation
            ? "dl-conversation:" + conversation
            : null;

    internal static string? MessagesKey(HttpContext context, bool exemptLoopback)
    {
        var client = ClientKey(context, exemptLoopback);
        if (client is null)
        {
            return null;
        }

        return context.Items.TryGetValue(ConversationKeyItem, out var conversation) && conversation is string key ? "conversation:" + key : client;
    }

    private static RateLimitPartition<string> Partition(string? key, RateLimitRule rule) => key is null
        ? RateLimitPartition.GetNoLimiter(string.Empty)
        : RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = rule.Burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) / rule.PerMinute,
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    /// <summary>Reads the buffered body's <c>channelId</c> and <c>conversation.id</c>, then rewinds it for the adapter.</summary>
    private static async Task PeekConversationAsync(HttpContext context, int maxBytes)
    {
        var request = context.Request;
        if (request.ContentLength > maxBytes)
        {
            return;
        }

        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: maxBytes);
        byte[] body;
        try
        {
            using var copy = new MemoryStream();
            await request.Body.CopyToAsync(copy, context.RequestAborted).ConfigureAwait(false);
            body = copy.ToArray();
        }
        catch (IOException)
        {
            // Too large or cut off: the adapter answers it; no conversation to count it against.
            return;
        }
        finally
        {
            if (request.Body.CanSeek)
            {
                request.Body.Position = 0;
            }
        }

        if (ConversationKey(body) is { } key)
        {
            context.Items[ConversationKeyItem] = key;
        }
    }

    /// <summary><c>channelId/conversation.id</c> of an activity's JSON, or null when it has none or is not JSON.</summary>
    internal static string? ConversationKey(ReadOnlySpan<byte> json)
    {
        string? channel = null;
        string? conversation = null;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
            string? property = null;
            string? parent = null;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = reader.GetString();
                        break;
                    case JsonTokenType.StartObject when reader.CurrentDepth == 1:
                        parent = property;
                        break;
                    case JsonTokenType.EndObject when reader.CurrentDepth == 1:
                        parent = null;
                        break;
                    case JsonTokenType.String when reader.CurrentDepth == 1 && property == "channelId":
                        channel = reader.GetString();
                        break;
                    case JsonTokenType.String when reader.CurrentDepth == 2 && parent == "conversation" && property == "id":
                        conversation = reader.GetString();
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray when reader.CurrentDepth >= 2:
                        reader.Skip();
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return string.IsNullOrEmpty(conversation) ? null : (channel ?? string.Empty) + "/" + conversation;
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/json; charset=utf-8";
        var endpoint = context.Request.Path.Value ?? string.Empty;
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimits).FullName!);
        LogRejected(logger, endpoint, seconds);
        if (endpoint.StartsWith("/api/messages", StringComparison.OrdinalIgnoreCase))
        {
            await BotFrameworkJson.WriteErrorAsync(context.Response, StatusCodes.Status429TooManyRequests, "TooManyRequests", TooManyRequestsText, cancellationToken).ConfigureAwait(false);
            return;
        }

        await JsonSerializer.SerializeAsync(context.Response.Body, new ProblemMessage(TooManyRequestsText),
            HostJsonContext.Default.ProblemMessage, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rate limit reached on {Endpoint}; asked the client to retry in {RetryAfterSeconds} s")]
    private static partial void LogRejected(ILogger logger, string endpoint, int retryAfterSeconds);
}
