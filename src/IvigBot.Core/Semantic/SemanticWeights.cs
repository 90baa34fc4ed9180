using IvigBot.Answering;

namespace IvigBot.Semantic;

/// <summary>
/// How meaning (cosines of sentence vectors, <see cref="SemanticIndex"/>) joins the lexical signals. Chosen on
/// tests/eval/questions.jsonl and questions-own-words.jsonl only (docs/benchmarks.md), never on the external benchmarks.
/// </summary>
/// <remarks>
/// The order is the "weighted sum of normalised scores": the BM25 score relative to the best candidate's and the
/// cosines of the closest phrasing, of the answer and of question and answer read together, rescaled over the bank
/// (<see cref="MeaningRange"/>), weighed by <see cref="OrderWeights"/>: <see cref="PhrasedOrder"/> in a bank whose
/// entries have "also asked as" phrasings, <see cref="HeadlineOrder"/> in one of questions and answers only. The lexical
/// confidence and the wording similarity, which the order read before 2026-12-06, added nothing to it once the cosines
/// were rescaled: they still decide the confidence. The weights and the pool were chosen with these commands, comparing
/// on both sets the previous order (refitted too), this one, reciprocal rank fusion and larger pools
/// (tests/eval/fit-ranking.py says how):
/// <code>
/// dotnet build src/IvigBot -c Release
/// D=src/IvigBot/bin/Release/net10.0/IvigBot.dll
/// dotnet $D eval tests/eval/questions.jsonl --candidates /tmp/team-candidates.tsv
/// dotnet $D eval tests/eval/questions-own-words.jsonl --candidates /tmp/own-candidates.tsv
/// dotnet $D eval tests/eval/questions.jsonl --headlines-only --candidates /tmp/team-headlines.tsv
/// dotnet $D eval tests/eval/questions-own-words.jsonl --headlines-only --candidates /tmp/own-headlines.tsv
/// python3 tests/eval/fit-ranking.py /tmp/team-candidates.tsv /tmp/own-candidates.tsv /tmp/team-headlines.tsv /tmp/own-headlines.tsv
/// </code>
/// then refit the confidence (<see cref="Semantic.ConfidenceModel"/>'s remarks), which reads the first candidate. The
/// fit of 2026-12-06 put the expected entry first for 238 of the team set's 240 answer questions decided by confidence
/// and 101 of the own-words set's 117, against 235 and 98 with the previous order (the previous order refitted: 235
/// and 101; reciprocal rank fusion with k = 60: 196 and 87; 10 or 20 documents by meaning instead of 5: no change).
/// Fitted on either set alone, the grid gives the same weights. The whole document's cosine does not help there (any
/// weight on it costs team or own-words questions), but on the headlines-only banks it is the strongest single signal:
/// the second fit (2026-12-06, <see cref="HeadlineOrder"/>) put the expected entry first for 189 of 240 and 84 of 119
/// headlines-only questions, against 168 and 60 with <see cref="PhrasedOrder"/>; fitted on the own-words set alone it
/// gives the same weights, fitted on the team set alone (0.5, 0.5, 6) it still gets 79 of the own-words 119.
/// The third fit (2026-12-06, with the reworded set, tests/eval/questions-reworded.jsonl, whose questions are written
/// as a public bank's are queried) adds its headlines-only file to the script's arguments:
/// <code>
/// dotnet $D eval tests/eval/questions-reworded.jsonl --headlines-only --candidates /tmp/reworded-headlines.tsv
/// python3 tests/eval/fit-ranking.py /tmp/team-candidates.tsv /tmp/own-candidates.tsv /tmp/team-headlines.tsv /tmp/own-headlines.tsv /tmp/reworded-headlines.tsv
/// </code>
/// Fitted on the three headlines-only sets, or on the team and own-words sets alone, the grid gives (1, 0.75, 1.5, 3):
/// 191 of 240, 84 of 119 and, on the reworded set the second of those fits did not see, 122 of 153, against 189, 84
/// and 120 with (1, 0.25, 1.5, 2). Fitted on the reworded set alone, (1, 1, 0.75, 4) gets 123 of 153 but 189 and 81 of the others.
/// Every document is scored already in a bank this small (the pool misses the expected entry for 1 to 5 questions a
/// set, none of which the whole bank would put first); reciprocal rank fusion (k = 60) of BM25, the phrasing's and the
/// whole document's cosines gets 106, 169 and 64 (of 153, 240, 119). The message keeps the query prefix for the
/// phrasing's cosine too: without it, that cosine alone puts the expected entry first less often on all three sets;
/// with the phrasings encoded with the prefix as well, more often on two and less on the own-words set.
/// </remarks>
public sealed record SemanticWeights
{
    /// <summary>
    /// The order in a bank whose entries have "also asked as" phrasings (<see cref="SemanticIndex.Phrased"/>, as the
    /// shipped FAQ's have): the closest phrasing says most. Default: score 1, question 1, answer 0.6, document 0.
    /// </summary>
    public OrderWeights PhrasedOrder { get; init; } = new(Score: 1, Question: 1, Answer: 0.6, Document: 0);

    /// <summary>
    /// The order in a bank of headline questions and answers only (a public benchmark's, or a FAQ written without
    /// alternates): one phrasing says less than a dozen, and the answer and the whole document say more. Chosen on our
    /// own sets' <c>eval --headlines-only</c> runs (team, own words, reworded). Default: score 1, question 0.75, answer 1.5, document 3.
    /// </summary>
    public OrderWeights HeadlineOrder { get; init; } = new(Score: 1, Question: 0.75, Answer: 1.5, Document: 3);

    /// <summary>
    /// A candidate's place in the order with meaning on, highest first: <see cref="PhrasedOrder"/> or
    /// <see cref="HeadlineOrder"/> as <paramref name="phrased"/> (<see cref="SemanticIndex.Phrased"/>) says.
    /// </summary>
    public double Order(in OrderFeatures signals, bool phrased) => (phrased ? PhrasedOrder : HeadlineOrder).Order(signals);

    /// <summary>
    /// How many documents closest in meaning join the BM25 candidates (a paraphrase shares few words): this many by
    /// their closest phrasing, and this many by their whole text. Default 5.
    /// </summary>
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

/// <summary>
/// The weights of a candidate's normalised signals in the order with meaning on (<see cref="SemanticWeights.PhrasedOrder"/>,
/// <see cref="SemanticWeights.HeadlineOrder"/>): the BM25 score relative to the best candidate's and the cosines rescaled
/// over the bank (<see cref="MeaningRange"/>).
/// </summary>
/// <param name="Score">The weight of the BM25 score relative to the best (0 for a candidate found by meaning only).</param>
/// <param name="Question">The weight of the closest phrasing's cosine (<see cref="OrderFeatures.QuestionCloseness"/>).</param>
/// <param name="Answer">The weight of the answer's cosine (<see cref="OrderFeatures.AnswerCloseness"/>).</param>
/// <param name="Document">The weight of the cosine of question and answer read together (<see cref="OrderFeatures.DocumentCloseness"/>).</param>
public readonly record struct OrderWeights(double Score, double Question, double Answer, double Document)
{
    /// <summary>A candidate's place in the order: the weighted sum of its normalised <paramref name="signals"/>, highest first.</summary>
    public double Order(in OrderFeatures signals) =>
        (Score * signals.Score)
        + (Question * signals.QuestionCloseness)
        + (Answer * signals.AnswerCloseness)
        + (Document * signals.DocumentCloseness);
}
