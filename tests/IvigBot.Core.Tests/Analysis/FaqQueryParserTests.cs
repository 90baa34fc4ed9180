using IvigBot.Analysis;
using IvigBot.Content;
using IvigBot.Core.Tests.Infrastructure;
using IvigBot.Evaluation;

namespace IvigBot.Core.Tests.Analysis;

public class FaqQueryParserTests
{
    private static FaqQueryParser CreateParser()
    {
        var synonyms = SynonymMap.Parse("synonyms.txt", """
            ivig = intravenous immunoglobulin = immunoglobulin = igiv
            gbs = guillain barre syndrome = guillain barre = guillain
            side effect = reaction
            kidney = renal
            """, new List<ContentProblem>());
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["ivig"] = 40, ["immunoglobulin"] = 10, ["guillain"] = 3, ["barre"] = 3, ["syndrome"] = 3,
            ["side"] = 5, ["effect"] = 5, ["headache"] = 4, ["kawasaki"] = 2, ["flu"] = 2,
        };
        return new FaqQueryParser(new SpellingCorrector(vocabulary), synonyms);
    }

    private static bool HasAlternative(AnalyzedQuery query, params string[] phrase) =>
        query.Terms.Any(t => t.Alternatives.Any(a => a.SequenceEqual(phrase)));

    /// <summary>
    /// The index terms and light stems come from the one pass of the question through the analyzer; they must be what the
    /// chain makes of each word on its own (<see cref="FaqAnalyzer.Stems"/>), as the index holds it, and what
    /// <see cref="LightStemmer"/> makes of it, as confidence compares words.
    /// </summary>
    [Fact]
    public void Each_words_index_term_and_stem_from_the_one_pass_are_the_words_own()
    {
        var content = FaqContentLoader.Load(RepoPaths.Faq);
        using var index = IvigBot.Search.FaqIndexBuilder.Build(content.Documents, content.Synonyms);
        var parser = index.Parser;
        var questions = JsonLines.Read(RepoPaths.EvalQuestions, IvigJsonContext.Default.EvalQuestion)
            .Concat(JsonLines.Read(RepoPaths.OwnWordsQuestions, IvigJsonContext.Default.EvalQuestion))
            .Select(q => q.Question)
            .Append("Guillain-Barré, kawasacki and immunoglobin: can't they've o'clock 3.5mg covid-19 e.g.");
        var checkedWords = 0;
        foreach (var question in questions)
        {
            var query = parser.Analyze(question);
            Assert.Equal(query.Tokens.Count, query.IndexTerms.Count);
            Assert.Equal(query.Tokens.Count, query.Stems.Count);
            for (var i = 0; i < query.Tokens.Count; i++)
            {
                Assert.Equal(FaqAnalyzer.Shared.Tokens(FaqAnalyzer.Stems, query.Tokens[i]), [query.IndexTerms[i]]);
                Assert.Equal(LightStemmer.Stem(query.Tokens[i]), query.Stems[i]);
                checkedWords++;
            }

            foreach (var term in query.Terms)
            {
                Assert.Equal(term.Alternatives[0].Select(LightStemmer.Stem), term.Stems);
                if (SynonymMap.GroupOf(term.IndexTerms[0][0]) is null)
                {
                    Assert.Equal([FaqAnalyzer.Shared.Tokens(FaqAnalyzer.Stems, term.Text).ToArray()], term.IndexTerms);
                }
            }
        }

        Assert.True(checkedWords > 5000, $"{checkedWords} words checked");
    }

    [Theory]
    [InlineData("what is gbs")]
    [InlineData("GBS and IVIG")]
    [InlineData("guillain barre")]
    [InlineData("Guillain-Barré syndrome")]
    public void Gbs_and_guillain_barre_expand_to_each_other(string question)
    {
        var query = CreateParser().Analyze(question);

        Assert.True(HasAlternative(query, "guillain", "barre", "syndrome"), Describe(query));
        Assert.True(HasAlternative(query, "gbs"), Describe(query));
    }

    [Theory]
    [InlineData("my kidneys hurt", "kidneys", "renal")]                                    // matched on stems
    [InlineData("side effects of ivig", "side effect", "reaction")]                       // a later word as the phrase has it
    [InlineData("is guillain barre syndrome treated", "guillain barre syndrome", "gbs")]  // the longest phrase
    public void Synonym_phrases_become_one_term_with_the_groups_phrases(string question, string matched, string synonym)
    {
        var query = CreateParser().Analyze(question);

        var term = Assert.Single(query.Terms, t => t.Text == matched);
        Assert.NotNull(SynonymMap.GroupOf(Assert.Single(Assert.Single(term.IndexTerms))));
        Assert.Contains(term.Alternatives, a => string.Join(' ', a) == synonym);
    }

    [Fact]
    public void Guillan_bare_is_corrected_then_expanded()
    {
        var query = CreateParser().Analyze("ivig guillan bare");

        var term = Assert.Single(query.Terms, t => t.Alternatives.Any(a => a.SequenceEqual(["gbs"])));
        Assert.Equal("guillain barre", term.Text);
        Assert.True(HasAlternative(query, "guillain", "barre", "syndrome"), Describe(query));
    }

    [Fact]
    public void Typos_are_corrected_in_terms()
    {
        var query = CreateParser().Analyze("kawasacki headahce");

        Assert.Equal(["kawasaki", "headache"], query.Terms.Select(t => t.Text));
        Assert.Equal(["kawasaki", "headache"], query.Tokens);
    }

    [Fact]
    public void Stop_words_are_dropped()
    {
        var query = CreateParser().Analyze("what is the flu please tell me about it");

        Assert.Equal(["flu"], query.Terms.Select(t => t.Text));
    }

    [Fact]
    public void Only_stop_words_is_an_empty_query()
    {
        Assert.True(CreateParser().Analyze("what is it, please?").IsEmpty);
    }

    [Fact]
    public void Unknown_words_are_marked_unknown()
    {
        var query = CreateParser().Analyze("ivig pizza");

        Assert.False(Assert.Single(query.Terms, t => t.Text == "pizza").Known);
        Assert.True(Assert.Single(query.Terms, t => t.Text == "ivig").Known);
    }

    [Fact]
    public void Repeated_synonyms_make_one_term()
    {
        var query = CreateParser().Analyze("ivig igiv intravenous immunoglobulin");

        Assert.Single(query.Terms);
    }

    [Fact]
    public void Very_long_questions_are_cut_to_the_token_limit()
    {
        var query = CreateParser().Analyze(string.Join(' ', Enumerable.Repeat("flu", FaqQueryParser.MaxTokens + 50)));

        Assert.Equal(FaqQueryParser.MaxTokens, query.Tokens.Count);
    }

    private static string Describe(AnalyzedQuery query) =>
        string.Join(" | ", query.Terms.Select(t => $"{t.Text} -> {string.Join(" / ", t.Alternatives.Select(a => string.Join(' ', a)))}"));
}
