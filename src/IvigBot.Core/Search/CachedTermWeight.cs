using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace IvigBot.Search;

/// <summary>
/// The weight of a <see cref="CachedTermQuery"/>: Lucene's term weight (the similarity's statistics for the term, normalised
/// as Lucene does), with the term's postings (documents and frequencies) read once per segment into arrays. Lucene's
/// own term weight opens a terms enumerator and a postings enumerator (several KB of buffers) for every term of every
/// query; this one's scorer walks the arrays (<see cref="PostingsScorer"/>) and scores each document with the same
/// similarity, so the scores are Lucene's.
/// </summary>
internal sealed class CachedTermWeight : Weight
{
    private readonly TermQuery _query;
    private readonly Similarity _similarity;
    private readonly Similarity.SimWeight _statistics;

    /// <summary>Per segment (by its ordinal): the documents (segment ids, ascending) and the term's frequency in each; null where the term is absent.</summary>
    private readonly (int[] Documents, int[] Frequencies)?[] _postings;

    public CachedTermWeight(TermQuery query, IndexSearcher searcher, TermContext states)
    {
        _query = query;
        _similarity = searcher.Similarity;
        _statistics = _similarity.ComputeWeight(query.Boost, searcher.CollectionStatistics(query.Term.Field), searcher.TermStatistics(query.Term, states));
        var leaves = searcher.IndexReader.Leaves;
        _postings = new (int[], int[])?[leaves.Count];
        foreach (var leaf in leaves)
        {
            _postings[leaf.Ord] = Read(leaf, query.Term, states.Get(leaf.Ord));
        }
    }

    public override Query Query => _query;

    public override float GetValueForNormalization() => _statistics.GetValueForNormalization();

    public override void Normalize(float queryNorm, float topLevelBoost) => _statistics.Normalize(queryNorm, topLevelBoost);

    public override Scorer? GetScorer(AtomicReaderContext context, IBits? acceptDocs)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _postings[context.Ord] is { } postings
            ? new PostingsScorer(this, postings.Documents, postings.Frequencies, _similarity.GetSimScorer(_statistics, context), acceptDocs)
            : null;
    }

    public override Explanation Explain(AtomicReaderContext context, int doc)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (GetScorer(context, context.AtomicReader.LiveDocs) is { } scorer && scorer.Advance(doc) == doc)
        {
            var frequency = scorer.Freq;
            var score = _similarity.GetSimScorer(_statistics, context)
                .Explain(doc, new Explanation(frequency, "termFreq=" + frequency.ToString(CultureInfo.InvariantCulture)));
            var result = new ComplexExplanation(true, score.Value, "weight(" + _query + " in " + doc.ToString(CultureInfo.InvariantCulture) + "), result of:");
            result.AddDetail(score);
            return result;
        }

        return new ComplexExplanation(false, 0, "no matching term");
    }

    private static (int[] Documents, int[] Frequencies)? Read(AtomicReaderContext leaf, Term term, TermState? state)
    {
        if (state is null || leaf.AtomicReader.GetTerms(term.Field) is not { } terms)
        {
            return null;
        }

        var enumerator = terms.GetEnumerator();
        enumerator.SeekExact(term.Bytes, state);
        var postings = enumerator.Docs(null, null, DocsFlags.FREQS);
        var documents = new List<int>(enumerator.DocFreq);
        var frequencies = new List<int>(enumerator.DocFreq);
        while (postings.NextDoc() is var doc && doc != DocIdSetIterator.NO_MORE_DOCS)
        {
            documents.Add(doc);
            frequencies.Add(postings.Freq);
        }

        return ([.. documents], [.. frequencies]);
    }
}
