namespace IvigBot.BotFramework.Authentication;

/// <summary>
/// Bot Framework settings, bound from the flat configuration keys the SDK uses (<c>MicrosoftAppType</c>,
/// <c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>, <c>MicrosoftAppTenantId</c>) plus this library's own. The SDK's
/// <c>ConfigurationBotFrameworkAuthentication</c> reads the same keys (and its own, such as
/// <c>ToBotFromChannelOpenIdMetadataUrl</c>); these are checked here at start-up, which the SDK does not do.
/// Leaving <see cref="MicrosoftAppId"/> empty runs the bot anonymously (local development with the Emulator or a
/// self-hosted Direct Line).
/// </summary>
public sealed class BotFrameworkOptions
{
    /// <summary><c>MultiTenant</c> (default, also when unrecognised), <c>SingleTenant</c> or <c>UserAssignedMSI</c>.</summary>
    public string? MicrosoftAppType { get; set; }

    /// <summary>The Entra app (client) id. Empty: anonymous mode, no inbound or outbound tokens.</summary>
    public string? MicrosoftAppId { get; set; }

    /// <summary>Client secret. Required for MultiTenant and SingleTenant; must be empty for UserAssignedMSI.</summary>
    public string? MicrosoftAppPassword { get; set; }

    /// <summary>Tenant id. Required for SingleTenant and UserAssignedMSI; selects the token authority.</summary>
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>
    /// Service URLs (base URLs, e.g. a tunnel or a self-hosted Direct Line) the bot may reply to when the request
    /// did not carry a channel token binding the URL: anonymous requests and Emulator tokens. Loopback URLs are
    /// always allowed. Default: empty.
    /// </summary>
    public IList<string> AllowedServiceUrls { get; } = [];

    /// <summary>Largest accepted <c>/api/messages</c> body, in bytes; larger requests get 413. Default: 262,144 (256 KiB).</summary>
    public int MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// How many Connector clients <c>FastCloudAdapter</c> keeps, one per (app id, serviceUrl, audience); past that, and
    /// with 0, a turn builds its own through the SDK's per-turn path, as the SDK's <c>CloudAdapter</c> does. Default: 256.
    /// </summary>
    public int MaxCachedConnectors { get; set; } = 256;

    /// <summary>True when no app id is configured.</summary>
    public bool IsAnonymous => string.IsNullOrWhiteSpace(MicrosoftAppId);

    /// <summary><see cref="MicrosoftAppType"/> parsed case-insensitively; MultiTenant when absent or unknown.</summary>
    public BotAppType AppType =>
        Enum.TryParse<BotAppType>(MicrosoftAppType, ignoreCase: true, out var type) && Enum.IsDefined(type)
            ? type
            : BotAppType.MultiTenant;
}

/// <summary>How the bot's Entra app is registered.</summary>
public enum BotAppType
{
    MultiTenant,
    SingleTenant,
    UserAssignedMSI,
}
