using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace IvigBot.BotFramework.DirectLine;

/// <summary>A compact JWS (<c>header.payload.signature</c>) split and decoded, not yet validated.</summary>
internal sealed class JsonWebToken
{
    private readonly JsonElement _payload;

    private JsonWebToken(string algorithm, string? keyId, JsonElement payload, byte[] signedBytes, byte[] signature)
    {
        Algorithm = algorithm;
        KeyId = keyId;
        _payload = payload;
        SignedBytes = signedBytes;
        Signature = signature;
    }

    public string Algorithm { get; }

    public string? KeyId { get; }

    /// <summary>The ASCII bytes of <c>header.payload</c>, which the signature covers.</summary>
    public byte[] SignedBytes { get; }

    public byte[] Signature { get; }

    public string? Issuer => GetString("iss");

    public static bool TryParse(string token, [NotNullWhen(true)] out JsonWebToken? result)
    {
        result = null;
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[2].Length == 0)
        {
            return false;
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            if (header.RootElement.ValueKind != JsonValueKind.Object
                || payload.RootElement.ValueKind != JsonValueKind.Object
                || !header.RootElement.TryGetProperty("alg", out var alg)
                || alg.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            var keyId = header.RootElement.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String
                ? kid.GetString()
                : null;
            result = new JsonWebToken(
                alg.GetString()!,
                keyId,
                payload.RootElement.Clone(),
                Encoding.ASCII.GetBytes(string.Concat(parts[0], ".", parts[1])),
                Base64Url.DecodeFromChars(parts[2]));
            return true;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return false;
        }
    }

    public string? GetString(string claim) =>
        _payload.TryGetProperty(claim, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The <c>aud</c> claim, which may be a string or an array of strings.</summary>
    public IReadOnlyList<string> GetAudiences()
    {
        if (!_payload.TryGetProperty("aud", out var aud))
        {
            return [];
        }

        return aud.ValueKind switch
        {
            JsonValueKind.String => [aud.GetString()!],
            JsonValueKind.Array => aud.EnumerateArray()
                .Where(a => a.ValueKind == JsonValueKind.String)
                .Select(a => a.GetString()!)
                .ToList(),
            _ => [],
        };
    }

    /// <summary>A NumericDate claim (<c>exp</c>, <c>nbf</c>) as a UTC instant; null when absent or not a number.</summary>
    public DateTimeOffset? GetNumericDate(string claim)
    {
        if (!_payload.TryGetProperty(claim, out var value) || value.ValueKind != JsonValueKind.Number)
        {
            return null;
        }

        var seconds = value.TryGetInt64(out var whole) ? whole : (long)Math.Floor(value.GetDouble());
        return seconds is < -62135596800 or > 253402300799 ? null : DateTimeOffset.FromUnixTimeSeconds(seconds);
    }
}
