using IvigBot.Answering;

namespace IvigBot.Semantic;

/// <summary>
/// How meaning (cosines of sentence vectors, <see cref="SemanticIndex"/>) joins the lexical signals. Chosen on
/// tests/eval/questions.jsonl and questions-own-words.jsonl only (docs/benchmarks.md), never on the external benchmarks.
/// </summary>
public sealed record SemanticWeights
{
    /// <summary>In the order, the weight of the wording similarity (the lexical confidence weighs 1). Default 1.</summary>
    public double WordingWeight { get; init; } = 1;

    /// <summary>In the order, the weight of the search score relative to the best. Default 0.025.</summary>
    public double ScoreWeight { get; init; } = 0.025;

    /// <summary>In the order, the weight of the closest phrasing's cosine. Default 0.25.</summary>
    public double QuestionWeight { get; init; } = 0.25;

    /// <summary>In the order, the weight of the answer text's cosine. Default 0.75.</summary>
    public double AnswerWeight { get; init; } = 0.75;

    /// <summary>A candidate's place in the order with meaning on: the weighted sum of its <paramref name="signals"/>, highest first.</summary>
    public double Order(in OrderFeatures signals) =>
        signals.Lexical
        + (WordingWeight * signals.Wording)
        + (ScoreWeight * signals.Score)
        + (QuestionWeight * signals.QuestionCosine)
        + (AnswerWeight * signals.AnswerCosine);

    /// <summary>How many documents closest in meaning join the BM25 candidates (a paraphrase shares few words). Default 5.</summary>
    public int Candidates { get; init; } = 5;

    /// <summary>The confidence of a candidate from its words and its meaning (fitted, see <see cref="Semantic.ConfidenceModel"/>).</summary>
    public ConfidenceModel ConfidenceModel { get; init; } = new();

    /// <summary>
    /// A message is routed to an emergency rule by meaning at or above this cosine to one of its examples (and
    /// <see cref="TriageMargin"/> above its closest FAQ question). Default 0.66: with the margin, no false alarm on the
    /// team and own-words sets nor on the ordinary messages of the triage safety tests.
    /// </summary>
    public double EmergencyThreshold { get; init; } = 0.66;

    /// <summary>The same for advice rules (personal treatment decisions). Default 0.74: the lowest with no wrong referral on both sets.</summary>
    public double AdviceThreshold { get; init; } = 0.74;

    /// <summary>The same for small-talk rules. Default 0.68: the lowest with no question taken for small talk on both sets.</summary>
    public double SmalltalkThreshold { get; init; } = 0.68;

    /// <summary>
    /// How much closer a message must be to a rule's example than to any FAQ question to be routed by meaning. Default
    /// 0.04: "my right arm hurts" is about as close to "my chest hurts and the pain is going down my left arm" as to
    /// the FAQ's questions about sore arms, and must not raise an alarm.
    /// </summary>
    public double TriageMargin { get; init; } = 0.04;

    /// <summary>The threshold of <paramref name="kind"/>.</summary>
    public double TriageThreshold(TriageKind kind) => kind switch
    {
        TriageKind.Emergency => EmergencyThreshold,
        TriageKind.Advice => AdviceThreshold,
        _ => SmalltalkThreshold,
    };
}
