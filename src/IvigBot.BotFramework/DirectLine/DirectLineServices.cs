using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvigBot.BotFramework.DirectLine;

/// <summary>The services one request needs.</summary>
[SuppressMessage("Performance", "CA1812", Justification = "Created by From.")]
internal sealed record DirectLineServices(
    DirectLineTokenIssuer Tokens,
    DirectLineConversationStore Store,
    DirectLineAdapter Adapter,
    IBot Bot,
    DirectLineOptions Options,
    TimeProvider TimeProvider,
    ILogger Logger)
{
    public static DirectLineServices From(HttpContext context)
    {
        var provider = context.RequestServices;
        return new DirectLineServices(
            provider.GetRequiredService<DirectLineTokenIssuer>(),
            provider.GetRequiredService<DirectLineConversationStore>(),
            provider.GetRequiredService<DirectLineAdapter>(),
            provider.GetRequiredService<IBot>(),
            provider.GetRequiredService<IOptions<DirectLineOptions>>().Value,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger("IvigBot.BotFramework.DirectLine"));
    }
}
