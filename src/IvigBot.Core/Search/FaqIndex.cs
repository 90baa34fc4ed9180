using System.Collections.Concurrent;
using IvigBot.Analysis;
using IvigBot.Content;

namespace IvigBot.Search;

/// <summary>
/// A built, read-only index: the index rows with their BM25 engine (<see cref="SearchEngine"/>), the documents they
/// belong to, term statistics and the analyzer that goes with this content. Built by <see cref="FaqIndexBuilder"/>;
/// on reload a new one is built and swapped in whole.
/// </summary>
public sealed class FaqIndex : IDisposable
{
    private readonly ConcurrentBag<SearchScratch> _scratch = [];
    private bool _disposed;

    internal FaqIndex(
        IRowIndex rows,
        IReadOnlyList<FaqDocument> documents,
        int[] rowDocument,
        IndexField[] rowField,
        IReadOnlyList<DocumentTerms> terms,
        IReadOnlyDictionary<string, double> idf,
        double maxIdf,
        FaqAnalyzer analyzer,
        TimeSpan buildTime)
    {
        Rows = rows;
        Documents = documents;
        RowDocument = rowDocument;
        RowField = rowField;
        Terms = terms;
        Idf = idf;
        MaxIdf = maxIdf;
        Analyzer = analyzer;
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

    public FaqAnalyzer Analyzer { get; }

    public TimeSpan BuildTime { get; }

    /// <summary>Which engine scores the rows.</summary>
    public SearchEngine Engine => Rows.Engine;

    /// <summary>Words found in at least half of the index rows, which FTS5's BM25 weighs at (almost) nothing.</summary>
    internal IReadOnlySet<string> CommonWords { get; set; } = new HashSet<string>();

    /// <summary>Per word (exact token): how many index rows hold it. What a query term costs to score.</summary>
    internal IReadOnlyDictionary<string, int> WordRows { get; init; } = new Dictionary<string, int>();

    /// <summary>The index rows and their BM25 scoring.</summary>
    internal IRowIndex Rows { get; }

    internal int[] RowDocument { get; }

    internal IndexField[] RowField { get; }

    public FaqDocument? Find(string id) => ById.TryGetValue(id, out var i) ? Documents[i] : null;

    public double IdfOf(string stem) => Idf.TryGetValue(stem, out var value) ? value : MaxIdf;

    /// <summary>Scratch space for one search on this thread; give it back with <see cref="Return"/>.</summary>
    internal SearchScratch Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _scratch.TryTake(out var scratch) ? scratch : new SearchScratch(Documents.Count);
    }

    internal void Return(SearchScratch scratch) => _scratch.Add(scratch);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Rows.Dispose();
    }
}

/// <summary>
/// Scratch space for one search (rented from and returned to the index), so that a search allocates little:
/// the phrases of the query and the fusion of rows into documents.
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

    /// <summary>The rows of the current query, best first.</summary>
    public List<(int Row, double Score)> Rows { get; } = [];

    /// <summary>The phrases of the current query with what each costs to score.</summary>
    public List<(string[] Phrase, long Cost)> Costs { get; } = [];

    /// <summary>The phrases searched.</summary>
    public List<string[]> Phrases { get; } = [];
}
