using IvigBot.BotFramework.Integration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IvigBot.BotFramework.Teams;

/// <summary>Registers the Teams part of the protocol layer.</summary>
public static class TeamsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="TeamsOptions"/> from the <c>Teams</c> section (validated on start) and registers
    /// <see cref="TeamsTenantFilter"/>, which <see cref="FastCloudAdapter"/> consults before every turn.
    /// </summary>
    public static IServiceCollection AddTeams(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<TeamsOptions>().BindConfiguration(TeamsOptions.Section)
            .Validate(o => !o.Validate().Any(), "Teams settings are invalid: see the Teams section of appsettings.json")
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IInboundActivityFilter, TeamsTenantFilter>());
        return services;
    }
}
