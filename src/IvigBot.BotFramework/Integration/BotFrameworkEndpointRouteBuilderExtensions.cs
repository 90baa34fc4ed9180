using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IvigBot.BotFramework.Integration;

/// <summary>Maps the Bot Framework messaging endpoint.</summary>
public static class BotFrameworkEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST {pattern}</c> (default <c>/api/messages</c>) to <see cref="IBotFrameworkHttpAdapter.ProcessAsync"/>
    /// with the registered <see cref="IBot"/>. Other methods get 405 from routing.
    /// <para>
    /// The adapter and the bot come from the application's services, not from a per-request scope, which nothing else
    /// on this path needs: register them as singletons (as <c>AddBotFramework</c>
    /// does the adapter); a scoped bot is not supported.
    /// </para>
    /// </summary>
    public static IEndpointConventionBuilder MapBotFramework(this IEndpointRouteBuilder endpoints, string pattern = "/api/messages")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        return endpoints.MapPost(pattern, (HttpContext context) =>
            services.GetRequiredService<IBotFrameworkHttpAdapter>()
                .ProcessAsync(context.Request, context.Response, services.GetRequiredService<IBot>(), context.RequestAborted));
    }
}
