using System.Collections.Concurrent;
using System.Collections.Frozen;
using IvigBot.Analysis;
using IvigBot.Content;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace IvigBot.Search;

/// <summary>
/// A built, read-only index: a Lucene index with one Lucene document per FAQ entry or article passage (its Lucene id
/// is its position in <see cref="Documents"/>), the <see cref="IndexSearcher"/> every request shares (Lucene's
/// <see cref="SearcherManager"/>), the documents, term statistics and the query parser that goes with this content.
/// Built by <see cref="FaqIndexBuilder"/>; on reload a new one is built and swapped in whole. A search acquires the
/// searcher from the manager and releases it (<see cref="Acquire"/>), so disposing the index closes the reader only
/// once the last search on it is over, and no search can start on it afterwards.
/// </summary>
public sealed class FaqIndex : IDisposable
{
    private readonly ConcurrentBag<SearchScratch> _scratch = [];
    private readonly SearcherManager _searchers;
    private readonly IndexReaderContext _context;
    private readonly FrozenDictionary<string, int>[] _documentsPerField;
    private readonly ConcurrentDictionary<(IndexField Field, string Term, float Boost), CachedTermQuery> _termQueries = new();
    private int _disposed;

    internal FaqIndex(
        LuceneDirectory directory,
        Similarity similarity,
        IReadOnlyList<FaqDocument> documents,
        IReadOnlyList<DocumentTerms> terms,
        IReadOnlyDictionary<string, double> idf,
        double maxIdf,
        FaqQueryParser parser,
        TimeSpan buildTime)
    {
        _searchers = new SearcherManager(directory, new FaqSearcherFactory(similarity));
        var searcher = _searchers.Acquire();
        try
        {
            var reader = searcher.IndexReader;
            _context = reader.Context;
            _documentsPerField = [.. FieldWeights.Names.Select(field => DocumentsPerTerm(reader, field))];
            DocumentCount = reader.MaxDoc;
        }
        finally
        {
            _searchers.Release(searcher);
        }

        Documents = documents;
        Terms = terms;
        Idf = idf;
        MaxIdf = maxIdf;
        Parser = parser;
        BuildTime = buildTime;
        ById = documents.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        Phrased = IsPhrased(documents);
    }

    public IReadOnlyList<FaqDocument> Documents { get; }

    public IReadOnlyDictionary<string, int> ById { get; }

    /// <summary>
    /// Whether at least half of the entries have "also asked as" phrasings, as the shipped FAQ's have; a public
    /// benchmark's bank (a question and an answer per entry) has none. With meaning off it chooses the order and the
    /// field weights (<see cref="Answering.RankingWeights.Order(in Answering.OrderFeatures, bool)"/>).
    /// </summary>
    public bool Phrased { get; }

    /// <summary>Whether at least half of the entries among <paramref name="documents"/> have "also asked as" phrasings (<see cref="Phrased"/>; the semantic index reads its order's weights from it too).</summary>
    public static bool IsPhrased(IReadOnlyList<FaqDocument> documents)
    {
        var entries = documents.Where(d => d.Kind == FaqDocumentKind.Entry).ToList();
        return entries.Count > 0 && entries.Count(d => d.Alternates.Count > 0) * 2 >= entries.Count;
    }

    /// <summary>Per document (same order as <see cref="Documents"/>): its stems.</summary>
    public IReadOnlyList<DocumentTerms> Terms { get; }

    /// <summary>Inverse document frequency of each stem over all documents.</summary>
    public IReadOnlyDictionary<string, double> Idf { get; }

    /// <summary>The idf a stem would have if no document had it.</summary>
    public double MaxIdf { get; }

    /// <summary>Turns a question into the terms to search, with this content's vocabulary and synonyms.</summary>
    public FaqQueryParser Parser { get; }

    public TimeSpan BuildTime { get; }

    /// <summary>Whether the Lucene index was reopened from disk as it was, the content being unchanged, instead of written.</summary>
    public bool Reopened { get; init; }

    /// <summary>How many Lucene documents there are: one per document.</summary>
    internal int DocumentCount { get; }

    public FaqDocument? Find(string id) => ById.TryGetValue(id, out var i) ? Documents[i] : null;

    public double IdfOf(string stem) => Idf.TryGetValue(stem, out var value) ? value : MaxIdf;

    /// <summary>How many documents hold the index term <paramref name="term"/>, summed over the fields: what searching it costs.</summary>
    internal int Postings(string term)
    {
        var postings = 0;
        foreach (var field in _documentsPerField)
        {
            postings += field.GetValueOrDefault(term);
        }

        return postings;
    }

    /// <summary>Whether any document holds the index term <paramref name="term"/> in <paramref name="field"/>.</summary>
    internal bool Holds(IndexField field, string term) => _documentsPerField[(int)field].ContainsKey(term);

    /// <summary>How many documents hold <paramref name="term"/> in the field that has it most often.</summary>
    internal int DocumentFrequency(string term)
    {
        var frequency = 0;
        foreach (var field in _documentsPerField)
        {
            frequency = Math.Max(frequency, field.GetValueOrDefault(term));
        }

        return frequency;
    }

    /// <summary>At most how many term queries (with their weights, about 1.3 KB each, and their postings) an index keeps for reuse.</summary>
    internal const int MaxCachedTermQueries = 20_000;

    /// <summary>
    /// A query for one index term of <paramref name="field"/> with <paramref name="boost"/>, or null when no document
    /// holds it. The term, where it is in the index and its BM25 weight are made once per index and kept
    /// (<see cref="CachedTermQuery"/>), up to <see cref="MaxCachedTermQueries"/>: a question reuses them instead of
    /// walking Lucene's term dictionary and computing the term's statistics again.
    /// </summary>
    internal TermQuery? TermQuery(IndexField field, string term, float boost)
    {
        if (!Holds(field, term))
        {
            return null;
        }

        if (_termQueries.TryGetValue((field, term, boost), out var cached))
        {
            return cached;
        }

        var luceneTerm = new Term(FieldWeights.Names[(int)field], term);
        var query = new CachedTermQuery(luceneTerm, TermContext.Build(_context, luceneTerm), boost, ReservePostings);
        return _termQueries.Count < MaxCachedTermQueries ? _termQueries.GetOrAdd((field, term, boost), query) : query;
    }

    /// <summary>
    /// At most how many postings (document and frequency, 8 bytes) the term queries of an index keep in memory
    /// (<see cref="CachedTermWeight"/>), 8 MB: all of them for the shipped FAQ; the terms searched first on a large
    /// corpus. A term past the budget reads its postings from the index at every search, as Lucene does.
    /// </summary>
    internal const long MaxCachedPostings = 1_000_000;

    private long _cachedPostings;

    /// <summary>Whether <paramref name="postings"/> more postings fit in <see cref="MaxCachedPostings"/>; if so, they are counted in.</summary>
    private bool ReservePostings(int postings)
    {
        if (Interlocked.Add(ref _cachedPostings, postings) <= MaxCachedPostings)
        {
            return true;
        }

        Interlocked.Add(ref _cachedPostings, -postings);
        return false;
    }

    /// <summary>Per term of <paramref name="field"/>: how many documents hold it.</summary>
    private static FrozenDictionary<string, int> DocumentsPerTerm(IndexReader reader, string field)
    {
        var documents = new Dictionary<string, int>(StringComparer.Ordinal);
        var terms = MultiFields.GetTerms(reader, field);
        if (terms is not null)
        {
            var e = terms.GetEnumerator();
            while (e.MoveNext())
            {
                documents[e.Term.Utf8ToString()] = e.DocFreq;
            }
        }

        return documents.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>
    /// The searcher all requests share (BM25, the similarity the index was written with), for one search; give it back
    /// with <see cref="Release"/>. Throws <see cref="ObjectDisposedException"/> once the index is disposed.
    /// </summary>
    internal IndexSearcher Acquire() => _searchers.Acquire();

    /// <summary>Gives back a searcher taken by <see cref="Acquire"/>.</summary>
    internal void Release(IndexSearcher searcher) => _searchers.Release(searcher);

    /// <summary>Scratch space for one search on this thread; give it back with <see cref="Return"/>.</summary>
    internal SearchScratch Rent() => _scratch.TryTake(out var scratch) ? scratch : new SearchScratch(this);

    internal void Return(SearchScratch scratch) => _scratch.Add(scratch);

    /// <summary>Closes the searcher manager: no search starts any more, and the reader closes when the last one ends.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _searchers.Dispose();
        }
    }
}

/// <summary>
/// Scratch space for one search (rented from and returned to the index), so that a search allocates little: the
/// best documents found so far.
/// </summary>
internal sealed class SearchScratch
{
    public SearchScratch(FaqIndex index)
    {
        var documents = index.Documents;
        Order = Comparer<(double Score, int Document)>.Create((a, b) =>
            b.Score.CompareTo(a.Score) is var byScore && byScore != 0 ? byScore : string.CompareOrdinal(documents[a.Document].Id, documents[b.Document].Id));
        Best = new PriorityQueue<int, (double Score, int Document)>(Comparer<(double Score, int Document)>.Create((a, b) => Order.Compare(b, a)));
    }

    /// <summary>Best first: the higher score, then the lower id (ordinal), as results are ordered.</summary>
    public Comparer<(double Score, int Document)> Order { get; }

    /// <summary>The best documents of the current query so far, the worst kept on top.</summary>
    public PriorityQueue<int, (double Score, int Document)> Best { get; }

    /// <summary>The phrases of the current query with what each costs to score.</summary>
    public List<(string[] Phrase, long Cost)> Costs { get; } = [];

    /// <summary>The phrases searched.</summary>
    public List<string[]> Phrases { get; } = [];
}
