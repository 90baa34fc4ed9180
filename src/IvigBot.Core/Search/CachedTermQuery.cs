using Lucene.Net.Index;
using Lucene.Net.Search;

namespace IvigBot.Search;

/// <summary>
/// A <see cref="TermQuery"/> of an index that never changes, whose <see cref="Weight"/> is made once and reused by
/// every search (<see cref="CachedTermWeight"/>): the term's BM25 statistics and, within the index's postings budget,
/// its postings, read once. Its boost is fixed when it is made. Sharing the weight is safe because
/// <see cref="FaqIndex"/> has one searcher for its whole life, BM25 normalises every query with the same values
/// (query norm 1, top-level boost 1), and a weight's scorers only read it.
/// </summary>
internal sealed class CachedTermQuery : TermQuery
{
    private readonly TermContext _states;
    private readonly Func<int, bool> _reservePostings;
    private Weight? _weight;

    /// <param name="term">The term.</param>
    /// <param name="states">Where the term is in each segment of the index.</param>
    /// <param name="boost">The field's weight.</param>
    /// <param name="reservePostings">Asked once, with the term's document frequency, whether its postings may be kept in memory.</param>
    public CachedTermQuery(Term term, TermContext states, float boost, Func<int, bool> reservePostings)
        : base(term, states)
    {
        _states = states;
        _reservePostings = reservePostings;
        Boost = boost;
    }

    public override Weight CreateWeight(IndexSearcher searcher)
    {
        ArgumentNullException.ThrowIfNull(searcher);
        if (Volatile.Read(ref _weight) is { } weight)
        {
            return weight;
        }

        weight = _reservePostings(_states.DocFreq) ? new CachedTermWeight(this, searcher, _states) : base.CreateWeight(searcher);
        return Interlocked.CompareExchange(ref _weight, weight, null) ?? weight;
    }
}
