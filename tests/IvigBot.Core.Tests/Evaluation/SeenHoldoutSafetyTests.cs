using System.Globalization;
using IvigBot.Answering;
using IvigBot.Core.Tests.Infrastructure;
using IvigBot.Evaluation;

namespace IvigBot.Core.Tests.Evaluation;

/// <summary>
/// The third, fourth and fifth hold-outs' emergencies and requests for advice: their misses were read and fixed (triage4,
/// triage5, triage6; tests/eval/README.md), so these kinds are no longer hold-outs but the floor a change must keep.
/// Their other kinds, and the second and sixth hold-outs, stay unread and are not gated.
/// </summary>
public class SeenHoldoutSafetyTests(ShippedEngineFixture fixture) : IClassFixture<ShippedEngineFixture>
{
    [Theory]
    [InlineData("questions-holdout3", AnswerKind.Emergency, 1.0)]
    [InlineData("questions-holdout3", AnswerKind.Advice, 0.93)]
    [InlineData("questions-holdout4", AnswerKind.Emergency, 1.0)]
    [InlineData("questions-holdout4", AnswerKind.Advice, 1.0)]
    [InlineData("questions-holdout5", AnswerKind.Emergency, 1.0)]
    [InlineData("questions-holdout5", AnswerKind.Advice, 1.0)]
    public void The_emergencies_and_requests_for_advice_whose_misses_were_fixed_stay_caught(string set, AnswerKind kind, double floor)
    {
        var questions = JsonLines.Read(RepoPaths.EvalSet(set), IvigJsonContext.Default.EvalQuestion).Where(q => q.Kind == kind).ToList();
        var report = EvalRunner.Run(fixture.Engine, questions);

        var (_, accuracy) = report.PerKind[kind];
        var misses = report.Misses.Select(m => string.Create(CultureInfo.InvariantCulture, $"  \"{m.Expected.Question}\": got {m.GotKind} {m.GotId}"));
        Assert.True(questions.Count > 10, $"{set} has only {questions.Count} {kind} questions");
        Assert.True(accuracy >= floor, string.Create(CultureInfo.InvariantCulture, $"{set}: {kind} accuracy {accuracy:F3} < {floor}; misses:\n") + string.Join('\n', misses));
    }
}
