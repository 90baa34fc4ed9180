using System.Collections.Concurrent;
using IvigBot.Analysis;
using IvigBot.Content;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace IvigBot.Search;

/// <summary>
/// A built, read-only index: a Lucene index of the rows (one Lucene document per question, alternate, answer, passage
/// title and passage text), the <see cref="IndexSearcher"/> every request shares, the documents the rows belong to,
/// term statistics and the query parser that goes with this content. Built by <see cref="FaqIndexBuilder"/>; on
/// reload a new one is built and swapped in whole. Searches hold a reference on the Lucene reader
/// (<see cref="TryAcquire"/>), so disposing the index closes the reader only once the last search on it is over.
/// </summary>
public sealed class FaqIndex : IDisposable
{
    private readonly ConcurrentBag<SearchScratch> _scratch = [];
    private readonly DirectoryReader _reader;
    private int _disposed;

    internal FaqIndex(
        DirectoryReader reader,
        Similarity similarity,
        IReadOnlyList<FaqDocument> documents,
        int[] rowDocument,
        IndexField[] rowField,
        IReadOnlyList<DocumentTerms> terms,
        IReadOnlyDictionary<string, double> idf,
        double maxIdf,
        FaqQueryParser parser,
        TimeSpan buildTime)
    {
        _reader = reader;
        Searcher = new IndexSearcher(reader) { Similarity = similarity };
        Documents = documents;
        RowDocument = rowDocument;
        RowField = rowField;
        Terms = terms;
        Idf = idf;
        MaxIdf = maxIdf;
        Parser = parser;
        BuildTime = buildTime;
        ById = documents.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
    }

    public IReadOnlyList<FaqDocument> Documents { get; }

    public IReadOnlyDictionary<string, int> ById { get; }

    /// <summary>Per document (same order as <see cref="Documents"/>): its stems.</summary>
    public IReadOnlyList<DocumentTerms> Terms { get; }

    /// <summary>Inverse document frequency of each stem over all documents.</summary>
    public IReadOnlyDictionary<string, double> Idf { get; }

    /// <summary>The idf a stem would have if no document had it.</summary>
    public double MaxIdf { get; }

    /// <summary>Turns a question into the terms to search, with this content's vocabulary and synonyms.</summary>
    public FaqQueryParser Parser { get; }

    public TimeSpan BuildTime { get; }

    /// <summary>The searcher all requests share (BM25, the similarity the index was written with).</summary>
    internal IndexSearcher Searcher { get; }

    /// <summary>How many index rows (Lucene documents) there are.</summary>
    internal int RowCount => _reader.MaxDoc;

    /// <summary>Per row (the Lucene document id): the document it belongs to.</summary>
    internal int[] RowDocument { get; }

    /// <summary>Per row: which part of its document it holds.</summary>
    internal IndexField[] RowField { get; }

    public FaqDocument? Find(string id) => ById.TryGetValue(id, out var i) ? Documents[i] : null;

    public double IdfOf(string stem) => Idf.TryGetValue(stem, out var value) ? value : MaxIdf;

    /// <summary>How many rows hold the index term <paramref name="term"/>: what searching it costs.</summary>
    internal int RowsWith(string term) => _reader.DocFreq(new Term(FaqAnalyzer.Text, term));

    /// <summary>Takes a reference on the reader for one search; false once the index is disposed and closed.</summary>
    internal bool TryAcquire() => _reader.TryIncRef();

    /// <summary>Gives back a reference taken by <see cref="TryAcquire"/>.</summary>
    internal void Release() => _reader.DecRef();

    /// <summary>Scratch space for one search on this thread; give it back with <see cref="Return"/>.</summary>
    internal SearchScratch Rent() => _scratch.TryTake(out var scratch) ? scratch : new SearchScratch(Documents.Count);

    internal void Return(SearchScratch scratch) => _scratch.Add(scratch);

    /// <summary>Drops the index's own reference on the reader; it closes when the last search holding one ends.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _reader.DecRef();
        }
    }
}

/// <summary>
/// Scratch space for one search (rented from and returned to the index), so that a search allocates little:
/// the fusion of rows into documents.
/// </summary>
internal sealed class SearchScratch(int documentCount)
{
    /// <summary>Per document: the best question-like row score of the current query (zeroed again after use).</summary>
    public double[] QuestionScore { get; } = new double[documentCount];

    /// <summary>Per document: the summed extra row scores of the current query (zeroed again after use).</summary>
    public double[] ExtraScore { get; } = new double[documentCount];

    /// <summary>Per document: whether the current query touched it (cleared again after use).</summary>
    public bool[] Seen { get; } = new bool[documentCount];

    /// <summary>The documents the current query touched.</summary>
    public List<int> Touched { get; } = [];

    /// <summary>The phrases of the current query with what each costs to score.</summary>
    public List<(string[] Phrase, long Cost)> Costs { get; } = [];

    /// <summary>The phrases searched.</summary>
    public List<string[]> Phrases { get; } = [];
}
