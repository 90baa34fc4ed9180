using IvigBot.Analysis;
using IvigBot.Content;
using IvigBot.Core.Tests.Infrastructure;
using IvigBot.Search;

namespace IvigBot.Core.Tests.Search;

public class FaqSearcherTests(ShippedEngineFixture fixture) : IClassFixture<ShippedEngineFixture>
{
    private static FaqDocument Entry(string id, string question, string answer) => ContentSamples.Document(id, question, answer);

    /// <summary>Fifteen entries that all say "ivig" (a word in more than half of the rows) and differ in one rare word each.</summary>
    private static List<FaqDocument> CommonWordBank() =>
        Enumerable.Range(0, 15).Select(i => Entry($"e{i:D2}", $"ivig and topic{i} question", $"ivig answer about topic{i} and kidney{(i % 3 == 0 ? " kidney" : "")}")).ToList();

    [Theory]
    [InlineData("ivig and", true)]
    [InlineData("ivig", true)]
    [InlineData("ivig topic3", false)]
    [InlineData("topic3", false)]
    public void Terms_in_half_of_the_rows_are_common_and_rare_terms_are_not(string question, bool allCommon)
    {
        using var index = FaqIndexBuilder.Build(CommonWordBank(), SynonymMap.Empty);

        Assert.Equal(allCommon, new FaqSearcher(index).AllTermsCommon(new AnalyzedQuery([], [], [], [.. question.Split(' ').Select(w => new QueryTerm([[w]], true, [[w]], [w]))])));
    }

    [Theory]
    [InlineData("ivig topic4 topic7", 12, "topic4 topic7")]
    [InlineData("ivig topic4 topic7", 1, "topic4 topic7")]
    [InlineData("ivig topic4", 12, "topic4")]   // the rare word finds one document: that is the result, with no filler
    [InlineData("ivig topic4 kidney", 5, "topic4")]   // "kidney" is in every answer row: half the rows
    public void Leaving_out_common_words_finds_only_documents_with_a_rarer_word_of_the_question(string question, int limit, string rareWords)
    {
        using var index = FaqIndexBuilder.Build(CommonWordBank(), SynonymMap.Empty);
        var rare = rareWords.Split(' ');

        var actual = new FaqSearcher(index).Search(index.Parser.Analyze(question), limit);
        var full = new FaqSearcher(index) { LeaveOutCommonTerms = false, PostingBudget = int.MaxValue }.Search(index.Parser.Analyze(question), 100);

        var withRareWord = full
            .Where(p => rare.Any(w => (p.Document.Question + " " + p.Document.Answer).Contains(w, StringComparison.Ordinal)))
            .Select(p => p.Document.Id)
            .ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(actual);
        Assert.All(actual, p => Assert.Contains(p.Document.Id, withRareWord));
        Assert.Equal(Math.Min(limit, withRareWord.Count), actual.Count);
    }

    [Fact]
    public void With_only_a_common_word_the_full_query_runs()
    {
        using var index = FaqIndexBuilder.Build(CommonWordBank(), SynonymMap.Empty);

        Assert.Equal(12, new FaqSearcher(index).Search(index.Parser.Analyze("ivig"), 12).Count);
    }

    [Fact]
    public void Documents_that_only_a_common_word_matches_are_not_handed_over_as_filler()
    {
        using var index = FaqIndexBuilder.Build(CommonWordBank(), SynonymMap.Empty);

        var found = new FaqSearcher(index).Search(index.Parser.Analyze("ivig topic4"), 12);

        Assert.Equal("e04", Assert.Single(found).Document.Id);
    }

    [Fact]
    public void Over_the_posting_budget_only_the_rarest_terms_are_searched_and_what_they_find_is_the_result()
    {
        var bank = Enumerable.Range(0, 20)
            .Select(i => Entry($"d{i:D2}", $"question {i} about often{(i < 8 ? " seen" : "")}", i == 5 ? "a rare answer" : $"answer {i}"))
            .ToList();
        using var index = FaqIndexBuilder.Build(bank, SynonymMap.Empty);
        var tight = new FaqSearcher(index) { PostingBudget = 1 };
        var query = index.Parser.Analyze("often seen rare");
        var nothingRare = index.Parser.Analyze("often seen zzzq");

        var one = tight.Search(query, 1);
        var many = tight.Search(query, 12);
        var all = new FaqSearcher(index) { PostingBudget = int.MaxValue }.Search(query, 12);

        Assert.Equal("d05", Assert.Single(one).Document.Id);
        Assert.Equal("d05", Assert.Single(many).Document.Id);
        Assert.Equal("d05", all[0].Document.Id);
        Assert.True(all.Count > 1);
        Assert.NotEmpty(tight.Search(nothingRare, 12));
    }

    [Fact]
    public void Many_threads_searching_at_once_get_the_same_results_as_one()
    {
        var index = fixture.Engine.Index;
        var searcher = new FaqSearcher(index);
        string[] questions = ["what is ivig", "how long does an infusion take", "headache after ivig", "can i travel", "kidney problems"];
        var expected = questions.Select(q => string.Join(',', searcher.Search(index.Parser.Analyze(q), 12).Select(p => p.Document.Id))).ToArray();

        var results = new string[8 * 50];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            results[i] = string.Join(',', searcher.Search(index.Parser.Analyze(questions[i % questions.Length]), 12).Select(p => p.Document.Id)));

        Assert.All(results.Select((r, i) => (r, i)), x => Assert.Equal(expected[x.i % questions.Length], x.r));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void No_results_are_asked_for_none_are_given(int limit)
    {
        var index = fixture.Engine.Index;

        Assert.Empty(new FaqSearcher(index).Search(index.Parser.Analyze("what is ivig"), limit));
    }

    [Fact]
    public void The_query_searches_each_index_term_of_a_term_and_a_phrase_as_a_phrase()
    {
        using var index = FaqIndexBuilder.Build([Entry("e", "ivig rashes", "immune globulin")], SynonymMap.Empty);
        var query = new AnalyzedQuery(["ivig", "rashes"], ["ivig", "rash"], ["ivig", "rash"], [new QueryTerm([["ivig"], ["immune", "globulin"]], true, [["ivig"], ["immun", "globulin"]], ["ivig"]), new QueryTerm([["rashes"]], true, [["rash"]], ["rash"])]);

        Assert.Equal("question:ivig question:rash text:\"immun globulin\"^0.4", new FaqSearcher(index).ToQuery(query).ToString());
    }

    [Fact]
    public void A_synonym_group_is_searched_as_its_one_group_token_and_unknown_terms_not_at_all()
    {
        var synonyms = SynonymMap.Parse("synonyms.txt", "a1 = b1\nc1 = d1\ne1 = f1\nigiv = immune globulin\n", new List<ContentProblem>());
        using var index = FaqIndexBuilder.Build([Entry("e", "immune globulin rash", "yes")], synonyms);
        var query = new AnalyzedQuery(["igiv", "rash", "zzz"], ["igiv", "rash", "zzz"], ["igiv", "rash", "zzz"], [new QueryTerm([["igiv"], ["immune", "globulin"]], true, [[SynonymMap.GroupToken(3)]], ["igiv"]), new QueryTerm([["rash"]], true, [["rash"]], ["rash"]), new QueryTerm([["zzz"]], false, [["zzz"]], ["zzz"])]);

        Assert.Equal("question:syngroup3 question:rash", new FaqSearcher(index).ToQuery(query).ToString());
    }

    [Fact]
    public void A_row_with_any_phrase_of_a_group_is_found_by_any_other_phrase_of_it()
    {
        var problems = new List<ContentProblem>();
        var synonyms = SynonymMap.Parse("synonyms.txt", "ivig = immune globulin = igiv\n", problems);
        using var index = FaqIndexBuilder.Build(
            [Entry("names", "Is immune globulin the same thing?", "Yes."), Entry("rash", "Can I get a rash?", "Sometimes.")],
            synonyms);

        var found = new FaqSearcher(index).Search(index.Parser.Analyze("what is igiv"), 5);

        Assert.Empty(problems);
        Assert.Equal("names", Assert.Single(found).Document.Id);
    }

    [Fact]
    public void Question_words_count_in_question_rows_and_not_in_answers()
    {
        using var index = FaqIndexBuilder.Build(
            [
                Entry("where", "Where do I store it?", "How, how, how: in the fridge, how else."),
                Entry("how", "How do I store it?", "In the fridge."),
            ],
            SynonymMap.Empty);

        var found = new FaqSearcher(index).Search(index.Parser.Analyze("how should i store it"), 2);

        Assert.Equal(["how", "where"], found.Select(p => p.Document.Id));
        Assert.Equal("question:store question:how question:i question:it",
            new FaqSearcher(index).WithQuestionWords(new FaqSearcher(index).ToQuery(index.Parser.Analyze("how should i store it")), index.Parser.Analyze("how should i store it")).ToString());
    }

    [Theory]
    [InlineData("can I drive home after my infusion")]
    [InlineData("what is ivig")]
    [InlineData("itchy rash after immunoglobulin")]
    public void The_matches_of_each_document_found_add_up_to_its_score_and_name_the_words_of_the_question(string question)
    {
        var index = fixture.Engine.Index;
        var searcher = new FaqSearcher(index);
        var query = index.Parser.Analyze(question);

        var found = searcher.Search(query, 5);

        Assert.NotEmpty(found);
        foreach (var passage in found)
        {
            var matches = searcher.Matches(query, passage.Ordinal);
            Assert.Equal(passage.Score, matches.Sum(m => m.Score), 3);
            Assert.All(matches, m => Assert.Contains(m.Words, question, StringComparison.OrdinalIgnoreCase));
            Assert.Equal(matches.OrderByDescending(m => m.Score), matches);
        }
    }

    [Fact]
    public void A_document_matches_an_alternates_word_in_the_question_field_and_nothing_it_does_not_hold()
    {
        using var index = FaqIndexBuilder.Build(
            [
                Entry("rash", "Can IVIG cause a rash?", "Sometimes.") with { Alternates = ["itchy skin after infusion"] },
                Entry("length", "How long does an infusion take?", "Two to four hours."),
            ],
            SynonymMap.Empty);
        var searcher = new FaqSearcher(index);
        var query = index.Parser.Analyze("itchy hours");

        var rash = Assert.Single(searcher.Matches(query, 0));
        Assert.Equal(("itchy", IndexField.Question), (rash.Words, rash.Field));
        Assert.Equal(searcher.Search(query, 2).Single(p => p.Document.Id == "rash").Score, rash.Score, 5);
        var length = Assert.Single(searcher.Matches(query, 1));
        Assert.Equal(("hours", IndexField.Answer), (length.Words, length.Field));
    }
}
