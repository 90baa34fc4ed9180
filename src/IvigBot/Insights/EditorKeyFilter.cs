using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace IvigBot.Insights;

/// <summary>
/// Guards the editor endpoints with <c>Insights:EditorKey</c>: 404 when no key is set (the page is off); 401 with a
/// Basic challenge and an empty body when the request has no key or a wrong one. The key comes as the password of HTTP
/// Basic authentication (the browser asks for it; any user name) or as <c>Authorization: Bearer key</c>, and is
/// compared in constant time (SHA-256 of both, <see cref="CryptographicOperations.FixedTimeEquals"/>).
/// </summary>
public sealed class EditorKeyFilter(IOptions<InsightsOptions> options) : IEndpointFilter
{
    public const string Challenge = "Basic realm=\"IvigBot editor\", charset=\"UTF-8\"";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var key = options.Value.EditorKey;
        var response = context.HttpContext.Response;
        response.Headers.CacheControl = "no-store";
        if (key.Length == 0)
        {
            return TypedResults.NotFound();
        }

        if (!Matches(KeyOf(context.HttpContext.Request.Headers.Authorization.ToString()), key))
        {
            response.Headers.WWWAuthenticate = Challenge;
            return TypedResults.Unauthorized();
        }

        return await next(context).ConfigureAwait(false);
    }

    /// <summary>The key a request carries: Basic's password or Bearer's token; null when neither is there.</summary>
    internal static string? KeyOf(string authorization)
    {
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        Span<byte> decoded = stackalloc byte[512];
        if (!Convert.TryFromBase64String(authorization["Basic ".Length..].Trim(), decoded, out var length))
        {
            return null;
        }

        var credentials = Encoding.UTF8.GetString(decoded[..length]);
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : credentials[(colon + 1)..];
    }

    private static bool Matches(string? given, string key) =>
        given is not null
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
