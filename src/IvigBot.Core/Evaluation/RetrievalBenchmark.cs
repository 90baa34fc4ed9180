using System.Globalization;
using IvigBot.Analysis;
using IvigBot.Answering;
using IvigBot.Content;

namespace IvigBot.Evaluation;

/// <summary>
/// Ranking figures on an external FAQ-retrieval benchmark, over the judged queries (those with at least one judgement).
/// An entry counts as relevant when its grade is at least the run's relevant grade.
/// </summary>
/// <param name="Queries">Judged queries ranked.</param>
/// <param name="FaqEntries">Entries in the bank.</param>
/// <param name="PrecisionAt1">Share of queries whose first entry is relevant.</param>
/// <param name="MrrAt10">Mean reciprocal rank of the first relevant entry in the first ten.</param>
/// <param name="NdcgAt10">Graded nDCG@10 (gain = grade; every grade above 0 counts).</param>
/// <param name="RecallAt5">Share of a query's relevant entries found in the first five, averaged.</param>
/// <param name="MeanTop1Grade">Mean grade of the first entry (unjudged counts 0); TREC LiveQA's avgScore.</param>
/// <param name="RelevantGrade">The grade from which an entry counts as relevant.</param>
public sealed record BenchmarkReport(
    int Queries,
    int FaqEntries,
    double PrecisionAt1,
    double MrrAt10,
    double NdcgAt10,
    double RecallAt5,
    double MeanTop1Grade = 0,
    int RelevantGrade = 1);

/// <summary>
/// Measures the same engine on another FAQ bank and query set (CovidFAQ, LiveQA-Med against MedQuAD): the bank's
/// entries are indexed as questions with answers, with no synonyms and no triage, and each judged query is ranked.
/// </summary>
public static class RetrievalBenchmark
{
    public static BenchmarkReport Run(string bankPath, string queriesPath, string qrelsPath, RankingWeights? weights = null) =>
        Run([bankPath], queriesPath, qrelsPath, weights);

    /// <param name="bankPaths">FAQ bank files, gzipped or not; an id in a later file replaces the earlier entry.</param>
    /// <param name="queriesPath">Queries (JSON Lines).</param>
    /// <param name="qrelsPath">Judgements (TSV with header: query id, entry id, grade).</param>
    /// <param name="weights">Ranking weights; null for the shipped ones.</param>
    /// <param name="relevantGrade">The grade from which an entry counts as relevant (1 for binary sets; 2 is TREC LiveQA's "correct").</param>
    /// <param name="answering">The answering settings (meaning on or off, which model); null for the defaults.</param>
    public static BenchmarkReport Run(IReadOnlyList<string> bankPaths, string queriesPath, string qrelsPath, RankingWeights? weights = null, int relevantGrade = 1, AnsweringOptions? answering = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(relevantGrade, 1);
        var documents = BenchmarkBank.LoadEntries(bankPaths);
        var queries = BenchmarkBank.LoadQueries(queriesPath);
        var judgements = BenchmarkBank.LoadJudgements(qrelsPath);

        using var engine = BankEngine(documents, weights, answering);
        return Score(engine, queries, judgements, relevantGrade);
    }

    /// <summary>
    /// The answer questions of one of our own sets ranked against the FAQ's entries as a benchmark bank: each entry's
    /// headline question and answer only, with no alternates, synonyms, triage or article passages, as the public
    /// benchmarks' banks are. A question is relevant to its expected entry only. Unlike the public sets' queries, these may
    /// be tuned on: it shows how a change fares on a bank without "also asked as" phrasings before the public sets are run.
    /// </summary>
    /// <param name="entries">The FAQ's entries (their alternates are left out here).</param>
    /// <param name="questions">A question set; only its <see cref="AnswerKind.Answer"/> questions are ranked.</param>
    /// <param name="weights">Ranking weights; null for the shipped ones.</param>
    /// <param name="answering">The answering settings (meaning on or off, which model); null for the defaults.</param>
    public static BenchmarkReport RunHeadlinesOnly(IEnumerable<FaqDocument> entries, IReadOnlyList<EvalQuestion> questions, RankingWeights? weights = null, AnsweringOptions? answering = null)
    {
        using var engine = HeadlinesEngine(entries, weights, answering);
        return RunHeadlinesOnly(engine, questions);
    }

    /// <summary>The same with an engine from <see cref="HeadlinesEngine"/>, to rank the questions again with it (<c>eval --headlines-only --candidates</c>).</summary>
    public static BenchmarkReport RunHeadlinesOnly(AnswerEngine engine, IReadOnlyList<EvalQuestion> questions)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var answers = AnswerQuestions(questions);
        var queries = answers.Select((q, i) => (Id: i.ToString(CultureInfo.InvariantCulture), Text: q.Question)).ToList();
        var judgements = answers.Select((q, i) => (Id: i.ToString(CultureInfo.InvariantCulture), Grades: new Dictionary<string, int>(StringComparer.Ordinal) { [q.Id!] = 1 }))
            .ToDictionary(x => x.Id, x => x.Grades, StringComparer.Ordinal);
        return Score(engine, queries, judgements, relevantGrade: 1);
    }

    /// <summary>An engine on the FAQ's entries with their headline question and answer only (<see cref="RunHeadlinesOnly(IEnumerable{FaqDocument}, IReadOnlyList{EvalQuestion}, RankingWeights?, AnsweringOptions?)"/>).</summary>
    /// <param name="entries">The FAQ's documents (passages and alternates are left out).</param>
    /// <param name="weights">Ranking weights; null for the shipped ones.</param>
    /// <param name="answering">The answering settings; null for the defaults.</param>
    /// <param name="answers">Whose answers each entry holds (<see cref="HeadlineBank"/>).</param>
    public static AnswerEngine HeadlinesEngine(IEnumerable<FaqDocument> entries, RankingWeights? weights = null, AnsweringOptions? answering = null, HeadlineAnswers answers = HeadlineAnswers.Own) =>
        BankEngine(HeadlineBank(entries, answers), weights, answering);

    /// <summary>How many entries' answers one answer of a <see cref="HeadlineAnswers.Overlapping"/> or <see cref="HeadlineAnswers.Shared"/> bank holds.</summary>
    public const int AnswersPerEntry = 3;

    /// <summary>
    /// The FAQ's entries with their headline question and an answer made as <paramref name="answers"/> says, in the
    /// FAQ's order: their own (<see cref="HeadlineAnswers.Own"/>), or <see cref="AnswersPerEntry"/> answers of their
    /// topic joined, so that answers are long and several entries hold the same text, as in a bank built from long
    /// web pages. Each entry keeps its id and question, so a question is still relevant to its own entry only.
    /// </summary>
    public static List<FaqDocument> HeadlineBank(IEnumerable<FaqDocument> entries, HeadlineAnswers answers = HeadlineAnswers.Own)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var headlines = entries.Where(d => d.Kind == FaqDocumentKind.Entry).Select(d => d with { Alternates = [] }).ToList();
        if (answers == HeadlineAnswers.Own)
        {
            return headlines;
        }

        var byTopic = headlines.GroupBy(d => d.Topic, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return [.. headlines.Select(entry =>
        {
            var topic = byTopic[entry.Topic];
            var at = topic.FindIndex(d => d.Id == entry.Id);
            var joined = answers == HeadlineAnswers.Overlapping
                ? Enumerable.Range(at, Math.Min(AnswersPerEntry, topic.Count)).Select(i => topic[i % topic.Count])
                : topic.Skip(at - (at % AnswersPerEntry)).Take(AnswersPerEntry);
            return entry with { Answer = string.Join("\n\n", joined.Select(d => d.Answer)) };
        })];
    }

    /// <summary>The questions of <paramref name="questions"/> that a headlines-only run ranks: those that expect an answer.</summary>
    public static IReadOnlyList<EvalQuestion> AnswerQuestions(IReadOnlyList<EvalQuestion> questions) =>
        [.. questions.Where(q => q.Kind == AnswerKind.Answer && q.Id is not null)];

    private static AnswerEngine BankEngine(List<FaqDocument> documents, RankingWeights? weights, AnsweringOptions? answering) =>
        new(Search.FaqIndexBuilder.Build(documents, SynonymMap.Empty), [], answering ?? new AnsweringOptions(), weights);

    private static BenchmarkReport Score(AnswerEngine engine, List<(string Id, string Text)> queries, Dictionary<string, Dictionary<string, int>> judgements, int relevantGrade)
    {
        double p1 = 0, mrr = 0, ndcg = 0, r5 = 0, top1Grade = 0;
        var judged = 0;
        foreach (var (id, text) in queries)
        {
            if (!judgements.TryGetValue(id, out var grades))
            {
                continue;
            }

            judged++;
            var ranking = engine.Rank(text).Take(10).Select(c => grades.GetValueOrDefault(c.Document.Id)).ToList();
            var relevantCount = grades.Values.Count(g => g >= relevantGrade);
            top1Grade += ranking.Count > 0 ? ranking[0] : 0;
            p1 += ranking.Count > 0 && ranking[0] >= relevantGrade ? 1 : 0;
            var first = ranking.FindIndex(g => g >= relevantGrade);
            mrr += first < 0 ? 0 : 1.0 / (first + 1);
            r5 += relevantCount == 0 ? 0 : (double)ranking.Take(5).Count(g => g >= relevantGrade) / relevantCount;
            var dcg = ranking.Select((g, i) => g / Math.Log2(i + 2)).Sum();
            var ideal = grades.Values.Where(g => g > 0).OrderDescending().Take(10).Select((g, i) => g / Math.Log2(i + 2)).Sum();
            ndcg += ideal > 0 ? dcg / ideal : 0;
        }

        var n = Math.Max(1, judged);
        return new BenchmarkReport(judged, engine.Index.Documents.Count, p1 / n, mrr / n, ndcg / n, r5 / n, top1Grade / n, relevantGrade);
    }
}

/// <summary>Whose answers each entry of a headlines-only bank holds (<see cref="RetrievalBenchmark.HeadlineBank"/>, <c>eval --headlines-only --bank-answers</c>).</summary>
public enum HeadlineAnswers
{
    /// <summary>Its own: the FAQ's entries as they are (the default).</summary>
    Own,

    /// <summary>
    /// Its own followed by the answers of the next entries of its topic (<see cref="RetrievalBenchmark.AnswersPerEntry"/>
    /// in all, the topic's first ones after its last): long answers, each text in as many entries' answers.
    /// </summary>
    Overlapping,

    /// <summary>
    /// The answers of its group joined: the entries of a topic in groups of <see cref="RetrievalBenchmark.AnswersPerEntry"/>,
    /// in order, each group's entries holding one and the same answer (CovidFAQ has one answer shared by two entries).
    /// </summary>
    Shared,
}
