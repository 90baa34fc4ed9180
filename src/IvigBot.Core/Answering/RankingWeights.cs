using IvigBot.Search;

namespace IvigBot.Answering;

/// <summary>
/// The weights of ranking and confidence. The defaults were chosen on the team's question set
/// (<c>tests/eval/questions.jsonl</c>) and, for <see cref="ScoreWeight"/>, the own-words set too; see
/// <c>docs/benchmarks.md</c> for what each change did.
/// </summary>
/// <remarks>
/// <see cref="ScoreWeight"/> (the order with meaning off) was refitted on both sets with these commands:
/// <code>
/// dotnet build src/IvigBot -c Release
/// export Answering__Semantic=false
/// dotnet src/IvigBot/bin/Release/net10.0/IvigBot.dll eval tests/eval/questions.jsonl --candidates /tmp/team-lexical.tsv
/// dotnet src/IvigBot/bin/Release/net10.0/IvigBot.dll eval tests/eval/questions-own-words.jsonl --candidates /tmp/own-lexical.tsv
/// python3 tests/eval/fit-ranking.py --meaning-off /tmp/team-lexical.tsv /tmp/own-lexical.tsv
/// </code>
/// On 2026-12-06 it put the expected entry first for 235 of the team set's 240 answer questions decided by confidence
/// and 99 of the own-words set's 117, against 234 and 94 with the previous 0.025 (fitted on the team set alone: 0.2,
/// 236 and 98).
/// </remarks>
public sealed record RankingWeights
{
    /// <summary>How much each indexed field counts in the BM25 search.</summary>
    public FieldWeights Fields { get; init; } = new();

    /// <summary>In ranking with meaning off, how much the search score (relative to the best) adds to the confidence. Default 0.25 (meaning on: <see cref="Semantic.SemanticWeights.Order"/>).</summary>
    public double ScoreWeight { get; init; } = 0.25;

    /// <summary>A candidate's place in the order with meaning off: its lexical confidence and wording similarity, and <see cref="ScoreWeight"/> times its search score; highest first.</summary>
    public double Order(in OrderFeatures signals) => signals.Lexical + signals.Wording + (ScoreWeight * signals.Score);

    /// <summary>The share of query coverage (vs entry coverage) in the confidence's weighted geometric mean. Default 0.7.</summary>
    public double QueryCoverageShare { get; init; } = 0.7;

    /// <summary>The weight of a word the index has never seen, as a share of the weight of the rarest word it has. Default 0.7.</summary>
    public double UnknownWordWeight { get; init; } = 0.7;
}
