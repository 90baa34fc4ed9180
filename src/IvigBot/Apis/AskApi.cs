using System.Text.Json;
using IvigBot.Answering;
using IvigBot.BotFramework.DirectLine;
using IvigBot.BotFramework.Integration;
using IvigBot.Hosting;
using IvigBot.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace IvigBot.Apis;

/// <summary>The request body of <c>POST /api/ask</c>.</summary>
public sealed record AskRequest(string? Question, string? Id);

/// <summary><c>POST /api/ask</c> (the answer result as JSON, for other front ends) and <c>GET /healthz</c>.</summary>
public static partial class AskApi
{
    /// <summary>Longest question the engine is given, in characters, whatever <see cref="RequestLimitsOptions.MaxMessageLength"/> says.</summary>
    public const int MaxQuestionLength = 2000;

    /// <summary><paramref name="question"/>, cut to its first <see cref="MaxQuestionLength"/> characters: what the engine is given.</summary>
    public static string Clipped(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return question.Length > MaxQuestionLength ? question[..MaxQuestionLength] : question;
    }

    public static IEndpointRouteBuilder MapAskApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/ask", Ask).RequireRateLimiting(RateLimits.AskPolicy);
        app.MapGet("/healthz", Health);
        return app;
    }

    /// <summary>
    /// Reads the body itself (at most <see cref="RequestLimitsOptions.MaxAskBodyBytes"/>), so that malformed JSON gets
    /// a 400 that says what is wrong and an oversized body a 413. A question longer than
    /// <see cref="RequestLimitsOptions.MaxMessageLength"/> is answered on its start, with a note after the reply.
    /// </summary>
    public static async Task<Results<Ok<AnswerResult>, BadRequest<ProblemMessage>, NotFound<ProblemMessage>, JsonHttpResult<ProblemMessage>>> Ask(
        HttpRequest http,
        AnswerEngineProvider provider,
        LongMessagePolicy longMessages,
        IOptions<RequestLimitsOptions> limits,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(longMessages);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var started = timeProvider.GetTimestamp();
        var maxBytes = limits.Value.MaxAskBodyBytes;
        var body = await RequestBody.ReadAsync(http, maxBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return TypedResults.Json(new ProblemMessage($"The body is too large: send at most {maxBytes} bytes, like {{\"question\": \"what is IVIG flu\"}}."),
                HostJsonContext.Default.ProblemMessage, statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        AskRequest? request;
        try
        {
            request = body.Length == 0 ? null : JsonSerializer.Deserialize(body, HostJsonContext.Default.AskRequest);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
            return TypedResults.BadRequest(new ProblemMessage($"The body is not valid JSON{where}. Send a JSON body like {{\"question\": \"what is IVIG flu\"}}."));
        }

        var shortened = false;
        if (request?.Question is { } question && question.Length > longMessages.MaxLength)
        {
            request = request with { Question = longMessages.QuestionFor(question, provider.Triage, out shortened) };
        }

        var answered = await AnswerAsync(request, provider, cancellationToken).ConfigureAwait(false);
        if (answered.Result is Ok<AnswerResult> { Value: { } result })
        {
            var logger = loggerFactory.CreateLogger(typeof(AskApi).FullName!);
            var byId = !string.IsNullOrWhiteSpace(request!.Id);
            var elapsedMs = timeProvider.GetElapsedTime(started).TotalMilliseconds;
            LogAnswered(logger, result.Kind, result.Id, byId, shortened, elapsedMs);
            if (result.Kind is AnswerKind.Fallback or AnswerKind.Clarify && logger.IsEnabled(LogLevel.Debug))
            {
                var redacted = TextRedactor.RedactForLog(request.Question, provider.Engine.Index.Parser.IsKnownWord);
                LogUnanswered(logger, result.Kind, redacted);
            }

            if (shortened)
            {
                return TypedResults.Ok(result with { Text = result.Text + "\n\n" + longMessages.Note });
            }
        }

        return answered.Result switch
        {
            Ok<AnswerResult> ok => ok,
            BadRequest<ProblemMessage> bad => bad,
            NotFound<ProblemMessage> notFound => notFound,
            _ => throw new InvalidOperationException("Unexpected result."),
        };
    }

    /// <summary>The answer to <paramref name="request"/>; a new question waits for a busy model without holding a thread (<see cref="AnswerEngine.AnswerAsync"/>).</summary>
    public static async Task<Results<Ok<AnswerResult>, BadRequest<ProblemMessage>, NotFound<ProblemMessage>>> AnswerAsync(
        AskRequest? request, AnswerEngineProvider provider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        if (request is null || (string.IsNullOrWhiteSpace(request.Question) && string.IsNullOrWhiteSpace(request.Id)))
        {
            return TypedResults.BadRequest(new ProblemMessage("Send a JSON body like {\"question\": \"what is IVIG flu\"}."));
        }

        var engine = provider.Engine;
        if (!string.IsNullOrWhiteSpace(request.Id))
        {
            return engine.AnswerById(request.Id) is { } chosen
                ? TypedResults.Ok(chosen)
                // A fixed message: the caller's id is never echoed back (it may carry markup or personal data).
                : TypedResults.NotFound(new ProblemMessage("There is no entry with that id. The ids are listed by the 'list' command and in each answer's suggestions."));
        }

        var question = request.Question!;
        return TypedResults.Ok(await engine.AnswerAsync(Clipped(question), cancellationToken).ConfigureAwait(false));
    }

    public static Ok<HealthStatus> Health(AnswerEngineProvider provider, DirectLineConversationStore directLine)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(directLine);
        var index = provider.Engine.Index;
        return TypedResults.Ok(new HealthStatus("ok", index.Documents.Count, provider.Engine.Semantic ? "semantic" : "lexical", provider.Status,
            new DirectLineStoreStatus(directLine.Count, directLine.MaxConversations)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Answered /api/ask with {Kind}, entry {EntryId} (by id: {ById}, shortened: {Shortened}) in {ElapsedMs:F0} ms")]
    private static partial void LogAnswered(ILogger logger, AnswerKind kind, string? entryId, bool byId, bool shortened, double elapsedMs);

    /// <summary>For finding questions the FAQ is missing: only the redacted text, and only at Debug.</summary>
    [LoggerMessage(Level = LogLevel.Debug, Message = "No sure answer ({Kind}) on /api/ask for (redacted) {RedactedQuestion}")]
    private static partial void LogUnanswered(ILogger logger, AnswerKind kind, string? redactedQuestion);
}

/// <summary>A short reason for a refused request.</summary>
public sealed record ProblemMessage(string Error);

/// <summary>
/// What <c>GET /healthz</c> answers: the number of documents served, how it ranks them (<c>semantic</c>: meaning and
/// words, or <c>lexical</c>: words only, as <c>Answering:Semantic</c> says), the content's version and reload state, and
/// how full the Direct Line conversation store is.
/// </summary>
public sealed record HealthStatus(
    string Status,
    int Documents,
    string Ranking,
    ContentStatus Content,
    DirectLineStoreStatus DirectLine);

/// <summary>The Direct Line conversations held now (idle ones until they are swept) and the most the store holds.</summary>
public sealed record DirectLineStoreStatus(int Conversations, int Max);
