using IvigBot.Answering;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using IvigBot.BotFramework.DirectLine;
using IvigBot.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace IvigBot.Apis;

/// <summary>
/// The patient page and what it loads, all from this server (nothing from the internet):
/// <list type="bullet">
/// <item><c>GET /</c>: the page (clinic name, introduction, disclaimer, starter questions, the chat);
/// <c>?transport=polling</c> makes the chat poll instead of using a WebSocket.</item>
/// <item><c>GET /webchat/webchat.js</c>: the Web Chat bundle copied from npm at build time;
/// <c>GET /webchat/ivigbot-chat.js</c> and <c>/webchat/ivigbot-page.css</c>: the widget script and the page style.</item>
/// <item><c>POST /api/webchat/token</c>: a Direct Line token for a new conversation, so the page (or a clinic's own
/// website, see README) never needs the secret; 503 when the conversation store is full.</item>
/// </list>
/// </summary>
public static class WebChatApi
{
    /// <summary>Where the build puts the Web Chat bundle, relative to the application's folder.</summary>
    public static readonly string WebChatBundlePath = Path.Combine(AppContext.BaseDirectory, "webchat", "webchat.js");

    private static readonly Lazy<string> PageTemplate = new(() => Encoding.UTF8.GetString(Resource("index.html")));

    private static readonly Dictionary<string, string> Assets = new(StringComparer.Ordinal)
    {
        ["ivigbot-chat.js"] = "text/javascript; charset=utf-8",
        ["ivigbot-page.css"] = "text/css; charset=utf-8",
    };

    public static IEndpointRouteBuilder MapWebChatApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", Page);
        app.MapGet("/webchat/webchat.js", WebChatBundle);
        app.MapGet("/webchat/{file}", Asset);
        app.MapPost("/api/webchat/token", Token).RequireCors(DirectLineServiceCollectionExtensions.CorsPolicy)
            .RequireRateLimiting(RateLimits.DirectLinePolicy); // anyone may ask for a token: limit per client address
        return app;
    }

    public static ContentHttpResult Page(HttpContext context, IOptions<WebChatOptions> options, IOptions<AnsweringOptions> answering, AnswerEngineProvider engines)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(answering);
        ArgumentNullException.ThrowIfNull(engines);
        var html = HtmlEncoder.Default;
        var settings = options.Value;
        var starters = new StringBuilder();
        foreach (var example in engines.Engine.Examples)
        {
            starters.Append("          <li><button type=\"button\" disabled data-ivigbot-entry-id=\"")
                .Append(html.Encode(example.Id)).Append("\">")
                .Append(html.Encode(example.Question)).AppendLine("</button></li>");
        }

        var polling = string.Equals(context.Request.Query["transport"], "polling", StringComparison.OrdinalIgnoreCase);
        var page = PageTemplate.Value
            .Replace("{{ClinicName}}", html.Encode(settings.ClinicName), StringComparison.Ordinal)
            .Replace("{{EmergencyNumber}}", html.Encode(answering.Value.EmergencyNumber), StringComparison.Ordinal)
            .Replace("{{StarterQuestions}}", starters.ToString().TrimEnd(), StringComparison.Ordinal)
            .Replace("{{Transport}}", polling ? "polling" : "websocket", StringComparison.Ordinal);

        var headers = context.Response.Headers;
        var host = context.Request.Host.ToString();
        headers.ContentSecurityPolicy =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
            $"font-src 'self' data:; media-src 'self' data: blob:; connect-src 'self' ws://{host} wss://{host}; " +
            "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        return TypedResults.Content(page, "text/html; charset=utf-8");
    }

    public static Results<PhysicalFileHttpResult, NotFound<ProblemMessage>> WebChatBundle(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var bundle = new FileInfo(WebChatBundlePath);
        if (!bundle.Exists)
        {
            return TypedResults.NotFound(new ProblemMessage("The Web Chat bundle was not built: install Node.js (npm) and build again."));
        }

        context.Response.Headers.CacheControl = "public, max-age=3600";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.PhysicalFile(bundle.FullName, "text/javascript; charset=utf-8", lastModified: bundle.LastWriteTimeUtc);
    }

    public static Results<FileContentHttpResult, NotFound> Asset(HttpContext context, string file)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Assets.TryGetValue(file, out var contentType))
        {
            return TypedResults.NotFound();
        }

        context.Response.Headers.CacheControl = "public, max-age=300";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(Resource(file), contentType);
    }

    public static Results<JsonHttpResult<Conversation>, JsonHttpResult<ProblemMessage>> Token(
        HttpContext context,
        DirectLineTokenIssuer tokens,
        DirectLineConversationStore store)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(store);
        context.Response.Headers.CacheControl = "no-store";
        if (!store.HasRoom())
        {
            context.Response.Headers.RetryAfter = "60";
            return TypedResults.Json(new ProblemMessage("The chat is very busy right now. Please try again in a minute."),
                HostJsonContext.Default.ProblemMessage, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var conversationId = DirectLineTokenIssuer.NewConversationId();
        return TypedResults.Json(new Conversation
        {
            ConversationId = conversationId,
            Token = tokens.Issue(conversationId, DirectLineTokenIssuer.NewUserId()),
            ExpiresIn = tokens.ExpiresInSeconds,
        }, DirectLineJsonContext.Default.Conversation);
    }

    private static byte[] Resource(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("IvigBot.Page." + file)
            ?? throw new InvalidOperationException($"The page file {file} is not embedded in the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
