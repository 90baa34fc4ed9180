using IvigBot.Analysis;
using IvigBot.Core.Tests.Infrastructure;
using IvigBot.Search;
using Lucene.Net.Search;

namespace IvigBot.Core.Tests.Search;

public class FaqIndexTests(ShippedEngineFixture fixture) : IClassFixture<ShippedEngineFixture>
{
    [Theory]
    [InlineData("how long does an infusion take")]
    [InlineData("can ivig cause a rash or headache")]
    [InlineData("what should i do if i miss my infusion")]
    [InlineData("kidney problems after immunoglobulin")]
    public void Reused_term_queries_score_as_fresh_lucene_term_queries(string question)
    {
        var index = fixture.Engine.Index;
        var searcher = new FaqSearcher(index);
        var analyzed = index.Parser.Analyze(question);
        var lucene = index.Acquire();
        try
        {
            var first = Scores(lucene, searcher.WithQuestionWords(searcher.ToQuery(analyzed), analyzed));
            var again = Scores(lucene, searcher.WithQuestionWords(searcher.ToQuery(analyzed), analyzed));
            var fresh = new BooleanQuery(disableCoord: true);
            foreach (var clause in searcher.WithQuestionWords(searcher.ToQuery(analyzed), analyzed).Clauses)
            {
                fresh.Add(clause.Query is TermQuery term ? new TermQuery(term.Term) { Boost = term.Boost } : clause.Query, clause.Occur);
            }

            Assert.NotEmpty(first);
            Assert.Equal(Scores(lucene, fresh), first);
            Assert.Equal(first, again);
        }
        finally
        {
            index.Release(lucene);
        }
    }

    private static List<(int Doc, float Score)> Scores(IndexSearcher searcher, Query query) =>
        [.. searcher.Search(query, 20).ScoreDocs.Select(hit => (hit.Doc, hit.Score))];

    [Fact]
    public void A_search_holding_the_searcher_finishes_after_the_index_is_disposed_and_none_starts_afterwards()
    {
        var index = FaqIndexBuilder.Build([ContentSamples.Document("rash", "Can IVIG cause a rash?", "Sometimes.")], SynonymMap.Empty);
        var searcher = new FaqSearcher(index);
        var query = searcher.ToQuery([["rash"]]);
        var held = index.Acquire();

        index.Dispose();

        Assert.Equal(1, held.Search(query, 5).TotalHits);       // a reload retired the index mid-search: it still answers
        index.Release(held);
        Assert.Equal(0, held.IndexReader.RefCount);             // the last search closed the reader
        Assert.Throws<ObjectDisposedException>(() => searcher.Search(index.Parser.Analyze("rash"), 5));
    }

    [Theory]
    // The shipped FAQ's entries have "also asked as" phrasings; a public benchmark's bank has a headline question per entry.
    [InlineData(true, true, true)]
    [InlineData(true, false, true)]
    [InlineData(false, false, false)]
    public void A_bank_is_phrased_when_at_least_half_its_entries_have_alternates(bool rashHasAlternates, bool feverHasAlternates, bool phrased)
    {
        var rash = ContentSamples.Document("rash", "Can IVIG cause a rash?", "Sometimes.");
        var fever = ContentSamples.Document("fever", "Is a fever normal after IVIG?", "A mild one can be.");
        IvigBot.Content.FaqDocument[] documents =
        [
            rash with { Alternates = rashHasAlternates ? ["spots after my infusion"] : [] },
            fever with { Alternates = feverHasAlternates ? ["high temperature after treatment"] : [] },
            rash with { Id = "article#1", Kind = IvigBot.Content.FaqDocumentKind.Passage }, // passages never have alternates and do not count
        ];

        using var index = FaqIndexBuilder.Build(documents, SynonymMap.Empty);

        Assert.Equal(phrased, index.Phrased);
    }

    [Fact]
    public void The_shipped_faq_is_phrased()
    {
        Assert.True(fixture.Engine.Index.Phrased);
    }
}
