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

/// <summary>
/// A line of an external benchmark file. A query: <c>query_id</c> with <c>query</c>, or (LiveQA-Med) <c>subject</c> and
/// <c>message</c>. An FAQ entry: <c>faq_id</c>, <c>doc_id</c> (MedQuAD) or <c>answer_id</c> (LiveQA-Med judged pool),
/// with <c>question</c> and <c>answer</c>, and optionally <c>focus</c> (MedQuAD's topic).
/// </summary>
public sealed record BenchmarkLine
{
    [JsonPropertyName("query_id")]
    public string? QueryId { get; init; }

    public string? Query { get; init; }

    public string? Subject { get; init; }

    public string? Message { get; init; }

    [JsonPropertyName("faq_id")]
    public string? FaqId { get; init; }

    [JsonPropertyName("doc_id")]
    public string? DocId { get; init; }

    [JsonPropertyName("answer_id")]
    public string? AnswerId { get; init; }

    public string? Question { get; init; }

    public string? Answer { get; init; }

    public string? Focus { get; init; }

    /// <summary>The entry's id, whichever field holds it.</summary>
    [JsonIgnore]
    public string? EntryId => FaqId ?? DocId ?? AnswerId;

    /// <summary>The query text: <c>query</c>, or else <c>subject</c> and <c>message</c> together (the consumer's own words).</summary>
    [JsonIgnore]
    public string? QueryText => Query ?? (Subject is null && Message is null ? null : $"{Subject}. {Message}".Trim(' ', '.'));
}
