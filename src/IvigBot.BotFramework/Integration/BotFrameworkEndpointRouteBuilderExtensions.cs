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
    /// </summary>
    public static IEndpointConventionBuilder MapBotFramework(this IEndpointRouteBuilder endpoints, string pattern = "/api/messages")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapPost(pattern, static (HttpContext context) =>
        {
            var services = context.RequestServices;
            return services.GetRequiredService<IBotFrameworkHttpAdapter>()
                .ProcessAsync(context.Request, context.Response, services.GetRequiredService<IBot>(), context.RequestAborted);
        });
    }
}
