using System.Globalization;
using IvigBot.Answering;
using IvigBot.Content;
using IvigBot.Core.Tests.Infrastructure;
using IvigBot.Evaluation;

namespace IvigBot.Core.Tests.Evaluation;

/// <summary>
/// tests/eval/questions-reworded.jsonl against the FAQ's entries with their headline question and answer only, as a
/// public benchmark's bank is queried (<c>eval --headlines-only</c>): the development set the order of such banks
/// (<see cref="IvigBot.Semantic.SemanticWeights.HeadlineOrder"/>) was chosen on, and with meaning off one of the sets
/// the plain BM25 order of such banks (<see cref="RankingWeights.HeadlineFields"/>) was chosen on.
/// </summary>
public class RewordedHeadlinesEvalTests
{
    /// <summary>What the order of 2026-12-06 reaches (122 of 153, 0.797), less one question; the order before it had 0.784.</summary>
    private const double PrecisionAt1Floor = 0.79;

    [Fact]
    public void The_expected_entry_comes_first_at_least_as_often_as_when_the_headline_order_was_chosen()
    {
        var questions = JsonLines.Read(RepoPaths.RewordedQuestions, IvigJsonContext.Default.EvalQuestion);

        var report = RetrievalBenchmark.RunHeadlinesOnly(FaqContentLoader.Load(RepoPaths.Faq).Documents, questions);

        Assert.Equal(153, report.Queries);
        Assert.True(report.PrecisionAt1 >= PrecisionAt1Floor, string.Create(CultureInfo.InvariantCulture, $"headlines-only P@1 {report.PrecisionAt1:F3} < {PrecisionAt1Floor}"));
    }

    /// <summary>With meaning off, what plain BM25 over the whole entry reaches (107 of 153, 0.699), less one question; the order of the phrased FAQ had 0.588.</summary>
    private const double LexicalPrecisionAt1Floor = 0.69;

    [Fact]
    public void With_meaning_off_the_expected_entry_comes_first_as_often_as_when_the_headline_order_was_chosen()
    {
        var questions = JsonLines.Read(RepoPaths.RewordedQuestions, IvigJsonContext.Default.EvalQuestion);

        var report = RetrievalBenchmark.RunHeadlinesOnly(FaqContentLoader.Load(RepoPaths.Faq).Documents, questions, answering: new AnsweringOptions { Semantic = false });

        Assert.True(report.PrecisionAt1 >= LexicalPrecisionAt1Floor, string.Create(CultureInfo.InvariantCulture, $"headlines-only P@1 with meaning off {report.PrecisionAt1:F3} < {LexicalPrecisionAt1Floor}"));
    }
}
