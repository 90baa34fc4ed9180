using IvigBot.BotFramework.Authentication;
using IvigBot.BotFramework.Connector;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IvigBot.BotFramework.Integration;

/// <summary>Registers the Bot Framework protocol layer.</summary>
public static class BotFrameworkServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="BotFrameworkOptions"/> from the flat <c>MicrosoftApp*</c> keys (and <c>AllowedServiceUrls</c>,
    /// <c>OpenIdMetadataUrl</c>, ...) at the root of <paramref name="configuration"/>, validated on start, and registers
    /// <see cref="CloudAdapter"/> as <see cref="IBotFrameworkHttpAdapter"/>, the connector client, authentication and
    /// the MSAL token provider. The host registers its own <see cref="Builder.IBot"/>.
    /// </summary>
    public static IServiceCollection AddBotFramework(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<BotFrameworkOptions>().Bind(configuration).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotFrameworkOptions>, BotFrameworkOptionsValidator>());
        services.AddOptions<ConnectorClientOptions>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(ConnectorClient.HttpClientName);
        services.AddHttpClient(OpenIdMetadata.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));

        services.TryAddSingleton<ServiceUrlPolicy>();
        services.TryAddSingleton<IBotFrameworkAuthentication, BotFrameworkAuthentication>();
        services.TryAddSingleton<IAccessTokenProvider, MsalAccessTokenProvider>();
        services.TryAddSingleton<IConnectorClient, ConnectorClient>();
        services.TryAddSingleton<CloudAdapter>();
        services.TryAddSingleton<IBotFrameworkHttpAdapter>(sp => sp.GetRequiredService<CloudAdapter>());
        return services;
    }
}
