using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IvigBot.BotFramework.DirectLine;

/// <summary>Registers the self-hosted Direct Line endpoint.</summary>
public static class DirectLineServiceCollectionExtensions
{
    /// <summary>The CORS policy of the Direct Line endpoints (and of any token endpoint the host adds for its page).</summary>
    public const string CorsPolicy = "DirectLine";

    /// <summary>
    /// Binds <see cref="DirectLineOptions"/> from the <c>DirectLine</c> section, validated on start, and registers the
    /// token issuer, the conversation store, the in-process <see cref="DirectLineAdapter"/>, the CORS policy and
    /// <see cref="DirectLineSecretGuard"/> (which stops a host that serves beyond loopback without a secret). The
    /// host registers its <see cref="Microsoft.Bot.Builder.IBot"/> and maps <see cref="DirectLineEndpointRouteBuilderExtensions.MapDirectLine"/>.
    /// </summary>
    public static IServiceCollection AddDirectLine(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<DirectLineOptions>().Bind(configuration.GetSection(DirectLineOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DirectLineOptions>, DirectLineOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DirectLineTokenIssuer>();
        services.TryAddSingleton<DirectLineConversationStore>();
        services.TryAddSingleton<DirectLineAdapter>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DirectLineSecretGuard>());

        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<DirectLineOptions>>((cors, directLine) =>
            cors.AddPolicy(CorsPolicy, policy =>
            {
                var origins = directLine.Value.AllowedOrigins.Select(o => o.TrimEnd('/')).ToArray();
                if (origins.Length == 0)
                {
                    policy.AllowAnyOrigin();
                }
                else
                {
                    policy.WithOrigins(origins);
                }

                // What Web Chat's DirectLineJS sends, over polling and WebSocket, on start, reconnect and token
                // refresh: GET and POST with these headers. Its ajax layer adds X-Requested-With to every request
                // (it does not set crossDomain), so a policy without it blocks the chat on any other origin.
                policy.WithMethods("GET", "POST")
                    .WithHeaders("Authorization", "Content-Type", "Accept", "x-ms-bot-agent", "X-Requested-With")
                    .SetPreflightMaxAge(TimeSpan.FromHours(1));
            }));
        return services;
    }
}
