using System.Globalization;
using System.Text.Json;
using IvigBot.Answering;
using IvigBot.Content;
using IvigBot.Core.Tests.Infrastructure;
using IvigBot.Evaluation;
using IvigBot.Semantic;

namespace IvigBot.Core.Tests.Evaluation;

/// <summary>Runs tests/eval/questions.jsonl once, with the thresholds of the repository's appsettings.json.</summary>
public sealed class EvalReportFixture
{
    public EvalReportFixture()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(RepoPaths.AppSettings));
        var answering = settings.RootElement.GetProperty(AnsweringOptions.Section);
        Options = new AnsweringOptions
        {
            AnswerThreshold = answering.GetProperty(nameof(AnsweringOptions.AnswerThreshold)).GetDouble(),
            ClarifyThreshold = answering.GetProperty(nameof(AnsweringOptions.ClarifyThreshold)).GetDouble(),
            Semantic = answering.GetProperty(nameof(AnsweringOptions.Semantic)).GetBoolean(),
        };

        Questions = JsonLines.Read(RepoPaths.EvalQuestions, IvigJsonContext.Default.EvalQuestion);
        using var engine = new AnswerEngine(FaqContentLoader.Load(RepoPaths.Faq), Options);
        Report = EvalRunner.Run(engine, Questions);
    }

    public AnsweringOptions Options { get; }

    public IReadOnlyList<EvalQuestion> Questions { get; }

    public EvalReport Report { get; }
}

public class EvalRunnerTests(EvalReportFixture fixture) : IClassFixture<EvalReportFixture>
{
    /// <summary>What the bot reaches with meaning on (0.988 on 2026-12-06, with the FAQ's lay phrasings; issue 15), less three questions.</summary>
    private const double AnswerTop1Floor = 0.975;

    /// <summary>Issue 15's target (0.972 reached on 2026-12-06: one more lure answered fails the build).</summary>
    private const double FallbackFloor = 0.95;

    [Fact]
    public void Appsettings_thresholds_equal_the_option_defaults()
    {
        var defaults = new AnsweringOptions();

        Assert.Equal(defaults.AnswerThreshold, fixture.Options.AnswerThreshold);
        Assert.Equal(defaults.ClarifyThreshold, fixture.Options.ClarifyThreshold);
        Assert.Equal(defaults.Semantic, fixture.Options.Semantic);
    }

    [Fact]
    public void Every_emergency_question_is_answered_as_an_emergency()
    {
        var misses = Misses(AnswerKind.Emergency);

        Assert.True(fixture.Report.PerKind.ContainsKey(AnswerKind.Emergency), "the question set has no emergency questions");
        Assert.True(misses.Count == 0, "emergencies missed:\n" + string.Join('\n', misses));
    }

    [Fact]
    public void Off_topic_questions_fall_back_at_least_95_percent_of_the_time()
    {
        var (_, accuracy) = fixture.Report.PerKind[AnswerKind.Fallback];

        Assert.True(accuracy >= FallbackFloor,
            string.Create(CultureInfo.InvariantCulture, $"fallback accuracy {accuracy:F3} < {FallbackFloor}; misses:\n") + string.Join('\n', Misses(AnswerKind.Fallback)));
    }

    [Fact]
    public void Answer_top1_does_not_regress_below_the_floor()
    {
        Assert.True(fixture.Report.AnswerTop1 >= AnswerTop1Floor,
            string.Create(CultureInfo.InvariantCulture, $"answer top-1 {fixture.Report.AnswerTop1:F3} < {AnswerTop1Floor}; misses:\n") + string.Join('\n', Misses(AnswerKind.Answer)));
    }

    [Fact]
    public void Advice_and_smalltalk_questions_are_all_recognised()
    {
        var misses = Misses(AnswerKind.Advice).Concat(Misses(AnswerKind.Smalltalk)).ToList();

        Assert.True(misses.Count == 0, string.Join('\n', misses));
    }

    [Fact]
    public void The_report_counts_every_question_once()
    {
        var report = fixture.Report;

        Assert.Equal(fixture.Questions.Count, report.Total);
        Assert.Equal(report.Total, report.PerKind.Values.Sum(v => v.Count));
        Assert.Equal(report.Total - report.Misses.Count, (int)Math.Round(report.Accuracy * report.Total));
        Assert.InRange(report.AnswerMrr5, report.AnswerTop1 - 0.2, 1);
    }

    [Fact]
    public void Every_question_decided_by_confidence_comes_with_its_first_candidates_signals()
    {
        var decisions = fixture.Report.Decisions;

        Assert.NotEmpty(decisions);
        Assert.All(decisions, d => Assert.Contains(d.GotKind, new[] { AnswerKind.Answer, AnswerKind.Clarify, AnswerKind.Fallback }));
        Assert.All(decisions, d => Assert.Equal(d.Expected.Kind == AnswerKind.Answer && d.Expected.Id == d.FirstId, d.FirstIsExpected));
        Assert.All(decisions, d => Assert.InRange(d.Features!.Value.QuestionCosine, -1, 1));
        // An answered question's first candidate is the one it was answered with.
        var answered = decisions.Where(d => d.GotKind == AnswerKind.Answer && d.FirstIsExpected).ToList();
        Assert.Equal(fixture.Report.PerKind[AnswerKind.Answer].Count - fixture.Report.Misses.Count(m => m.Expected.Kind == AnswerKind.Answer), answered.Count);
    }

    [Fact]
    public void Each_decisions_candidates_come_in_the_order_their_signals_give()
    {
        // tests/eval/fit-ranking.py replays the order from these signals: it must be the engine's order.
        var weights = new SemanticWeights();

        Assert.All(fixture.Report.Decisions, d =>
        {
            Assert.Equal(d.FirstId, d.Candidates[0].Document.Id);
            var replayed = d.Candidates.OrderByDescending(c => weights.Order(c.Order, phrased: true)).ThenBy(c => c.Document.Id, StringComparer.Ordinal);
            Assert.Equal(d.Candidates.Select(c => c.Document.Id), replayed.Select(c => c.Document.Id));
        });
    }

    [Fact]
    public void On_a_bank_of_headline_questions_the_candidates_come_in_the_headline_order()
    {
        // eval --headlines-only --candidates: the FAQ's entries without alternates are ranked by SemanticWeights.HeadlineOrder.
        using var headlines = RetrievalBenchmark.HeadlinesEngine(FaqContentLoader.Load(RepoPaths.Faq).Documents);
        var weights = new SemanticWeights();

        var report = EvalRunner.Run(headlines, [.. RetrievalBenchmark.AnswerQuestions(fixture.Questions).Take(40)]);

        Assert.Equal(40, report.Decisions.Count);
        Assert.All(report.Decisions, d =>
        {
            var replayed = d.Candidates.OrderByDescending(c => weights.Order(c.Order, phrased: false)).ThenBy(c => c.Document.Id, StringComparer.Ordinal);
            Assert.Equal(d.Candidates.Select(c => c.Document.Id), replayed.Select(c => c.Document.Id));
        });
        // ... which is not the order of the FAQ as it is.
        Assert.Contains(report.Decisions, d => !d.Candidates.Select(c => c.Document.Id).SequenceEqual(
            d.Candidates.OrderByDescending(c => weights.Order(c.Order, phrased: true)).ThenBy(c => c.Document.Id, StringComparer.Ordinal).Select(c => c.Document.Id)));
    }

    [Fact]
    public void With_meaning_off_each_decisions_candidates_come_in_the_order_of_the_ranking_weights()
    {
        // fit-ranking.py --meaning-off replays RankingWeights.Order from the same signals.
        using var lexical = new AnswerEngine(FaqContentLoader.Load(RepoPaths.Faq), new AnsweringOptions { Semantic = false });
        var weights = new RankingWeights();

        var report = EvalRunner.Run(lexical, fixture.Questions.Where(q => q.Kind == AnswerKind.Answer).Take(60).ToList());

        Assert.NotEmpty(report.Decisions);
        Assert.All(report.Decisions, d =>
        {
            Assert.Null(d.Features);
            var replayed = d.Candidates.OrderByDescending(c => weights.Order(c.Order, phrased: true)).ThenBy(c => c.Document.Id, StringComparer.Ordinal);
            Assert.Equal(d.Candidates.Select(c => c.Document.Id), replayed.Select(c => c.Document.Id));
        });
    }

    [Fact]
    public void With_meaning_off_on_a_bank_of_headline_questions_the_candidates_come_in_the_order_of_their_search_score()
    {
        // eval --headlines-only --candidates with meaning off: the FAQ's entries without alternates, ranked by BM25.
        using var headlines = RetrievalBenchmark.HeadlinesEngine(FaqContentLoader.Load(RepoPaths.Faq).Documents, answering: new AnsweringOptions { Semantic = false });
        var weights = new RankingWeights();

        var report = EvalRunner.Run(headlines, [.. RetrievalBenchmark.AnswerQuestions(fixture.Questions).Take(60)]);

        Assert.NotEmpty(report.Decisions);
        Assert.All(report.Decisions, d =>
        {
            Assert.Equal(1.0, d.Candidates[0].Order.Score); // the best search score comes first
            Assert.True(d.Candidates.Zip(d.Candidates.Skip(1)).All(pair => pair.First.Score >= pair.Second.Score));
            var replayed = d.Candidates.OrderByDescending(c => weights.Order(c.Order, phrased: false)).ThenBy(c => c.Document.Id, StringComparer.Ordinal);
            Assert.Equal(d.Candidates.Select(c => c.Document.Id), replayed.Select(c => c.Document.Id));
        });
    }

    private List<string> Misses(AnswerKind kind) =>
        fixture.Report.Misses
            .Where(m => m.Expected.Kind == kind)
            .Select(m => string.Create(CultureInfo.InvariantCulture, $"  \"{m.Expected.Question}\": expected {kind} {m.Expected.Id}, got {m.GotKind} {m.GotId} ({m.Confidence:F2})"))
            .ToList();
}

public class EvalRunnerOnATinyBankTests
{
    [Fact]
    public void Scores_right_and_wrong_expectations()
    {
        using var folder = new TempFolder();
        folder.Write("entries/a.md", ContentSamples.Entry("kidney-problems", "Can IVIG harm the kidneys?", "Rarely, IVIG can strain the kidneys; drink fluids.", "ivig kidney damage", "kidneys and ivig", "renal problems ivig"));
        folder.Write("triage.md", ContentSamples.Triage);
        using var engine = new AnswerEngine(FaqContentLoader.Load(folder.Path), new AnsweringOptions { ExampleQuestions = [] });
        EvalQuestion[] questions =
        [
            new() { Question = "can ivig damage my kidneys", Kind = AnswerKind.Answer, Id = "kidney-problems" },
            new() { Question = "can ivig damage my kidneys", Kind = AnswerKind.Answer, Id = "some-other-entry" },
            new() { Question = "i cant breathe", Kind = AnswerKind.Emergency },
            new() { Question = "hello", Kind = AnswerKind.Emergency },
        ];

        var report = EvalRunner.Run(engine, questions);

        Assert.Equal(4, report.Total);
        Assert.Equal(0.5, report.AnswerTop1);
        Assert.Equal(0.5, report.Accuracy);
        Assert.Equal(0.5, report.AnswerMrr5);
        Assert.Equal((2, 0.5), report.PerKind[AnswerKind.Emergency]);
        Assert.Equal(["some-other-entry", null], report.Misses.Select(m => m.Expected.Id));
        Assert.Equal(AnswerKind.Smalltalk, report.Misses[1].GotKind);
    }
}
