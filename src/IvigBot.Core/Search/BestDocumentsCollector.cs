using Lucene.Net.Index;
using Lucene.Net.Search;

namespace IvigBot.Search;

/// <summary>
/// Keeps the best <c>limit</c> documents a query matches in the scratch of one search (ties: the lower id, ordinal),
/// without Lucene's hit list. The documents arrive in order, so Lucene scores an all-optional query without its
/// bucket table.
/// </summary>
internal sealed class BestDocumentsCollector(SearchScratch scratch, int limit) : ICollector
{
    private Scorer? _scorer;
    private int _docBase;

    public bool AcceptsDocsOutOfOrder => false;

    public void SetScorer(Scorer scorer) => _scorer = scorer;

    public void SetNextReader(AtomicReaderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _docBase = context.DocBase;
    }

    public void Collect(int doc)
    {
        var entry = (Score: (double)_scorer!.GetScore(), Document: _docBase + doc);
        var best = scratch.Best;
        if (best.Count < limit)
        {
            best.Enqueue(entry.Document, entry);
        }
        else if (best.TryPeek(out _, out var worst) && scratch.Order.Compare(entry, worst) < 0)
        {
            best.DequeueEnqueue(entry.Document, entry);
        }
    }
}
