using IvigBot.Search;

namespace IvigBot.Answering;

/// <summary>
/// The weights of ranking and confidence. The defaults were chosen on the team's question set
/// (<c>tests/eval/questions.jsonl</c>); see <c>docs/benchmarks.md</c> for what each change did.
/// </summary>
public sealed record RankingWeights
{
    /// <summary>How much each indexed field counts in the BM25 search.</summary>
    public FieldWeights Fields { get; init; } = new();

    /// <summary>In ranking with meaning off, how much the search score (relative to the best) adds to the confidence. Default 0.025 (meaning on: <see cref="Semantic.SemanticWeights.ScoreWeight"/>).</summary>
    public double ScoreWeight { get; init; } = 0.025;

    /// <summary>The share of query coverage (vs entry coverage) in the confidence's weighted geometric mean. Default 0.7.</summary>
    public double QueryCoverageShare { get; init; } = 0.7;

    /// <summary>The weight of a word the index has never seen, as a share of the weight of the rarest word it has. Default 0.7.</summary>
    public double UnknownWordWeight { get; init; } = 0.7;
}
