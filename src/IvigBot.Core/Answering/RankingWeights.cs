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

    /// <summary>
    /// With meaning off in a bank whose entries have no "also asked as" phrasings (<see cref="FaqIndex.Phrased"/>), how
    /// much each field counts in the search: every field the same (plain BM25 over the entry), since an entry with one short
    /// headline says most of what it is about only in its answer. Default: every field 1. With meaning on, or in a phrased
    /// bank, the search uses <see cref="Fields"/>.
    /// </summary>
    public FieldWeights HeadlineFields { get; init; } = new() { Answer = 1, PassageTitle = 1, PassageText = 1 };

    /// <summary>The field weights of the search: <see cref="HeadlineFields"/> with meaning off in a bank without phrasings, otherwise <see cref="Fields"/>.</summary>
    /// <param name="phrased">Whether the bank's entries have "also asked as" phrasings (<see cref="FaqIndex.Phrased"/>).</param>
    /// <param name="semantic">Whether meaning is on (<see cref="AnsweringOptions.Semantic"/>).</param>
    public FieldWeights SearchFields(bool phrased, bool semantic) => phrased || semantic ? Fields : HeadlineFields;

    /// <summary>How much the lexical confidence and wording similarity count in the order of a bank without phrasings: only enough to break the search score's ties.</summary>
    public const double HeadlineTieBreak = 0.001;

    /// <summary>
    /// A candidate's place in the order with meaning off, highest first. In a bank whose entries have "also asked as"
    /// phrasings: its lexical confidence and wording similarity, and <see cref="ScoreWeight"/> times its search score.
    /// In a bank of headline questions and answers only: its search score (<see cref="HeadlineFields"/>), the other two
    /// breaking ties (<see cref="HeadlineTieBreak"/>); the confidence reads how well a phrasing is covered, and one
    /// headline is too little to go on.
    /// </summary>
    /// <param name="signals">The candidate's signals.</param>
    /// <param name="phrased">Whether the bank's entries have "also asked as" phrasings (<see cref="FaqIndex.Phrased"/>).</param>
    public double Order(in OrderFeatures signals, bool phrased) => phrased
        ? signals.Lexical + signals.Wording + (ScoreWeight * signals.Score)
        : signals.Score + (HeadlineTieBreak * (signals.Lexical + signals.Wording));

    /// <summary>The share of query coverage (vs entry coverage) in the confidence's weighted geometric mean. Default 0.7.</summary>
    public double QueryCoverageShare { get; init; } = 0.7;

    /// <summary>The weight of a word the index has never seen, as a share of the weight of the rarest word it has. Default 0.7.</summary>
    public double UnknownWordWeight { get; init; } = 0.7;
}
