using System.Security.Cryptography;
using IvigBot.BotFramework.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvigBot.BotFramework.Authentication;

/// <summary>
/// Validates inbound tokens with the BCL (RS256/384/512 against the JWKS of the configured OpenID metadata):
/// <list type="bullet">
/// <item>No app id configured: requests without <c>Authorization</c> are accepted anonymously; any token is refused
/// (the SDK would fail to validate it too).</item>
/// <item>Channel tokens: issuer <c>https://api.botframework.com</c>, audience = app id, signing key endorsed for the
/// activity's channel, <c>serviceurl</c> claim = activity <c>serviceUrl</c>.</item>
/// <item>Emulator tokens (Emulator issuers, or the configured tenant's): <c>appid</c> (v1) / <c>azp</c> (v2) = app id.</item>
/// <item>Lifetime is checked with five minutes of clock skew.</item>
/// </list>
/// When no channel token vouched for the <c>serviceUrl</c> (anonymous, Emulator), replies may only go to a URL the
/// <see cref="ServiceUrlPolicy"/> allows, unless the caller asked for replies in the response (expectReplies).
/// </summary>
public sealed partial class BotFrameworkAuthentication : IBotFrameworkAuthentication, IDisposable
{
    private const string BearerPrefix = "Bearer ";

    private readonly IOptionsMonitor<BotFrameworkOptions> _options;
    private readonly ServiceUrlPolicy _serviceUrlPolicy;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<BotFrameworkAuthentication> _logger;
    private readonly OpenIdMetadata _channelMetadata;
    private readonly OpenIdMetadata _emulatorMetadata;

    public BotFrameworkAuthentication(
        IOptionsMonitor<BotFrameworkOptions> options,
        ServiceUrlPolicy serviceUrlPolicy,
        IHttpClientFactory httpClientFactory,
        TimeProvider timeProvider,
        ILogger<BotFrameworkAuthentication> logger)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _serviceUrlPolicy = serviceUrlPolicy ?? throw new ArgumentNullException(nameof(serviceUrlPolicy));
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));

        var current = options.CurrentValue;
        _channelMetadata = new OpenIdMetadata(current.OpenIdMetadataUrl, httpClientFactory, timeProvider, logger);
        _emulatorMetadata = new OpenIdMetadata(current.EmulatorOpenIdMetadataUrl, httpClientFactory, timeProvider, logger);
    }

    public async Task<AuthenticateRequestResult> AuthenticateRequestAsync(
        Activity activity,
        string? authorizationHeader,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var options = _options.CurrentValue;

        if (string.IsNullOrWhiteSpace(authorizationHeader))
        {
            if (!options.IsAnonymous)
            {
                return AuthenticateRequestResult.Unauthorized("no Authorization header while an app id is configured");
            }

            return CheckUntrustedServiceUrl(activity, CallerKind.Anonymous, callerId: null);
        }

        if (options.IsAnonymous)
        {
            return AuthenticateRequestResult.Unauthorized("Authorization header sent to a bot without an app id");
        }

        if (!authorizationHeader.StartsWith(BearerPrefix, StringComparison.Ordinal)
            || !JsonWebToken.TryParse(authorizationHeader[BearerPrefix.Length..].Trim(), out var token))
        {
            return AuthenticateRequestResult.Unauthorized("Authorization header is not a Bearer JWT");
        }

        var appId = options.MicrosoftAppId!;
        return IsEmulatorIssuer(token, options)
            ? await ValidateEmulatorTokenAsync(token, activity, appId, cancellationToken).ConfigureAwait(false)
            : await ValidateChannelTokenAsync(token, activity, appId, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _channelMetadata.Dispose();
        _emulatorMetadata.Dispose();
    }

    private async Task<AuthenticateRequestResult> ValidateChannelTokenAsync(
        JsonWebToken token,
        Activity activity,
        string appId,
        CancellationToken cancellationToken)
    {
        if (!string.Equals(token.Issuer, AuthenticationConstants.ToBotFromChannelTokenIssuer, StringComparison.Ordinal))
        {
            return AuthenticateRequestResult.Unauthorized("issuer is not trusted");
        }

        if (!token.GetAudiences().Contains(appId, StringComparer.Ordinal))
        {
            return AuthenticateRequestResult.Unauthorized("audience is not this bot's app id");
        }

        var (key, failure) = await VerifySignatureAndLifetimeAsync(token, _channelMetadata, cancellationToken)
            .ConfigureAwait(false);
        if (key is null)
        {
            return AuthenticateRequestResult.Unauthorized(failure!);
        }

        if (string.IsNullOrEmpty(activity.ChannelId) || !key.Endorsements.Contains(activity.ChannelId, StringComparer.Ordinal))
        {
            return AuthenticateRequestResult.Unauthorized("signing key is not endorsed for the activity's channel");
        }

        var serviceUrlClaim = token.GetString("serviceurl");
        if (string.IsNullOrEmpty(serviceUrlClaim)
            || !string.Equals(serviceUrlClaim, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateRequestResult.Unauthorized("serviceurl claim does not match the activity's serviceUrl");
        }

        return AuthenticateRequestResult.Authorized(CallerKind.Channel, AuthenticationConstants.AzureBotServiceCallerId);
    }

    private async Task<AuthenticateRequestResult> ValidateEmulatorTokenAsync(
        JsonWebToken token,
        Activity activity,
        string appId,
        CancellationToken cancellationToken)
    {
        var (key, failure) = await VerifySignatureAndLifetimeAsync(token, _emulatorMetadata, cancellationToken)
            .ConfigureAwait(false);
        if (key is null)
        {
            return AuthenticateRequestResult.Unauthorized(failure!);
        }

        var version = token.GetString("ver");
        var callerAppId = version switch
        {
            null => null,
            "" or "1.0" => token.GetString("appid"),
            "2.0" => token.GetString("azp"),
            _ => null,
        };
        if (!string.Equals(callerAppId, appId, StringComparison.Ordinal))
        {
            return AuthenticateRequestResult.Unauthorized("Emulator token's appid/azp is not this bot's app id");
        }

        return CheckUntrustedServiceUrl(activity, CallerKind.Emulator, callerId: null);
    }

    private async Task<(SigningKey? Key, string? Failure)> VerifySignatureAndLifetimeAsync(
        JsonWebToken token,
        OpenIdMetadata metadata,
        CancellationToken cancellationToken)
    {
        var hash = token.Algorithm switch
        {
            "RS256" => HashAlgorithmName.SHA256,
            "RS384" => HashAlgorithmName.SHA384,
            "RS512" => HashAlgorithmName.SHA512,
            _ => default,
        };
        if (hash == default)
        {
            return (null, "signing algorithm is not allowed");
        }

        if (token.KeyId is null)
        {
            return (null, "token has no kid");
        }

        var key = await metadata.GetSigningKeyAsync(token.KeyId, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            return (null, "signing key not found in the OpenID metadata");
        }

        using (var rsa = RSA.Create(key.Parameters))
        {
            if (!rsa.VerifyData(token.SignedBytes, token.Signature, hash, RSASignaturePadding.Pkcs1))
            {
                return (null, "signature is invalid");
            }
        }

        var now = _timeProvider.GetUtcNow();
        var skew = AuthenticationConstants.ClockSkew;
        if (token.GetNumericDate("exp") is not { } expires || now > expires + skew)
        {
            return (null, "token is expired or has no exp");
        }

        if (token.GetNumericDate("nbf") is { } notBefore && now < notBefore - skew)
        {
            return (null, "token is not valid yet");
        }

        return (key, null);
    }

    private AuthenticateRequestResult CheckUntrustedServiceUrl(Activity activity, CallerKind caller, string? callerId)
    {
        if (!activity.ExpectsReplies && !_serviceUrlPolicy.IsAllowed(activity.ServiceUrl))
        {
            LogServiceUrlRefused(_logger, caller, activity.ChannelId);
            return AuthenticateRequestResult.ServiceUrlNotAllowed(caller);
        }

        return AuthenticateRequestResult.Authorized(caller, callerId);
    }

    private static bool IsEmulatorIssuer(JsonWebToken token, BotFrameworkOptions options)
    {
        var issuer = token.Issuer;
        if (issuer is null)
        {
            return false;
        }

        if (AuthenticationConstants.EmulatorTokenIssuers.Contains(issuer, StringComparer.Ordinal))
        {
            return true;
        }

        // Single-tenant bots: the Emulator gets its token from the bot's own tenant.
        var tenantId = options.MicrosoftAppTenantId;
        return !string.IsNullOrWhiteSpace(tenantId)
            && string.Equals(token.GetString("tid"), tenantId, StringComparison.OrdinalIgnoreCase)
            && (string.Equals(issuer, AuthenticationConstants.TenantIssuerV1(tenantId), StringComparison.OrdinalIgnoreCase)
                || string.Equals(issuer, AuthenticationConstants.TenantIssuerV2(tenantId), StringComparison.OrdinalIgnoreCase));
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Refused {Caller} activity from channel {ChannelId}: its serviceUrl is not loopback or in AllowedServiceUrls")]
    private static partial void LogServiceUrlRefused(ILogger logger, CallerKind caller, string? channelId);
}
