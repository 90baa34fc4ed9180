using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace IvigBot.BotFramework.Authentication;

/// <summary>
/// Gets the bot's outbound token with MSAL: client credentials against <c>botframework.com</c> (MultiTenant) or the
/// configured tenant (SingleTenant), or the user-assigned managed identity (UserAssignedMSI). MSAL's in-memory cache
/// returns the same token until shortly before it expires. Returns null when no app id is configured.
/// </summary>
public sealed class MsalAccessTokenProvider : IAccessTokenProvider
{
    private const string BotFrameworkResource = "https://api.botframework.com";

    private readonly BotFrameworkOptions _options;
    private readonly Lazy<IConfidentialClientApplication> _confidentialClient;
    private readonly Lazy<IManagedIdentityApplication> _managedIdentity;

    public MsalAccessTokenProvider(IOptions<BotFrameworkOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _confidentialClient = new Lazy<IConfidentialClientApplication>(CreateConfidentialClient);
        _managedIdentity = new Lazy<IManagedIdentityApplication>(CreateManagedIdentity);
    }

    public async Task<string?> GetAccessTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        if (_options.IsAnonymous)
        {
            return null;
        }

        var result = _options.AppType == BotAppType.UserAssignedMSI
            ? await _managedIdentity.Value
                .AcquireTokenForManagedIdentity(BotFrameworkResource)
                .WithForceRefresh(forceRefresh)
                .ExecuteAsync(cancellationToken)
                .ConfigureAwait(false)
            : await _confidentialClient.Value
                .AcquireTokenForClient([AuthenticationConstants.ToChannelFromBotOAuthScope])
                .WithForceRefresh(forceRefresh)
                .ExecuteAsync(cancellationToken)
                .ConfigureAwait(false);
        return result.AccessToken;
    }

    private IConfidentialClientApplication CreateConfidentialClient()
    {
        var authority = _options.AppType == BotAppType.SingleTenant
            ? AuthenticationConstants.AuthorityHost + _options.MicrosoftAppTenantId
            : AuthenticationConstants.MultiTenantAuthority;
        return ConfidentialClientApplicationBuilder
            .Create(_options.MicrosoftAppId)
            .WithClientSecret(_options.MicrosoftAppPassword)
            .WithAuthority(authority)
            .Build();
    }

    private IManagedIdentityApplication CreateManagedIdentity() =>
        ManagedIdentityApplicationBuilder
            .Create(ManagedIdentityId.WithUserAssignedClientId(_options.MicrosoftAppId))
            .Build();
}
