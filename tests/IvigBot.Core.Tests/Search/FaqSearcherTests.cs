using IvigBot.Analysis;
using IvigBot.Content;
using IvigBot.Core.Tests.Infrastructure;
using IvigBot.Search;

namespace IvigBot.Core.Tests.Search;

public class FaqSearcherTests(ShippedEngineFixture fixture) : IClassFixture<ShippedEngineFixture>
{
    private static FaqDocument Entry(string id, string question, string answer) => new()
    {
        Id = id,
        Kind = FaqDocumentKind.Entry,
        Question = question,
        Answer = answer,
        Source = "test",
        Location = new SourceLocation("test.md", 1),
    };

    /// <summary>Fifteen entries that all say "ivig" (a word in more than half of the rows) and differ in one rare word each.</summary>
    private static List<FaqDocument> CommonWordBank() =>
        Enumerable.Range(0, 15).Select(i => Entry($"e{i:D2}", $"ivig and topic{i} question", $"ivig answer about topic{i} and kidney{(i % 3 == 0 ? " kidney" : "")}")).ToList();

    [Fact]
    public void Words_in_half_of_the_rows_are_common_and_rare_words_are_not()
    {
        using var index = FaqIndexBuilder.Build(CommonWordBank(), SynonymMap.Empty);

        Assert.Contains("ivig", index.CommonWords);
        Assert.Contains("and", index.CommonWords);
        Assert.DoesNotContain("topic3", index.CommonWords);
    }

    [Theory]
    [InlineData("ivig kidney", 12)]   // the common word is left out
    [InlineData("ivig kidney", 3)]
    [InlineData("ivig topic4", 12)]   // the rare word finds one document: that is the result, with no filler
    [InlineData("ivig", 12)]          // only a common word: the full expression runs
    [InlineData("ivig and topic4 or kidney", 5)]
    public void Leaving_out_common_words_returns_the_head_of_what_the_full_expression_returns(string question, int limit)
    {
        using var pruned = FaqIndexBuilder.Build(CommonWordBank(), SynonymMap.Empty);
        using var full = FaqIndexBuilder.Build(CommonWordBank(), SynonymMap.Empty);
        full.CommonWords = new HashSet<string>();

        var expected = new FaqSearcher(full) { PostingBudget = int.MaxValue }.Search(full.Analyzer.Analyze(question), limit);
        var actual = new FaqSearcher(pruned).Search(pruned.Analyzer.Analyze(question), limit);

        // Documents found only through a common word score about 1e-6 (FTS5's idf floor): they are left out, and what the
        // rarer words find is the head of the full result, in the same order and with the same scores.
        Assert.NotEmpty(actual);
        Assert.Equal(expected.Take(actual.Count).Select(p => p.Document.Id), actual.Select(p => p.Document.Id));
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First.Score, pair.Second.Score, 1e-4));
        Assert.All(expected.Skip(actual.Count), p => Assert.True(p.Score < 1e-3, $"{p.Document.Id} scored {p.Score} but was left out"));
    }

    [Fact]
    public void Documents_that_only_a_common_word_matches_are_not_handed_over_as_filler()
    {
        using var index = FaqIndexBuilder.Build(CommonWordBank(), SynonymMap.Empty);

        var found = new FaqSearcher(index).Search(index.Analyzer.Analyze("ivig topic4"), 12);

        Assert.Equal("e04", Assert.Single(found).Document.Id);
    }

    [Fact]
    public void Every_team_question_finds_the_head_of_the_full_result_when_common_words_are_left_out()
    {
        var content = fixture.Content;
        using var full = FaqIndexBuilder.Build(content.Documents, content.Synonyms);
        full.CommonWords = new HashSet<string>();
        var questions = IvigBot.Evaluation.JsonLines.Read(RepoPaths.EvalQuestions, IvigJsonContext.Default.EvalQuestion);
        var searcher = new FaqSearcher(fixture.Engine.Index);
        var fullSearcher = new FaqSearcher(full) { PostingBudget = int.MaxValue };
        Assert.NotEmpty(fixture.Engine.Index.CommonWords);

        // The same documents with the same scores as the head of the full result; FTS5 gives left-out words 1e-6 each,
        // so exact ties may swap.
        var differences = questions
            .Select(q => q.Question)
            .Where(q => searcher.Search(fixture.Engine.Index.Analyzer.Analyze(q), 12) is var found
                && !SameScores(found, fullSearcher.Search(full.Analyzer.Analyze(q), 12).Take(found.Count).ToList()))
            .ToList();

        Assert.True(differences.Count == 0, "different documents for:\n" + string.Join('\n', differences));
    }

    [Fact]
    public void Over_the_posting_budget_only_the_rarest_terms_are_searched_and_what_they_find_is_the_result()
    {
        var bank = Enumerable.Range(0, 20)
            .Select(i => Entry($"d{i:D2}", $"question {i} about often{(i < 8 ? " seen" : "")}", i == 5 ? "a rare answer" : $"answer {i}"))
            .ToList();
        using var index = FaqIndexBuilder.Build(bank, SynonymMap.Empty);
        var tight = new FaqSearcher(index) { PostingBudget = 1 };
        var query = index.Analyzer.Analyze("often seen rare");
        var nothingRare = index.Analyzer.Analyze("often seen zzzq");

        var one = tight.Search(query, 1);
        var many = tight.Search(query, 12);
        var all = new FaqSearcher(index) { PostingBudget = int.MaxValue }.Search(query, 12);

        Assert.Equal("d05", Assert.Single(one).Document.Id);
        Assert.Equal("d05", Assert.Single(many).Document.Id);
        Assert.Equal("d05", all[0].Document.Id);
        Assert.True(all.Count > 1);
        Assert.NotEmpty(tight.Search(nothingRare, 12));
    }

    private static bool SameScores(IReadOnlyList<ScoredPassage> actual, List<ScoredPassage> expected) =>
        actual.Count == expected.Count
        && actual.Zip(expected).All(pair => Math.Abs(pair.First.Score - pair.Second.Score) < 1e-4)
        && actual.Select(p => p.Document.Id).Order(StringComparer.Ordinal).SequenceEqual(expected.Select(p => p.Document.Id).Order(StringComparer.Ordinal));

    [Fact]
    public void Many_threads_searching_at_once_get_the_same_results_as_one()
    {
        var index = fixture.Engine.Index;
        var searcher = new FaqSearcher(index);
        string[] questions = ["what is ivig", "how long does an infusion take", "headache after ivig", "can i travel", "kidney problems"];
        var expected = questions.Select(q => string.Join(',', searcher.Search(index.Analyzer.Analyze(q), 12).Select(p => p.Document.Id))).ToArray();

        var results = new string[8 * 50];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            results[i] = string.Join(',', searcher.Search(index.Analyzer.Analyze(questions[i % questions.Length]), 12).Select(p => p.Document.Id)));

        Assert.All(results.Select((r, i) => (r, i)), x => Assert.Equal(expected[x.i % questions.Length], x.r));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void No_results_are_asked_for_none_are_given(int limit)
    {
        var index = fixture.Engine.Index;

        Assert.Empty(new FaqSearcher(index).Search(index.Analyzer.Analyze("what is ivig"), limit));
    }

    [Fact]
    public void The_match_expression_quotes_every_alternative()
    {
        var query = new AnalyzedQuery(["ivig", "rash"], [new QueryTerm("ivig", [["ivig"], ["immune", "globulin"]], false, true), new QueryTerm("rash", [["rash"]], false, true)]);

        Assert.Equal("\"ivig\" OR \"immune globulin\" OR \"rash\"", FaqSearcher.ToMatchExpression(query));
    }

    [Fact]
    public void A_synonym_group_is_searched_as_its_one_group_token()
    {
        var query = new AnalyzedQuery(["igiv", "rash"], [new QueryTerm("igiv", [["igiv"], ["immune", "globulin"]], false, true, 3), new QueryTerm("rash", [["rash"]], false, true)]);

        Assert.Equal("\"syngroup3\" OR \"rash\"", FaqSearcher.ToMatchExpression(query));
    }

    [Fact]
    public void A_row_with_any_phrase_of_a_group_is_found_by_any_other_phrase_of_it()
    {
        var problems = new List<ContentProblem>();
        var synonyms = SynonymMap.Parse("synonyms.txt", "ivig = immune globulin = igiv\n", problems);
        using var index = FaqIndexBuilder.Build(
            [Entry("names", "Is immune globulin the same thing?", "Yes."), Entry("rash", "Can I get a rash?", "Sometimes.")],
            synonyms);

        var found = new FaqSearcher(index).Search(index.Analyzer.Analyze("what is igiv"), 5);

        Assert.Empty(problems);
        Assert.Equal("names", Assert.Single(found).Document.Id);
    }
}
