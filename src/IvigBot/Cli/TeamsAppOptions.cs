using System.Diagnostics.CodeAnalysis;

namespace IvigBot.Cli;

/// <summary>
/// The <c>Teams:App</c> settings: what the Teams app package (<c>teams-package</c>) says about the app and its
/// publisher. The defaults are placeholders (an <c>example.org</c> address, "(placeholder)" in the name): the package
/// works for sideloading with them, but <c>teams-package</c> warns until they are replaced with the clinic's own.
/// </summary>
public sealed class TeamsAppOptions
{
    public const string Section = "Teams:App";

    public const string PlaceholderDeveloperName = "Your clinic (placeholder)";
    public const string PlaceholderWebsiteUrl = "https://example.org/replace-with-your-website";
    public const string PlaceholderPrivacyUrl = "https://example.org/replace-with-your-privacy-policy";
    public const string PlaceholderTermsOfUseUrl = "https://example.org/replace-with-your-terms-of-use";

    /// <summary>Publisher shown in Teams, at most 32 characters. Default: a placeholder.</summary>
    public string DeveloperName { get; set; } = PlaceholderDeveloperName;

    /// <summary>The publisher's website (https). Default: a placeholder.</summary>
    public string WebsiteUrl { get; set; } = PlaceholderWebsiteUrl;

    /// <summary>The privacy statement (https). Default: a placeholder.</summary>
    public string PrivacyUrl { get; set; } = PlaceholderPrivacyUrl;

    /// <summary>The terms of use (https). Default: a placeholder.</summary>
    public string TermsOfUseUrl { get; set; } = PlaceholderTermsOfUseUrl;

    /// <summary>The app's name in Teams, at most 30 characters. Default <c>IvigBot</c>.</summary>
    public string ShortName { get; set; } = "IvigBot";

    /// <summary>The app version; raise it for every new package of the same app. Default <c>1.0.0</c>.</summary>
    public string Version { get; set; } = "1.0.0";

    /// <summary>Colour behind the colour icon, <c>#RRGGBB</c>. Default <c>#2B6CB0</c>.</summary>
    public string AccentColor { get; set; } = "#2B6CB0";

    /// <summary>Host names the app loads content from; a bot alone needs none. Default: empty.</summary>
    [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Bound from configuration.")]
    public IList<string> ValidDomains { get; set; } = [];

    /// <summary>The settings still holding their placeholder value, by key.</summary>
    public IEnumerable<string> Placeholders()
    {
        if (DeveloperName == PlaceholderDeveloperName)
        {
            yield return $"{Section}:{nameof(DeveloperName)}";
        }

        if (WebsiteUrl == PlaceholderWebsiteUrl)
        {
            yield return $"{Section}:{nameof(WebsiteUrl)}";
        }

        if (PrivacyUrl == PlaceholderPrivacyUrl)
        {
            yield return $"{Section}:{nameof(PrivacyUrl)}";
        }

        if (TermsOfUseUrl == PlaceholderTermsOfUseUrl)
        {
            yield return $"{Section}:{nameof(TermsOfUseUrl)}";
        }
    }

    /// <summary>The problems Teams would reject the package for; none when the settings are valid.</summary>
    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(DeveloperName) || DeveloperName.Length > 32)
        {
            yield return $"{Section}:{nameof(DeveloperName)} must be 1 to 32 characters.";
        }

        if (string.IsNullOrWhiteSpace(ShortName) || ShortName.Length > 30)
        {
            yield return $"{Section}:{nameof(ShortName)} must be 1 to 30 characters.";
        }

        foreach (var (key, url) in new[] { (nameof(WebsiteUrl), WebsiteUrl), (nameof(PrivacyUrl), PrivacyUrl), (nameof(TermsOfUseUrl), TermsOfUseUrl) })
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            {
                yield return $"{Section}:{key} must be an https address.";
            }
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(Version ?? string.Empty, @"^\d{1,5}\.\d{1,5}\.\d{1,5}$"))
        {
            yield return $"{Section}:{nameof(Version)} must look like 1.0.0.";
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(AccentColor ?? string.Empty, "^#[0-9A-Fa-f]{6}$"))
        {
            yield return $"{Section}:{nameof(AccentColor)} must look like #2B6CB0.";
        }

        foreach (var domain in ValidDomains)
        {
            if (string.IsNullOrWhiteSpace(domain) || domain.Contains("://", StringComparison.Ordinal) || domain.Contains('/', StringComparison.Ordinal))
            {
                yield return $"{Section}:{nameof(ValidDomains)} entry '{domain}' must be a host name such as bot.example.org.";
            }
        }
    }
}
