namespace IvigBot.Semantic;

/// <summary>
/// How meaning (cosines of sentence vectors, <see cref="SemanticIndex"/>) joins the lexical signals. Chosen on
/// tests/eval/questions.jsonl and questions-own-words.jsonl only (docs/benchmarks.md), never on the external benchmarks.
/// </summary>
public sealed record SemanticWeights
{
    /// <summary>Weight of the closest phrasing's cosine added to a candidate's lexical order. Default 0.25.</summary>
    public double QuestionWeight { get; init; } = 0.25;

    /// <summary>Weight of the answer text's cosine added to a candidate's lexical order. Default 0.75.</summary>
    public double AnswerWeight { get; init; } = 0.75;

    /// <summary>How many documents closest in meaning join the BM25 candidates (a paraphrase shares few words). Default 5.</summary>
    public int Candidates { get; init; } = 5;

    /// <summary>The share of meaning in the confidence: (1 − share) × lexical confidence + share × <see cref="Closeness"/>. Default 0.4.</summary>
    public double ConfidenceShare { get; init; } = 0.4;

    /// <summary>A phrasing cosine at or below this means nothing in common (closeness 0). Default 0.55.</summary>
    public double CosineFloor { get; init; } = 0.55;

    /// <summary>A phrasing cosine at or above this means the same question (closeness 1). Default 0.75.</summary>
    public double CosineCeiling { get; init; } = 0.75;

    /// <summary>A phrasing cosine mapped onto 0 to 1 between <see cref="CosineFloor"/> and <see cref="CosineCeiling"/>.</summary>
    public double Closeness(double cosine) => Math.Clamp((cosine - CosineFloor) / (CosineCeiling - CosineFloor), 0, 1);

    /// <summary>The confidence of a candidate from its lexical confidence and its phrasing cosine.</summary>
    public double Confidence(double lexical, double cosine) => ((1 - ConfidenceShare) * lexical) + (ConfidenceShare * Closeness(cosine));
}
