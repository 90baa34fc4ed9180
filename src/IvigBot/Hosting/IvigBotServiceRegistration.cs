using IvigBot.Answering;
using IvigBot.Apis;
using IvigBot.BotFramework.Connector;
using IvigBot.BotFramework.DirectLine;
using IvigBot.BotFramework.Integration;
using IvigBot.BotFramework.Teams;
using IvigBot.Bots;
using IvigBot.Content;
using IvigBot.Insights;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;
using IMiddleware = Microsoft.Bot.Builder.IMiddleware;

namespace IvigBot.Hosting;

/// <summary>Wires IvigBot into an ASP.NET Core host.</summary>
public static class IvigBotServiceRegistration
{
    public static WebApplicationBuilder AddIvigBot(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FaqOptions>().BindConfiguration(FaqOptions.Section)
            .Validate(o => o.ReloadDelay >= TimeSpan.Zero && o.ReloadPollInterval > TimeSpan.Zero, "Faq:ReloadDelay must not be negative and Faq:ReloadPollInterval must be positive")
            .ValidateOnStart();
        builder.Services.AddOptions<AnsweringOptions>().BindConfiguration(AnsweringOptions.Section)
            .Validate(o => !o.Validate().Any(), "Answering settings are invalid: see the Answering section of appsettings.json")
            .ValidateOnStart();
        builder.Services.AddSingleton<AnswerEngineProvider>();

        // Bot Framework SDK: the MicrosoftApp* keys at the root of the configuration;
        // POST /api/messages → AdapterWithErrorHandler (our FastCloudAdapter, OnTurnError as in the SDK samples) → FaqBot.
        builder.Services.AddBotFramework<AdapterWithErrorHandler>(builder.Configuration);
        builder.Services.AddSingleton<IBot, FaqBot>();
        builder.Services.AddTeams(); // Teams:AllowedTenants, checked before every turn
        builder.Services.AddInsights(); // the editor's store (Insights section): FaqBot records into it, /editor reads it

        // Reliability: connector timeouts and retries from the Connector section; message and body limits; rate limits.
        builder.Services.AddOptions<ConnectorClientOptions>().BindConfiguration("Connector")
            .Validate(o => o.AttemptTimeout > TimeSpan.Zero && o.MaxRetries >= 0 && o.BaseDelay >= TimeSpan.Zero && o.MaxDelay >= TimeSpan.Zero,
                "Connector settings are invalid: AttemptTimeout must be positive; MaxRetries, BaseDelay and MaxDelay must not be negative")
            .ValidateOnStart();
        builder.Services.AddOptions<RequestLimitsOptions>().BindConfiguration(RequestLimitsOptions.Section)
            .Validate(o => !o.Validate().Any(), "Limits settings are invalid: see the Limits section of appsettings.json")
            .ValidateOnStart();
        builder.Services.AddSingleton<LongMessagePolicy>();
        builder.Services.AddSingleton<IMiddleware, LongMessageMiddleware>(); // on both adapters, as every IMiddleware registered
        builder.Services.AddIvigBotRateLimiting();
        builder.AddPublicUrl(); // PublicUrl: the only Host accepted besides this machine's names, when AllowedHosts is *

        // Website widget: self-hosted Direct Line 3.0 (the DirectLine section) in front of the same FaqBot, through an
        // SDK adapter with the same OnTurnError, and the patient page.
        builder.Services.AddSingleton<DirectLineAdapter, DirectLineAdapterWithErrorHandler>();
        builder.Services.AddDirectLine(builder.Configuration);
        builder.Services.AddOptions<WebChatOptions>().BindConfiguration(WebChatOptions.Section)
            .Validate(o => !o.Validate().Any(), "WebChat settings are invalid: see the WebChat section of appsettings.json")
            .ValidateOnStart();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, IvigJsonContext.Default);
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, HostJsonContext.Default);
        });
        return builder;
    }

    public static WebApplication MapIvigBotEndpoints(this WebApplication app)
    {
        // Build the index before the first request, so /healthz only answers once it is loaded.
        _ = app.Services.GetRequiredService<AnswerEngineProvider>();
        // Browsers must never read a response as anything but its declared type (JSON stays JSON).
        app.Use((context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return next(context);
        });
        app.UseIvigBotRateLimiting();
        app.MapAskApi();
        app.MapBotFramework().RequireRateLimiting(RateLimits.MessagesPolicy);
        // WebSockets are served only by Direct Line's stream: other requests skip the upgrade handling.
        app.UseWhen(context => context.Request.Path.StartsWithSegments(DirectLineEndpointRouteBuilderExtensions.DefaultPrefix, StringComparison.OrdinalIgnoreCase), branch => branch.UseWebSockets());
        // CORS only for the endpoints that ask for it (Direct Line, the page's token): the middleware resolves its policy
        // provider from the request's service scope, so elsewhere, /api/messages above all, it cost a scope per request
        // and did nothing.
        app.UseWhen(context => context.GetEndpoint()?.Metadata.GetMetadata<ICorsMetadata>() is not null, branch => branch.UseCors());
        var directLine = app.MapDirectLine();
        directLine.RequireRateLimiting(RateLimits.DirectLineConversationPolicy);
        app.MapWebChatApi();
        app.MapEditorApi(); // /editor, behind Insights:EditorKey
        return app;
    }

    /// <summary>The settings for the command line: <c>appsettings.json</c> in the current folder, then environment variables.</summary>
    public static (FaqOptions Faq, AnsweringOptions Answering) ReadSettings()
    {
        var configuration = ReadConfiguration();
        var faq = configuration.GetSection(FaqOptions.Section).Get<FaqOptions>() ?? new FaqOptions();
        var answering = configuration.GetSection(AnsweringOptions.Section).Get<AnsweringOptions>() ?? new AnsweringOptions();
        var problems = answering.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(AnsweringOptions.Section, typeof(AnsweringOptions), problems);
        }

        return (faq, answering);
    }

    /// <summary>The <c>Insights</c> settings for the command line, validated as at start-up.</summary>
    public static InsightsOptions ReadInsightsSettings()
    {
        var insights = ReadConfiguration().GetSection(InsightsOptions.Section).Get<InsightsOptions>() ?? new InsightsOptions();
        var problems = insights.Validate().ToList();
        return problems.Count == 0 ? insights : throw new OptionsValidationException(InsightsOptions.Section, typeof(InsightsOptions), problems);
    }

    /// <summary><c>appsettings.json</c> in the current folder, then environment variables.</summary>
    private static IConfiguration ReadConfiguration() => new ConfigurationBuilder()
        .SetBasePath(Directory.GetCurrentDirectory())
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build();
}
