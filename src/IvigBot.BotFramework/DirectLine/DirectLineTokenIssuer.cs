using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IvigBot.BotFramework.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace IvigBot.BotFramework.DirectLine;

/// <summary>What a valid Direct Line token grants: one conversation, as one user, until <paramref name="ExpiresAt"/>.</summary>
public sealed record DirectLineToken(string ConversationId, string UserId, DateTimeOffset ExpiresAt);

/// <summary>
/// Issues and checks Direct Line tokens: compact JWTs signed with HMAC-SHA256 under a key derived from
/// <see cref="DirectLineOptions.Secret"/>, with the claims <c>conv</c> (the conversation), <c>user</c> (the user id,
/// which Web Chat reads from the token) and <c>exp</c>. A token only opens its own conversation.
/// </summary>
public sealed class DirectLineTokenIssuer
{
    /// <summary>The <c>iss</c> claim of every token.</summary>
    public const string Issuer = "ivigbot-directline";

    private static readonly byte[] Header = Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}""");

    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _lifetime;
    private readonly byte[] _secret;
    private readonly byte[] _signingKey;

    public DirectLineTokenIssuer(IOptions<DirectLineOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        var settings = options.Value;
        _lifetime = settings.TokenLifetime;
        _secret = Encoding.UTF8.GetBytes(settings.EffectiveSecret);

        // A separate key, so a token never reveals anything about the secret itself.
        _signingKey = HMACSHA256.HashData(_secret, "IvigBot Direct Line token signing key"u8);
    }

    /// <summary>The token lifetime in whole seconds, as <c>expires_in</c>.</summary>
    public int ExpiresInSeconds => (int)_lifetime.TotalSeconds;

    /// <summary>A new, unguessable conversation id (URL-safe, no <c>|</c>).</summary>
    public static string NewConversationId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));

    /// <summary>A new user id; the <c>dl_</c> prefix tells Web Chat that it comes from a token and cannot be forged.</summary>
    public static string NewUserId() => "dl_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));

    /// <summary>True when <paramref name="credential"/> is the configured secret (compared in constant time).</summary>
    public bool IsSecret(string? credential) =>
        credential is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(credential), _secret);

    /// <summary>A token for <paramref name="conversationId"/> and <paramref name="userId"/>, valid from now.</summary>
    public string Issue(string conversationId, string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var now = _timeProvider.GetUtcNow();
        using var payload = new MemoryStream();
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writer.WriteString("iss", Issuer);
            writer.WriteString("conv", conversationId);
            writer.WriteString("user", userId);
            writer.WriteNumber("iat", now.ToUnixTimeSeconds());
            writer.WriteNumber("exp", (now + _lifetime).ToUnixTimeSeconds());
            writer.WriteString("jti", Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(9)));
            writer.WriteEndObject();
        }

        var signed = Base64Url.EncodeToString(Header) + "." + Base64Url.EncodeToString(payload.ToArray());
        var signature = HMACSHA256.HashData(_signingKey, Encoding.ASCII.GetBytes(signed));
        return signed + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>
    /// The conversation that <paramref name="request"/>'s token (<c>Authorization: Bearer</c>, or the stream's <c>t</c>
    /// query) is valid for, when the request's route names no other conversation; null otherwise (no token, an invalid
    /// one, the secret, or a token of another conversation).
    /// </summary>
    public string? VerifiedConversationId(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var credential = DirectLineRequest.BearerCredential(request)
            ?? (request.Query.TryGetValue("t", out var query) ? query.ToString() : null);
        if (!TryValidate(credential, out var token, out _))
        {
            return null;
        }

        return !request.RouteValues.TryGetValue("conversationId", out var route)
            || string.Equals(route as string, token.ConversationId, StringComparison.Ordinal)
            ? token.ConversationId
            : null;
    }

    /// <summary>Checks the signature, issuer and expiry of <paramref name="token"/>; expired and forged tokens alike fail.</summary>
    public bool TryValidate(string? token, [NotNullWhen(true)] out DirectLineToken? result, out string? failure)
    {
        result = null;
        if (string.IsNullOrEmpty(token) || !JsonWebToken.TryParse(token, out var jwt))
        {
            failure = "The token is missing or malformed.";
            return false;
        }

        var expected = HMACSHA256.HashData(_signingKey, jwt.SignedBytes);
        if (!string.Equals(jwt.Algorithm, "HS256", StringComparison.Ordinal)
            || !CryptographicOperations.FixedTimeEquals(expected, jwt.Signature)
            || !string.Equals(jwt.Issuer, Issuer, StringComparison.Ordinal))
        {
            failure = "The token is not valid for this service.";
            return false;
        }

        var conversationId = jwt.GetString("conv");
        var userId = jwt.GetString("user");
        var expiresAt = jwt.GetNumericDate("exp");
        if (string.IsNullOrEmpty(conversationId) || string.IsNullOrEmpty(userId) || expiresAt is null)
        {
            failure = "The token is not valid for this service.";
            return false;
        }

        if (expiresAt <= _timeProvider.GetUtcNow())
        {
            failure = "The token has expired.";
            return false;
        }

        failure = null;
        result = new DirectLineToken(conversationId, userId, expiresAt.Value);
        return true;
    }
}
