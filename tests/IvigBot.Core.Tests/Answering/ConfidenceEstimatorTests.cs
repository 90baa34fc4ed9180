using IvigBot.Analysis;
using IvigBot.Answering;
using IvigBot.Content;
using IvigBot.Search;

namespace IvigBot.Core.Tests.Answering;

public class ConfidenceEstimatorTests
{
    [Theory]
    [InlineData("where do they give it", "where")]
    [InlineData("where is ivig given", "where")]
    [InlineData("how do they give it", "how")]
    [InlineData("how is ivig given", "how")]
    [InlineData("when is ivig given", "when")]
    public void Question_words_decide_between_entries_with_the_same_content_words(string question, string expected)
    {
        using var engine = Engine(
            Entry("where", "Where is IVIG given?", "Where do they give IVIG?"),
            Entry("how", "How is IVIG given?", "How do they give IVIG?"),
            Entry("when", "When is IVIG given?", "When do they give IVIG?"));

        var ranked = engine.Rank(question);

        Assert.Equal(expected, ranked[0].Document.Id);
        Assert.Equal(ranked[0].Confidence, ranked[1].Confidence, 6);
    }

    [Fact]
    public void Wording_similarity_is_one_for_the_question_itself_and_lower_for_other_wording()
    {
        using var engine = Engine(Entry("how", "How is IVIG given?", "How do they give IVIG?"), Entry("cost", "What does IVIG cost?", "Is IVIG expensive?"));
        var estimator = new ConfidenceEstimator(engine.Index, new RankingWeights());
        var how = engine.Index.Documents.ToList().FindIndex(d => d.Id == "how");

        var same = estimator.WordingSimilarity(estimator.Profile(engine.Index.Parser.Analyze("how is ivig given"), null), how);
        var other = estimator.WordingSimilarity(estimator.Profile(engine.Index.Parser.Analyze("where is ivig given"), null), how);

        Assert.Equal(1, same, 6);
        Assert.InRange(other, 0.01, 0.99);
    }

    [Fact]
    public void Wording_similarity_by_phrasing_masks_equals_the_plain_computation_for_every_team_question_and_entry()
    {
        var content = FaqContentLoader.Load(Infrastructure.RepoPaths.Faq);
        using var engine = new AnswerEngine(content, new AnsweringOptions { CacheSize = 0 });
        var estimator = new ConfidenceEstimator(engine.Index, new RankingWeights());
        var questions = IvigBot.Evaluation.JsonLines.Read(Infrastructure.RepoPaths.EvalQuestions, IvigJsonContext.Default.EvalQuestion);
        var compared = 0;
        var different = new List<string>();
        foreach (var question in questions)
        {
            var profile = estimator.Profile(engine.Index.Parser.Analyze(question.Question), null);
            for (var document = 0; document < engine.Index.Documents.Count; document++)
            {
                var fast = estimator.WordingSimilarity(profile, document);
                var plain = estimator.PlainWordingSimilarity(profile, document);
                compared += plain > 0 ? 1 : 0;
                if (fast != plain)
                {
                    different.Add($"{question.Question} / {engine.Index.Documents[document].Id}: {fast:R} vs {plain:R}");
                }
            }
        }

        Assert.True(compared > 10_000, $"only {compared} non-zero similarities");
        Assert.True(different.Count == 0, string.Join('\n', different.Take(10)));
    }

    [Fact]
    public void A_single_close_question_below_the_answer_threshold_is_offered_first_in_the_fallback()
    {
        var options = new AnsweringOptions { AnswerThreshold = 0.95, ClarifyThreshold = 0.2, Semantic = false };
        using var engine = new AnswerEngine(
            FaqIndexBuilder.Build([Entry("cost", "What does IVIG cost?", "Is IVIG expensive?"), Entry("pregnancy", "Is IVIG safe in pregnancy?", "Can I have IVIG when pregnant?")], SynonymMap.Empty),
            [], options);

        var result = engine.Answer("cost of parking at the hospital");

        Assert.Equal(AnswerKind.Fallback, result.Kind);
        Assert.Equal("cost", result.Suggestions[0].Id);
        Assert.Contains("What does IVIG cost?", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Suggestions, s => s.Id == "pregnancy");
    }

    private static AnswerEngine Engine(params FaqDocument[] documents) =>
        new(FaqIndexBuilder.Build(documents, SynonymMap.Empty), [], new AnsweringOptions { Semantic = false }); // the lexical estimator alone

    private static FaqDocument Entry(string id, string question, string alternate) => new()
    {
        Id = id,
        Kind = FaqDocumentKind.Entry,
        Question = question,
        Alternates = [alternate],
        Answer = "An answer about " + id + ".",
        Source = "test",
        Location = new SourceLocation("test.md", 1),
    };
}
