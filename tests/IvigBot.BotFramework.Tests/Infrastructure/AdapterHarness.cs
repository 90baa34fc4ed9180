using System.Text;
using IvigBot.BotFramework.Authentication;
using IvigBot.BotFramework.Integration;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace IvigBot.BotFramework.Tests.Infrastructure;

/// <summary>
/// Runs one <c>POST /api/messages</c> through a real <see cref="FastCloudAdapter"/> over the SDK's
/// <see cref="ConfigurationBotFrameworkAuthentication"/> (anonymous unless settings say otherwise), whose HTTP client
/// is <paramref name="http"/>: an in-memory channel, and the tests' own OpenID endpoint where one is needed.
/// </summary>
internal static class AdapterHarness
{
    public static FastCloudAdapter Create(
        IHttpClientFactory http,
        IReadOnlyDictionary<string, string?>? settings = null,
        IInboundActivityFilter[]? filters = null,
        Func<ITurnContext, Exception, Task>? onTurnError = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var options = configuration.Get<BotFrameworkOptions>() ?? new BotFrameworkOptions();
        foreach (var url in configuration.GetSection(nameof(BotFrameworkOptions.AllowedServiceUrls)).Get<string[]>() ?? [])
        {
            options.AllowedServiceUrls.Add(url);
        }

        var monitor = new TestOptionsMonitor<BotFrameworkOptions>(options);
        var authentication = new ConfigurationBotFrameworkAuthentication(configuration, httpClientFactory: http);
        return new FastCloudAdapter(authentication, monitor, new ServiceUrlPolicy(monitor), NullLogger<FastCloudAdapter>.Instance, filters)
        {
            OnTurnError = onTurnError,
        };
    }

    public static async Task<(int Status, string? ContentType, string Body)> ProcessAsync(
        this FastCloudAdapter adapter,
        string body,
        IBot bot,
        string? authorization = null,
        string method = "POST",
        bool sendContentLength = true)
    {
        var context = new DefaultHttpContext();
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Request.Method = method;
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = sendContentLength ? bytes.Length : null;
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        using var responseBody = new MemoryStream();
        context.Response.Body = responseBody;

        await adapter.ProcessAsync(context.Request, context.Response, bot, CancellationToken.None);

        return (context.Response.StatusCode, context.Response.ContentType, Encoding.UTF8.GetString(responseBody.ToArray()));
    }
}
