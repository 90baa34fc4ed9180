using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Buffers.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace IvigBot.BotFramework.Authentication;

/// <summary>A token-signing key from a JWKS, with the channels it is endorsed for.</summary>
internal sealed record SigningKey(string KeyId, RSAParameters Parameters, IReadOnlyList<string> Endorsements);

/// <summary>
/// The signing keys published behind one OpenID metadata document (<c>jwks_uri</c>). Keys are cached, refreshed once
/// a day, and refetched early when a token names an unknown <c>kid</c> (at most every five minutes, every 30 seconds
/// while no keys could be loaded). A failed refresh keeps the previous keys.
/// </summary>
internal sealed partial class OpenIdMetadata : IDisposable
{
    internal const string HttpClientName = "IvigBot.BotFramework.OpenId";
    private const int MaxDocumentBytes = 1024 * 1024;
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(24);
    private static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MinimumRetryIntervalWithoutKeys = TimeSpan.FromSeconds(30);

    private readonly Uri _metadataUrl;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private volatile KeySnapshot _snapshot = new([], DateTimeOffset.MinValue);
    private DateTimeOffset _lastAttemptAt = DateTimeOffset.MinValue; // guarded by _refreshLock

    public OpenIdMetadata(Uri metadataUrl, IHttpClientFactory httpClientFactory, TimeProvider timeProvider, ILogger logger)
    {
        _metadataUrl = metadataUrl;
        _httpClientFactory = httpClientFactory;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public Uri MetadataUrl => _metadataUrl;

    /// <summary>The key with this id, refreshing the cache when it is stale or the id is unknown; null when not found.</summary>
    public async Task<SigningKey?> GetSigningKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        var snapshot = _snapshot;
        if (snapshot.Keys.TryGetValue(keyId, out var key) && now - snapshot.LoadedAt < RefreshInterval)
        {
            return key;
        }

        await _refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            now = _timeProvider.GetUtcNow();
            snapshot = _snapshot;
            var stale = now - snapshot.LoadedAt >= RefreshInterval;
            var minimumInterval = snapshot.Keys.Count == 0 ? MinimumRetryIntervalWithoutKeys : MinimumRefreshInterval;
            if ((stale || !snapshot.Keys.ContainsKey(keyId)) && now - _lastAttemptAt >= minimumInterval)
            {
                _lastAttemptAt = now;
                await RefreshAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _refreshLock.Release();
        }

        return _snapshot.Keys.GetValueOrDefault(keyId);
    }

    public void Dispose() => _refreshLock.Dispose();

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            var client = _httpClientFactory.CreateClient(HttpClientName);
            using var metadata = await GetJsonAsync(client, _metadataUrl, cancellationToken).ConfigureAwait(false);
            if (!metadata.RootElement.TryGetProperty("jwks_uri", out var jwksValue)
                || !Uri.TryCreate(jwksValue.GetString(), UriKind.Absolute, out var jwksUri)
                || !ServiceUrlPolicy.IsHttpsOrLoopback(jwksUri))
            {
                LogMetadataInvalid(_logger, _metadataUrl);
                return;
            }

            using var jwks = await GetJsonAsync(client, jwksUri, cancellationToken).ConfigureAwait(false);
            var keys = ParseKeys(jwks.RootElement);
            if (keys.Count == 0)
            {
                LogMetadataInvalid(_logger, _metadataUrl);
                return;
            }

            _snapshot = new KeySnapshot(keys, _timeProvider.GetUtcNow());
            LogKeysLoaded(_logger, keys.Count, _metadataUrl);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException
                                       || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogRefreshFailed(_logger, ex, _metadataUrl);
        }
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient client, Uri uri, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentLength > MaxDocumentBytes)
        {
            throw new InvalidOperationException("The OpenID document is too large.");
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    internal static Dictionary<string, SigningKey> ParseKeys(JsonElement jwks)
    {
        var keys = new Dictionary<string, SigningKey>(StringComparer.Ordinal);
        if (!jwks.TryGetProperty("keys", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return keys;
        }

        foreach (var jwk in array.EnumerateArray())
        {
            if (jwk.ValueKind == JsonValueKind.Object
                && GetString(jwk, "kid") is { } keyId
                && string.Equals(GetString(jwk, "kty"), "RSA", StringComparison.Ordinal)
                && ReadRsaParameters(jwk) is { } parameters)
            {
                keys[keyId] = new SigningKey(keyId, parameters, ReadStrings(jwk, "endorsements"));
            }
        }

        return keys;
    }

    private static RSAParameters? ReadRsaParameters(JsonElement jwk)
    {
        try
        {
            if (GetString(jwk, "n") is { } modulus && GetString(jwk, "e") is { } exponent)
            {
                return new RSAParameters
                {
                    Modulus = Base64Url.DecodeFromChars(modulus),
                    Exponent = Base64Url.DecodeFromChars(exponent),
                };
            }

            if (ReadStrings(jwk, "x5c") is [var certificate, ..])
            {
                using var x509 = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(certificate));
                using var rsa = x509.GetRSAPublicKey();
                return rsa?.ExportParameters(includePrivateParameters: false);
            }
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return null;
        }

        return null;
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string> ReadStrings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
            : [];

    private sealed record KeySnapshot(Dictionary<string, SigningKey> Keys, DateTimeOffset LoadedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {KeyCount} signing keys from {MetadataUrl}")]
    private static partial void LogKeysLoaded(ILogger logger, int keyCount, Uri metadataUrl);

    [LoggerMessage(Level = LogLevel.Error, Message = "OpenID metadata at {MetadataUrl} has no usable jwks_uri or keys")]
    private static partial void LogMetadataInvalid(ILogger logger, Uri metadataUrl);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not refresh signing keys from {MetadataUrl}")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, Uri metadataUrl);
}
