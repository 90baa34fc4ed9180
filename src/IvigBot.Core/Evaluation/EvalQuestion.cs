using System.Text.Json.Serialization;
using IvigBot.Answering;

namespace IvigBot.Evaluation;

/// <summary>One line of <c>tests/eval/questions.jsonl</c>: a question, the kind of reply expected, and for answers the entry id.</summary>
public sealed record EvalQuestion
{
    public required string Question { get; init; }

    public required AnswerKind Kind { get; init; }

    public string? Id { get; init; }

    public string? Note { get; init; }
}

/// <summary>A line of an external benchmark file: a query (<c>query_id</c>, <c>query</c>) or an FAQ entry (<c>faq_id</c>, <c>question</c>, <c>answer</c>).</summary>
public sealed record BenchmarkLine
{
    [JsonPropertyName("query_id")]
    public string? QueryId { get; init; }

    public string? Query { get; init; }

    [JsonPropertyName("faq_id")]
    public string? FaqId { get; init; }

    public string? Question { get; init; }

    public string? Answer { get; init; }
}
