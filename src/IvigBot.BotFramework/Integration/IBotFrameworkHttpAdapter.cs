using IvigBot.BotFramework.Builder;
using Microsoft.AspNetCore.Http;

namespace IvigBot.BotFramework.Integration;

/// <summary>Turns one <c>POST /api/messages</c> request into a bot turn and writes the HTTP answer.</summary>
public interface IBotFrameworkHttpAdapter
{
    Task ProcessAsync(HttpRequest httpRequest, HttpResponse httpResponse, IBot bot, CancellationToken cancellationToken);
}
