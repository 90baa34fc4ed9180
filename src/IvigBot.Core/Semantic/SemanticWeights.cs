using IvigBot.Answering;

namespace IvigBot.Semantic;

/// <summary>
/// How meaning (cosines of sentence vectors, <see cref="SemanticIndex"/>) joins the lexical signals. Chosen on
/// tests/eval/questions.jsonl and questions-own-words.jsonl only (docs/benchmarks.md), never on the external benchmarks.
/// </summary>
/// <remarks>
/// The order is the "weighted sum of normalised scores": the BM25 score relative to the best candidate's and the
/// two cosines rescaled over the bank (<see cref="MeaningRange"/>), weighed by <see cref="ScoreWeight"/>,
/// <see cref="QuestionWeight"/> and <see cref="AnswerWeight"/>. The lexical confidence and the wording similarity,
/// which the order read before 2026-12-06, added nothing to it once the cosines were rescaled: they still decide the
/// confidence. The weights and the pool were chosen with these commands, comparing on both sets the previous order
/// (refitted too), this one, reciprocal rank fusion and larger pools (tests/eval/fit-ranking.py says how):
/// <code>
/// dotnet build src/IvigBot -c Release
/// dotnet src/IvigBot/bin/Release/net10.0/IvigBot.dll eval tests/eval/questions.jsonl --candidates /tmp/team-candidates.tsv
/// dotnet src/IvigBot/bin/Release/net10.0/IvigBot.dll eval tests/eval/questions-own-words.jsonl --candidates /tmp/own-candidates.tsv
/// python3 tests/eval/fit-ranking.py /tmp/team-candidates.tsv /tmp/own-candidates.tsv
/// </code>
/// then refit the confidence (<see cref="Semantic.ConfidenceModel"/>'s remarks), which reads the first candidate. The
/// fit of 2026-12-06 put the expected entry first for 238 of the team set's 240 answer questions decided by confidence
/// and 101 of the own-words set's 117, against 235 and 98 with the previous order (the previous order refitted: 235
/// and 101; reciprocal rank fusion with k = 60: 196 and 87; 10 or 20 documents by meaning instead of 5: no change).
/// Fitted on either set alone, the grid gives the same weights.
/// </remarks>
public sealed record SemanticWeights
{
    /// <summary>In the order, the weight of the BM25 score relative to the best candidate's (0 for a candidate found by meaning only). Default 1.</summary>
    public double ScoreWeight { get; init; } = 1;

    /// <summary>In the order, the weight of the closest phrasing's cosine rescaled over the bank (<see cref="OrderFeatures.QuestionCloseness"/>). Default 1.</summary>
    public double QuestionWeight { get; init; } = 1;

    /// <summary>In the order, the weight of the answer text's cosine rescaled over the bank (<see cref="OrderFeatures.AnswerCloseness"/>). Default 0.6.</summary>
    public double AnswerWeight { get; init; } = 0.6;

    /// <summary>A candidate's place in the order with meaning on: the weighted sum of its normalised <paramref name="signals"/>, highest first.</summary>
    public double Order(in OrderFeatures signals) =>
        (ScoreWeight * signals.Score)
        + (QuestionWeight * signals.QuestionCloseness)
        + (AnswerWeight * signals.AnswerCloseness);

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
