using IvigBot.Analysis;
using IvigBot.Answering;
using IvigBot.Content;
using IvigBot.Core.Tests.Infrastructure;
using IvigBot.Evaluation;
using IvigBot.Search;

namespace IvigBot.Core.Tests.Search;

/// <summary>
/// The in-memory engine (the default) must score exactly as SQLite FTS5 does: same rows, same BM25 scores, same
/// answers. FTS5 is the reference; these tests run it side by side with the managed posting lists.
/// </summary>
public sealed class SearchEngineEquivalenceTests : IClassFixture<SearchEngineEquivalenceTests.BothEngines>
{
    private readonly BothEngines _engines;

    public SearchEngineEquivalenceTests(BothEngines engines) => _engines = engines;

    public sealed class BothEngines : IDisposable
    {
        public BothEngines()
        {
            Content = FaqContentLoader.Load(RepoPaths.Faq);
            var options = new AnsweringOptions { CacheSize = 0 };
            InMemory = new AnswerEngine(Content, options);
            Fts5 = new AnswerEngine(Content, new AnsweringOptions { CacheSize = 0, SearchEngine = SearchEngine.Fts5 });
            Questions = JsonLines.Read(RepoPaths.EvalQuestions, IvigJsonContext.Default.EvalQuestion).Select(q => q.Question).ToList();
        }

        public FaqContent Content { get; }

        public AnswerEngine InMemory { get; }

        public AnswerEngine Fts5 { get; }

        public List<string> Questions { get; }

        public void Dispose()
        {
            InMemory.Dispose();
            Fts5.Dispose();
        }
    }

    [Fact]
    public void The_engines_are_what_they_say()
    {
        Assert.Equal(SearchEngine.InMemory, _engines.InMemory.Index.Engine);
        Assert.Equal(SearchEngine.Fts5, _engines.Fts5.Index.Engine);
        Assert.Equal(SearchEngine.InMemory, new AnsweringOptions().SearchEngine);
    }

    [Fact]
    public void Every_team_question_scores_the_same_rows_with_the_same_bm25_in_both_engines()
    {
        var mismatches = new List<string>();
        var rowsCompared = 0;
        foreach (var question in _engines.Questions)
        {
            var query = _engines.InMemory.Index.Analyzer.Analyze(question);
            var phrases = FaqSearcher.Phrases(query);
            var expected = new List<(int Row, double Score)>();
            var actual = new List<(int Row, double Score)>();
            _engines.Fts5.Index.Rows.Score(phrases, 10_000, expected);
            _engines.InMemory.Index.Rows.Score(phrases, 10_000, actual);
            rowsCompared += expected.Count;
            var difference = Difference(expected, actual);
            if (difference is not null)
            {
                mismatches.Add($"{question}: {difference}");
            }
        }

        Assert.True(rowsCompared > 1000, $"only {rowsCompared} rows were compared");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} questions differ, e.g.\n{string.Join('\n', mismatches.Take(10))}");
    }

    [Fact]
    public void Every_team_question_gets_the_same_reply_from_both_engines()
    {
        var different = _engines.Questions
            .Select(q => (Question: q, InMemory: _engines.InMemory.Answer(q), Fts5: _engines.Fts5.Answer(q)))
            .Where(r => r.InMemory.Kind != r.Fts5.Kind || r.InMemory.Id != r.Fts5.Id || r.InMemory.Text != r.Fts5.Text
                || r.InMemory.Confidence != r.Fts5.Confidence
                || !r.InMemory.Suggestions.Select(s => s.Id).SequenceEqual(r.Fts5.Suggestions.Select(s => s.Id)))
            .Select(r => $"{r.Question}: {r.InMemory.Kind} {r.InMemory.Id} {r.InMemory.Confidence} vs {r.Fts5.Kind} {r.Fts5.Id} {r.Fts5.Confidence}")
            .ToList();

        Assert.True(different.Count == 0, string.Join('\n', different.Take(10)));
    }

    private static FaqDocument Entry(string id, string question, string answer, params string[] alternates) => new()
    {
        Id = id,
        Kind = FaqDocumentKind.Entry,
        Question = question,
        Answer = answer,
        Alternates = alternates,
        Source = "test",
        Location = new SourceLocation("test.md", 1),
    };

    /// <summary>Phrases, repeated words, stems, unknown words, a phrase repeated in the query and letters beyond ASCII, on a small corpus.</summary>
    [Theory]
    [InlineData("side effect")]
    [InlineData("\"side effect\"")]
    [InlineData("infusing infusions infused")]
    [InlineData("headache headache headache")]
    [InlineData("zzyzx quux")]
    [InlineData("kidney side effect kidney")]
    [InlineData("the the the")]
    [InlineData("Dvořák İstanbul")]
    [InlineData("strasse straße naive")]
    [InlineData("σίγμας Ωμέγα")]
    public void Phrases_stems_repeats_and_unknown_words_score_the_same(string text)
    {
        var documents = new List<FaqDocument>
        {
            Entry("a", "What side effects can an infusion have?", "Headache, headache and tiredness are side effects; a side effect on the kidney is rare.", "side effect side effect"),
            Entry("b", "How long is an infusion?", "Infusing takes hours. The infused medicine goes in slowly.", "infusion time"),
            Entry("c", "Is the kidney at risk?", "The kidney side of things: drink water before the infusions."),
            Entry("d", "What is a headache after treatment?", "A headache the day after is common."),
            Entry("e", "Is Dvorak's istanbul clinic open?", "Naïve questions welcome: Straße 5, Ωμέγα σίγμας clinic, Dvořák ward."),
        };
        using var memory = FaqIndexBuilder.Build(documents, SynonymMap.Empty, SearchEngine.InMemory);
        using var fts5 = FaqIndexBuilder.Build(documents, SynonymMap.Empty, SearchEngine.Fts5);
        var words = FaqTokenizer.Tokenize(text);
        List<string[]> phrases = text.StartsWith('"') ? [[.. words]] : [.. words.Select(w => new[] { w })];
        if (text.StartsWith("kidney side", StringComparison.Ordinal))
        {
            phrases.Add(["side", "effect"]);
        }

        var expected = new List<(int Row, double Score)>();
        var actual = new List<(int Row, double Score)>();
        fts5.Rows.Score(phrases, 100, expected);
        memory.Rows.Score(phrases, 100, actual);

        Assert.Equal(text.StartsWith("zzyzx", StringComparison.Ordinal), expected.Count == 0);
        Assert.Null(Difference(expected, actual));
        Assert.Equal(
            new FaqSearcher(fts5).Search(fts5.Analyzer.Analyze(text), 10).Select(p => (p.Document.Id, p.Score)),
            new FaqSearcher(memory).Search(memory.Analyzer.Analyze(text), 10).Select(p => (p.Document.Id, p.Score)));
    }

    [Fact]
    public void A_row_limit_keeps_the_best_rows_in_both_engines()
    {
        var query = _engines.InMemory.Index.Analyzer.Analyze("what side effects can ivig have and how long does an infusion take");
        var phrases = FaqSearcher.Phrases(query);
        var expected = new List<(int Row, double Score)>();
        var actual = new List<(int Row, double Score)>();
        _engines.Fts5.Index.Rows.Score(phrases, 7, expected);
        _engines.InMemory.Index.Rows.Score(phrases, 7, actual);

        Assert.Equal(7, actual.Count);
        Assert.Null(Difference(expected, actual));
    }

    /// <summary>Null when both lists hold the same rows with the same scores in the same order; else the first difference.</summary>
    private static string? Difference(List<(int Row, double Score)> expected, List<(int Row, double Score)> actual)
    {
        if (expected.Count != actual.Count)
        {
            return $"{expected.Count} rows from FTS5, {actual.Count} in memory";
        }

        for (var i = 0; i < expected.Count; i++)
        {
            if (expected[i] != actual[i])
            {
                return $"row {i}: FTS5 {expected[i].Row} {expected[i].Score:R}, in memory {actual[i].Row} {actual[i].Score:R}";
            }
        }

        return null;
    }
}
