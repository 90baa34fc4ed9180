using System.Globalization;
using IvigBot.Answering;
using IvigBot.Evaluation;

namespace IvigBot.Cli;

/// <summary>Prints an evaluation report and judges it against the project's targets.</summary>
public static class EvalPrinter
{
    /// <summary>Answer questions must get the expected entry at least this often (issue 15's target for the team set).</summary>
    public const double AnswerTop1Target = 0.95;

    /// <summary>Off-topic questions must get a fallback, advice requests a referral and small talk a reply, each at least this often.</summary>
    public const double KindTarget = 0.95;

    /// <summary>The share of each kind that must get its reply: every emergency, the others <see cref="KindTarget"/>.</summary>
    public static double Target(AnswerKind kind) => kind switch
    {
        AnswerKind.Emergency => 1.0,
        AnswerKind.Answer => AnswerTop1Target,
        _ => KindTarget,
    };

    public static bool MeetsTargets(EvalReport report) =>
        report.AnswerTop1 >= AnswerTop1Target
        && report.PerKind.All(k => k.Key == AnswerKind.Answer || k.Value.Item2 >= Target(k.Key));

    /// <summary>One line of ranking figures on an external benchmark; with graded judgements, also the mean grade of the first entry.</summary>
    public static void Print(BenchmarkReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var c = CultureInfo.InvariantCulture;
        var relevant = report.RelevantGrade > 1 ? string.Create(c, $" (relevant: grade >= {report.RelevantGrade})") : "";
        output.WriteLine(string.Create(c,
            $"{report.Queries} queries, {report.FaqEntries} FAQ entries{relevant}: P@1 {report.PrecisionAt1:F3}  MRR@10 {report.MrrAt10:F3}  nDCG@10 {report.NdcgAt10:F3}  R@5 {report.RecallAt5:F3}  mean top-1 grade {report.MeanTop1Grade:F3}"));
    }

    /// <summary>The questions decided by confidence, one TSV row each with the first candidate's signals (<see cref="EvalReport.Decisions"/>).</summary>
    public static void WriteDecisions(EvalReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine("kind\texpected_id\tfirst_id\tfirst_is_expected\tgot\tlexical\tquestion_cosine\tunknown_share\ttopicality\tquestion");
        foreach (var d in report.Decisions)
        {
            if (d.Features is not { } f)
            {
                continue;
            }

            output.WriteLine(string.Create(c,
                $"{d.Expected.Kind.ToString().ToLowerInvariant()}\t{d.Expected.Id}\t{d.FirstId}\t{(d.FirstIsExpected ? 1 : 0)}\t{d.GotKind.ToString().ToLowerInvariant()}\t{f.Lexical:F4}\t{f.QuestionCosine:F4}\t{f.UnknownShare:F4}\t{f.Topicality:F4}\t{d.Expected.Question.ReplaceLineEndings(" ").Replace('\t', ' ')}"));
        }
    }

    /// <summary>
    /// Writes, as TSV, every candidate of each question decided by confidence, with the signals of its order and of its
    /// confidence: the rows <c>tests/eval/fit-ranking.py</c> fits the order (<see cref="Semantic.SemanticWeights"/>,
    /// <see cref="RankingWeights"/>) on. With <see cref="EvalDecision.EveryDocument"/>, every document, and
    /// <c>in_pool</c> says which were the engine's candidates (the others let the script try a larger pool).
    /// </summary>
    public static void WriteCandidates(EvalReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine("question_no\tkind\texpected_id\tcandidate_id\tis_expected\tin_pool\torder_lexical\torder_wording\tscore\tquestion_cosine\tanswer_cosine\tquestion_closeness\tanswer_closeness\tlexical\tunknown_share\ttopicality\tdocument_cosine\tdocument_closeness");
        for (var i = 0; i < report.Decisions.Count; i++)
        {
            var d = report.Decisions[i];
            var pool = d.Candidates.Select(candidate => candidate.Document.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var candidate in d.EveryDocument ?? d.Candidates)
            {
                var (o, f) = (candidate.Order, candidate.Features.GetValueOrDefault());
                output.WriteLine(string.Create(c,
                    $"{i}\t{d.Expected.Kind.ToString().ToLowerInvariant()}\t{d.Expected.Id}\t{candidate.Document.Id}\t{(candidate.Document.Id == d.Expected.Id ? 1 : 0)}\t{(pool.Contains(candidate.Document.Id) ? 1 : 0)}\t{o.Lexical:F5}\t{o.Wording:F5}\t{o.Score:F5}\t{o.QuestionCosine:F5}\t{o.AnswerCosine:F5}\t{o.QuestionCloseness:F5}\t{o.AnswerCloseness:F5}\t{f.Lexical:F5}\t{f.UnknownShare:F5}\t{f.Topicality:F5}\t{o.DocumentCosine:F5}\t{o.DocumentCloseness:F5}"));
            }
        }
    }

    public static void Print(EvalReport report, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"{report.Total} questions: overall accuracy {report.Accuracy:F3}"));
        output.WriteLine(string.Create(c, $"answer top-1 {report.AnswerTop1:F3} (target {AnswerTop1Target:F2})   answer MRR@5 {report.AnswerMrr5:F3}"));
        output.WriteLine("per kind:");
        foreach (var (kind, (count, accuracy)) in report.PerKind)
        {
            output.WriteLine(string.Create(c, $"  {kind.ToString().ToLowerInvariant(),-10} {count,4} questions  accuracy {accuracy:F3} (target {Target(kind):F2})"));
        }

        output.WriteLine($"misses: {report.Misses.Count}");
        foreach (var miss in report.Misses)
        {
            var expected = miss.Expected.Kind == AnswerKind.Answer ? $"answer {miss.Expected.Id}" : miss.Expected.Kind.ToString().ToLowerInvariant();
            var got = miss.GotKind.ToString().ToLowerInvariant() + (miss.GotId is null ? "" : $" {miss.GotId}");
            var rank = miss.ExpectedRank is { } r ? $", expected at rank {r}" : "";
            output.WriteLine(string.Create(c, $"  - \"{miss.Expected.Question}\": expected {expected}, got {got} ({miss.Confidence:F2}{rank})"));
        }

        output.WriteLine(MeetsTargets(report) ? "targets met" : "TARGETS NOT MET");
    }
}
