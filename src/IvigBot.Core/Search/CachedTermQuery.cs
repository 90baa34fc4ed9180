using Lucene.Net.Index;
using Lucene.Net.Search;

namespace IvigBot.Search;

/// <summary>
/// A <see cref="TermQuery"/> of an index that never changes, whose <see cref="Weight"/> is made once and reused by
/// every search: the term's BM25 statistics (its idf and Lucene's table of 256 length factors, about 1 KB) were
/// most of what a question allocated. Its boost is fixed when it is made. Sharing the weight is safe because
/// <see cref="FaqIndex"/> has one searcher for its whole life, BM25 normalises every query with the same values
/// (query norm 1, top-level boost 1), and a weight's scorers only read it.
/// </summary>
internal sealed class CachedTermQuery : TermQuery
{
    private Weight? _weight;

    public CachedTermQuery(Term term, TermContext states, float boost)
        : base(term, states)
    {
        Boost = boost;
    }

    public override Weight CreateWeight(IndexSearcher searcher)
    {
        if (Volatile.Read(ref _weight) is { } weight)
        {
            return weight;
        }

        weight = base.CreateWeight(searcher);
        return Interlocked.CompareExchange(ref _weight, weight, null) ?? weight;
    }
}
