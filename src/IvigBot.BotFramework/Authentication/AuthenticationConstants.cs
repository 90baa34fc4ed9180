namespace IvigBot.BotFramework.Authentication;

/// <summary>Public Azure Bot Service constants (protocol doc section 3). Other clouds are not covered.</summary>
public static class AuthenticationConstants
{
    /// <summary>OpenID metadata for tokens that channels (Teams, Direct Line, Web Chat) send to bots.</summary>
    public const string ToBotFromChannelOpenIdMetadataUrl =
        "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>OpenID metadata for Entra-issued tokens, which the Bot Framework Emulator sends.</summary>
    public const string ToBotFromEmulatorOpenIdMetadataUrl =
        "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    /// <summary>The <c>iss</c> of channel tokens.</summary>
    public const string ToBotFromChannelTokenIssuer = "https://api.botframework.com";

    /// <summary>Scope of the token a bot presents to the Connector API.</summary>
    public const string ToChannelFromBotOAuthScope = "https://api.botframework.com/.default";

    /// <summary>Authority for multi-tenant bots' outbound tokens.</summary>
    public const string MultiTenantAuthority = "https://login.microsoftonline.com/botframework.com";

    /// <summary>Authority prefix for single-tenant bots: the tenant id is appended.</summary>
    public const string AuthorityHost = "https://login.microsoftonline.com/";

    /// <summary>Issuers of Emulator tokens (v1 and v2 forms of the two Bot Framework tenants).</summary>
    public static IReadOnlyList<string> EmulatorTokenIssuers { get; } =
    [
        "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
        "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
        "https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
        "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
    ];

    /// <summary>Allowed clock difference when checking <c>nbf</c>/<c>exp</c>.</summary>
    public static TimeSpan ClockSkew { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Signature algorithms Bot Framework tokens use.</summary>
    public static IReadOnlyList<string> AllowedSigningAlgorithms { get; } = ["RS256", "RS384", "RS512"];

    /// <summary>Caller id given to activities from Azure Bot Service channels.</summary>
    public const string AzureBotServiceCallerId = "urn:botframework:azure";

    /// <summary>The v1 tenant issuer for a tenant id.</summary>
    public static string TenantIssuerV1(string tenantId) => $"https://sts.windows.net/{tenantId}/";

    /// <summary>The v2 tenant issuer for a tenant id.</summary>
    public static string TenantIssuerV2(string tenantId) => $"https://login.microsoftonline.com/{tenantId}/v2.0";
}
