using IvigBot.BotFramework.Authentication;
using IvigBot.BotFramework.Connector;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IvigBot.BotFramework.Integration;

/// <summary>Registers the Bot Framework SDK's authentication and our adapter on its seams.</summary>
public static class BotFrameworkServiceCollectionExtensions
{
    /// <summary>The named <see cref="HttpClient"/> the SDK uses for the Connector API, tokens and OpenID metadata.</summary>
    public const string HttpClientName = "BotFramework";

    /// <summary>
    /// Registers <see cref="ConfigurationBotFrameworkAuthentication"/> over the flat <c>MicrosoftApp*</c> keys at the root
    /// of <paramref name="configuration"/> (and the SDK's other keys, e.g. <c>ToBotFromChannelOpenIdMetadataUrl</c>),
    /// <see cref="BotFrameworkOptions"/> validated on start, and <typeparamref name="TAdapter"/> (a
    /// <see cref="FastCloudAdapter"/>, usually the host's with its <c>OnTurnError</c>) as the SDK's
    /// <see cref="IBotFrameworkHttpAdapter"/>. The SDK's HTTP client retries 408/429/5xx, timeouts and dropped
    /// connections with backoff and <c>Retry-After</c> (<see cref="ConnectorClientOptions"/>, the <c>Connector</c>
    /// section). The host registers its own <see cref="Microsoft.Bot.Builder.IBot"/>.
    /// </summary>
    public static IServiceCollection AddBotFramework<TAdapter>(this IServiceCollection services, IConfiguration configuration)
        where TAdapter : FastCloudAdapter
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<BotFrameworkOptions>().Bind(configuration).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotFrameworkOptions>, BotFrameworkOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AnonymousModeGuard>());
        services.AddOptions<ConnectorClientOptions>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient(HttpClientName).AddConnectorResilience();

        services.TryAddSingleton<ServiceUrlPolicy>();
        services.TryAddSingleton<BotFrameworkAuthentication>(sp => new ConfigurationBotFrameworkAuthentication(
            configuration,
            httpClientFactory: new NamedHttpClientFactory(sp.GetRequiredService<IHttpClientFactory>(), HttpClientName),
            logger: sp.GetRequiredService<ILogger<ConfigurationBotFrameworkAuthentication>>()));
        services.TryAddSingleton<TAdapter>();
        services.TryAddSingleton<IBotFrameworkHttpAdapter>(sp => sp.GetRequiredService<TAdapter>());
        return services;
    }

    /// <summary>Gives the SDK (which asks for the default client) our named, resilient one.</summary>
    private sealed class NamedHttpClientFactory(IHttpClientFactory inner, string name) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name1) => inner.CreateClient(name);
    }
}
