using Microsoft.Extensions.Options;

namespace IvigBot.BotFramework.DirectLine;

/// <summary>Checks <see cref="DirectLineOptions"/> at start-up, naming the setting that is wrong.</summary>
public sealed class DirectLineOptionsValidator : IValidateOptions<DirectLineOptions>
{
    public ValidateOptionsResult Validate(string? name, DirectLineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (!options.UsesDevelopmentSecret && options.Secret!.Trim().Length < DirectLineOptions.MinimumSecretLength)
        {
            failures.Add($"DirectLine:Secret must be at least {DirectLineOptions.MinimumSecretLength} characters (e.g. the output of 'openssl rand -base64 32').");
        }

        if (options.TokenLifetime < TimeSpan.FromMinutes(2) || options.TokenLifetime > TimeSpan.FromDays(1))
        {
            failures.Add("DirectLine:TokenLifetime must be between 00:02:00 and 1.00:00:00.");
        }

        if (options.MaxConversations is < 1 or > 1_000_000)
        {
            failures.Add("DirectLine:MaxConversations must be between 1 and 1000000.");
        }

        if (options.MaxConversationsPerClient < 0)
        {
            failures.Add("DirectLine:MaxConversationsPerClient must be 0 (no cap) or more.");
        }

        if (options.ConversationIdleTimeout < TimeSpan.FromMinutes(1))
        {
            failures.Add("DirectLine:ConversationIdleTimeout must be at least 00:01:00.");
        }

        if (options.MaxActivitiesPerConversation is < 10 or > 100_000)
        {
            failures.Add("DirectLine:MaxActivitiesPerConversation must be between 10 and 100000.");
        }

        if (options.MaxActivityBytes is < 1024 or > 4 * 1024 * 1024)
        {
            failures.Add("DirectLine:MaxActivityBytes must be between 1024 and 4194304.");
        }

        if (options.KeepAliveInterval < TimeSpan.FromSeconds(1) || options.KeepAliveInterval > TimeSpan.FromMinutes(5))
        {
            failures.Add("DirectLine:KeepAliveInterval must be between 00:00:01 and 00:05:00.");
        }

        foreach (var origin in options.AllowedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                || uri.AbsolutePath != "/")
            {
                failures.Add($"DirectLine:AllowedOrigins entry '{origin}' is not an origin like https://www.example-clinic.org.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
