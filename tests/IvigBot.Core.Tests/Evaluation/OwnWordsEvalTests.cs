using System.Globalization;
using IvigBot.Answering;
using IvigBot.Content;
using IvigBot.Core.Tests.Infrastructure;
using IvigBot.Evaluation;

namespace IvigBot.Core.Tests.Evaluation;

/// <summary>Runs tests/eval/questions-own-words.jsonl (questions written without seeing faq/) once, with the default settings.</summary>
public sealed class OwnWordsReportFixture
{
    public OwnWordsReportFixture()
    {
        using var engine = new AnswerEngine(FaqContentLoader.Load(RepoPaths.Faq), new AnsweringOptions());
        Report = EvalRunner.Run(engine, JsonLines.Read(RepoPaths.OwnWordsQuestions, IvigJsonContext.Default.EvalQuestion));
    }

    public EvalReport Report { get; }
}

/// <summary>
/// The held-out set's floors: what the bot reaches with meaning as well as words (docs/benchmarks.md, issue 15), less a
/// small margin (answers 0.857 on 2026-12-06, with the FAQ's lay phrasings, less two questions). Every emergency and every request for personal advice is caught; answers and off-topic questions are
/// still below the target (0.95).
/// </summary>
public class OwnWordsEvalTests(OwnWordsReportFixture fixture) : IClassFixture<OwnWordsReportFixture>
{
    [Theory]
    [InlineData(AnswerKind.Answer, 0.84)]
    [InlineData(AnswerKind.Fallback, 0.88)]
    [InlineData(AnswerKind.Emergency, 1.0)]
    [InlineData(AnswerKind.Advice, 1.0)]
    [InlineData(AnswerKind.Smalltalk, 1.0)]
    public void Each_kind_stays_at_or_above_what_was_reached(AnswerKind kind, double floor)
    {
        var (_, accuracy) = fixture.Report.PerKind[kind];

        var misses = fixture.Report.Misses.Where(m => m.Expected.Kind == kind)
            .Select(m => string.Create(CultureInfo.InvariantCulture, $"  \"{m.Expected.Question}\": expected {kind} {m.Expected.Id}, got {m.GotKind} {m.GotId} ({m.Confidence:F2})"));
        Assert.True(accuracy >= floor, string.Create(CultureInfo.InvariantCulture, $"{kind} accuracy {accuracy:F3} < {floor}; misses:\n") + string.Join('\n', misses));
    }
}
