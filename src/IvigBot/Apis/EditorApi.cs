using System.Reflection;
using System.Text;
using IvigBot.Content;
using IvigBot.Hosting;
using IvigBot.Insights;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IvigBot.Apis;

/// <summary>
/// The editor's page and downloads, behind <c>Insights:EditorKey</c> (<see cref="EditorKeyFilter"/>):
/// <c>GET /editor</c> (HTML with the weekly chart), <c>GET /editor/report.md</c> and <c>/editor/report.csv</c> (what the
/// <c>report</c> verb prints). Its style and script (<c>/editor/assets/…</c>) hold no data and are served to anyone.
/// A store that cannot be read gives 503 and a warning in the log.
/// </summary>
public static partial class EditorApi
{
    /// <summary>The page's style and script, read from the assembly once: file name → (content type, bytes).</summary>
    private static readonly Lazy<Dictionary<string, (string ContentType, byte[] Bytes)>> Assets = new(() => new(StringComparer.Ordinal)
    {
        ["editor.js"] = ("text/javascript; charset=utf-8", Embedded("editor.js")),
        ["editor.css"] = ("text/css; charset=utf-8", Embedded("editor.css")),
    });

    public static IEndpointRouteBuilder MapEditorApi(this IEndpointRouteBuilder app)
    {
        var editor = app.MapGroup("/editor").AddEndpointFilter<EditorKeyFilter>().RequireRateLimiting(RateLimits.AskPolicy);
        editor.MapGet("", Page);
        editor.MapGet("/report.md", Markdown);
        editor.MapGet("/report.csv", Csv);
        app.MapGet("/editor/assets/{file}", Asset);
        return app;
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Page(
        HttpContext context, InsightsQueries queries, AnswerEngineProvider engines, QueuedInteractionRecorder recorder, InteractionWriter writer, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(writer);
        var report = await ReadAsync(queries, engines, loggers, cancellationToken).ConfigureAwait(false);
        if (report is null)
        {
            return Unavailable();
        }

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        var counters = new EditorPage.InstanceCounters(recorder.Dropped, writer.Failed, writer.Written);
        return TypedResults.Content(EditorPage.Html(report, counters), "text/html; charset=utf-8");
    }

    public static Task<Results<ContentHttpResult, ProblemHttpResult>> Markdown(
        InsightsQueries queries, AnswerEngineProvider engines, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        TextAsync(queries, engines, loggers, InsightsReportWriter.WriteMarkdown, "text/markdown; charset=utf-8", cancellationToken);

    public static Task<Results<ContentHttpResult, ProblemHttpResult>> Csv(
        InsightsQueries queries, AnswerEngineProvider engines, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        TextAsync(queries, engines, loggers, InsightsReportWriter.WriteCsv, "text/csv; charset=utf-8", cancellationToken);

    public static Results<FileContentHttpResult, NotFound> Asset(HttpContext context, string file)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Assets.Value.TryGetValue(file, out var asset))
        {
            return TypedResults.NotFound();
        }

        context.Response.Headers.CacheControl = "public, max-age=300";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(asset.Bytes, asset.ContentType);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> TextAsync(
        InsightsQueries queries, AnswerEngineProvider engines, ILoggerFactory loggers, Action<InsightsReport, TextWriter> write, string contentType, CancellationToken cancellationToken)
    {
        var report = await ReadAsync(queries, engines, loggers, cancellationToken).ConfigureAwait(false);
        if (report is null)
        {
            return Unavailable();
        }

        using var text = new StringWriter();
        write(report, text);
        return TypedResults.Content(text.ToString(), contentType, Encoding.UTF8);
    }

    /// <summary>The report over the entries being served, or null (logged) when the store cannot be read.</summary>
    private static async Task<InsightsReport?> ReadAsync(InsightsQueries queries, AnswerEngineProvider engines, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(engines);
        ArgumentNullException.ThrowIfNull(loggers);
        var entries = engines.Engine.Index.Documents.Where(d => d.Kind == FaqDocumentKind.Entry).ToList();
        try
        {
            return await queries.ReadAsync(entries, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException or TimeoutException)
        {
            LogUnreadable(loggers.CreateLogger(typeof(EditorApi)), e);
            return null;
        }
    }

    private static ProblemHttpResult Unavailable() =>
        TypedResults.Problem("The editor's store cannot be read right now. Please try again later.", statusCode: StatusCodes.Status503ServiceUnavailable);

    private static byte[] Embedded(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("IvigBot.Editor." + file)
            ?? throw new InvalidOperationException($"The editor file {file} is not embedded in the assembly.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The editor's report could not be read from the store")]
    private static partial void LogUnreadable(ILogger logger, Exception exception);
}
