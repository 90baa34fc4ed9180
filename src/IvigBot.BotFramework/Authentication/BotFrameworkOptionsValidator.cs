using Microsoft.Extensions.Options;

namespace IvigBot.BotFramework.Authentication;

/// <summary>Checks <see cref="BotFrameworkOptions"/> at start-up so a misconfigured bot fails fast, not on first message.</summary>
public sealed class BotFrameworkOptionsValidator : IValidateOptions<BotFrameworkOptions>
{
    public ValidateOptionsResult Validate(string? name, BotFrameworkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (!options.IsAnonymous)
        {
            var hasPassword = !string.IsNullOrWhiteSpace(options.MicrosoftAppPassword);
            var hasTenant = !string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId);
            switch (options.AppType)
            {
                case BotAppType.MultiTenant when !hasPassword:
                    failures.Add("MicrosoftAppPassword is required when MicrosoftAppId is set (MultiTenant).");
                    break;
                case BotAppType.SingleTenant when !hasPassword || !hasTenant:
                    failures.Add("SingleTenant needs MicrosoftAppPassword and MicrosoftAppTenantId.");
                    break;
                case BotAppType.UserAssignedMSI when hasPassword || !hasTenant:
                    failures.Add("UserAssignedMSI needs MicrosoftAppTenantId and an empty MicrosoftAppPassword.");
                    break;
            }
        }

        foreach (var url in options.AllowedServiceUrls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add($"AllowedServiceUrls entry '{url}' is not an absolute http(s) URL.");
            }
        }

        if (options.MaxRequestBodyBytes <= 0)
        {
            failures.Add("MaxRequestBodyBytes must be positive.");
        }

        if (options.MaxCachedConnectors < 0)
        {
            failures.Add("MaxCachedConnectors must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
