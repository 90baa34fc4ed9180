using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace IvigBot.Search;

/// <summary>
/// Scores the documents of one term's postings held in arrays (<see cref="CachedTermWeight"/>), as Lucene's term scorer
/// does from its postings enumerator: each document with the similarity's score for the term's frequency in it.
/// </summary>
internal sealed class PostingsScorer(Weight weight, int[] documents, int[] frequencies, Similarity.SimScorer similarity, IBits? acceptDocs)
    : Scorer(weight)
{
    private int _at = -1;
    private int _doc = -1;

    public override int DocID => _doc;

    public override int Freq => frequencies[_at];

    public override float GetScore() => similarity.Score(_doc, frequencies[_at]);

    public override int NextDoc()
    {
        while (++_at < documents.Length)
        {
            if (acceptDocs is null || acceptDocs.Get(documents[_at]))
            {
                return _doc = documents[_at];
            }
        }

        _at = documents.Length;
        return _doc = NO_MORE_DOCS;
    }

    public override int Advance(int target)
    {
        // The first posting at or after the target, by binary search from the current one.
        var from = Math.Max(0, _at + 1);
        var found = from < documents.Length ? Array.BinarySearch(documents, from, documents.Length - from, target) : ~documents.Length;
        _at = (found >= 0 ? found : ~found) - 1;
        return NextDoc();
    }

    public override long GetCost() => documents.Length;
}
