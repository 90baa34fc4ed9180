using Microsoft.Extensions.Options;

namespace IvigBot.BotFramework.Authentication;

/// <summary>
/// Decides whether the bot may post to a <c>serviceUrl</c> that no channel token vouched for (anonymous requests and
/// Emulator tokens): loopback URLs and <see cref="BotFrameworkOptions.AllowedServiceUrls"/> only, so an anonymous
/// caller cannot make the bot send requests to arbitrary hosts.
/// </summary>
public sealed class ServiceUrlPolicy
{
    private readonly IOptionsMonitor<BotFrameworkOptions> _options;

    public ServiceUrlPolicy(IOptionsMonitor<BotFrameworkOptions> options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    public bool IsAllowed(string? serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }

        return uri.IsLoopback || IsListed(uri);
    }

    /// <summary>
    /// True when the bot runs anonymously and <paramref name="uri"/> is not under an <c>AllowedServiceUrls</c> entry: a
    /// URL the caller chose that no channel token and no administrator vouched for. The connector gives such a URL one
    /// short attempt and no retries.
    /// </summary>
    public bool IsUnverified(Uri? uri) => _options.CurrentValue.IsAnonymous && (uri is null || !IsListed(uri));

    private bool IsListed(Uri uri) => _options.CurrentValue.AllowedServiceUrls.Any(allowed => IsUnder(uri, allowed));

    private static bool IsUnder(Uri uri, string allowed)
    {
        if (!Uri.TryCreate(allowed, UriKind.Absolute, out var baseUri))
        {
            return false;
        }

        var basePath = baseUri.AbsolutePath.TrimEnd('/') + "/";
        var path = uri.AbsolutePath.TrimEnd('/') + "/";
        return string.Equals(uri.Scheme, baseUri.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.IdnHost, baseUri.IdnHost, StringComparison.OrdinalIgnoreCase)
            && uri.Port == baseUri.Port
            && path.StartsWith(basePath, StringComparison.OrdinalIgnoreCase);
    }
}
