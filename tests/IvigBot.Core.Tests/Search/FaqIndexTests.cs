using IvigBot.Analysis;
using IvigBot.Core.Tests.Infrastructure;
using IvigBot.Search;

namespace IvigBot.Core.Tests.Search;

public class FaqIndexTests
{
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
}
