using System.Text.Json;
using IvigBot.Answering;
using IvigBot.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IvigBot.Apis;

/// <summary>The request body of <c>POST /api/ask</c>.</summary>
public sealed record AskRequest(string? Question, string? Id);

/// <summary><c>POST /api/ask</c> (the answer result as JSON, for other front ends) and <c>GET /healthz</c>.</summary>
public static class AskApi
{
    /// <summary>Longest question accepted, in characters.</summary>
    public const int MaxQuestionLength = 2000;

    public static IEndpointRouteBuilder MapAskApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/ask", Ask);
        app.MapGet("/healthz", Health);
        return app;
    }

    /// <summary>Reads the body itself, so that malformed JSON gets a 400 that says what is wrong.</summary>
    public static async Task<Results<Ok<AnswerResult>, BadRequest<ProblemMessage>, NotFound<ProblemMessage>>> Ask(HttpRequest http, AnswerEngineProvider provider, CancellationToken cancellationToken)
    {
        AskRequest? request;
        try
        {
            request = http.ContentLength == 0
                ? null
                : await JsonSerializer.DeserializeAsync(http.Body, HostJsonContext.Default.AskRequest, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
            return TypedResults.BadRequest(new ProblemMessage($"The body is not valid JSON{where}. Send a JSON body like {{\"question\": \"what is IVIG flu\"}}."));
        }

        return Answer(request, provider);
    }

    public static Results<Ok<AnswerResult>, BadRequest<ProblemMessage>, NotFound<ProblemMessage>> Answer(AskRequest? request, AnswerEngineProvider provider)
    {
        if (request is null || (string.IsNullOrWhiteSpace(request.Question) && string.IsNullOrWhiteSpace(request.Id)))
        {
            return TypedResults.BadRequest(new ProblemMessage("Send a JSON body like {\"question\": \"what is IVIG flu\"}."));
        }

        var engine = provider.Engine;
        if (!string.IsNullOrWhiteSpace(request.Id))
        {
            return engine.AnswerById(request.Id) is { } chosen
                ? TypedResults.Ok(chosen)
                : TypedResults.NotFound(new ProblemMessage($"There is no entry with id '{request.Id}'."));
        }

        var question = request.Question!;
        return TypedResults.Ok(engine.Answer(question.Length > MaxQuestionLength ? question[..MaxQuestionLength] : question));
    }

    public static Ok<HealthStatus> Health(AnswerEngineProvider provider) =>
        TypedResults.Ok(new HealthStatus("ok", provider.Engine.Index.Documents.Count));
}

/// <summary>A short reason for a refused request.</summary>
public sealed record ProblemMessage(string Error);

public sealed record HealthStatus(string Status, int Documents);
