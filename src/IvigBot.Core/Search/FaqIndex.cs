using System.Collections.Concurrent;
using IvigBot.Analysis;
using IvigBot.Content;
using Microsoft.Data.Sqlite;

namespace IvigBot.Search;

/// <summary>
/// A built, read-only index: the SQLite FTS5 table of index rows, the documents they belong to, term
/// statistics and the analyzer that goes with this content. Built by <see cref="FaqIndexBuilder"/>;
/// on reload a new one is built and swapped in whole.
/// </summary>
public sealed class FaqIndex : IDisposable
{
    private readonly SqliteConnection _master;
    private readonly Lock _masterLock = new();
    private readonly ConcurrentBag<IndexReader> _readers = [];
    private readonly List<IndexReader> _allReaders = [];
    private bool _disposed;

    internal FaqIndex(
        SqliteConnection master,
        IReadOnlyList<FaqDocument> documents,
        int[] rowDocument,
        IndexField[] rowField,
        IReadOnlyList<DocumentTerms> terms,
        IReadOnlyDictionary<string, double> idf,
        double maxIdf,
        FaqAnalyzer analyzer,
        TimeSpan buildTime)
    {
        _master = master;
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

    /// <summary>Words found in at least half of the index rows, which FTS5's BM25 weighs at (almost) nothing.</summary>
    internal IReadOnlySet<string> CommonWords { get; set; } = new HashSet<string>();

    /// <summary>Per word (exact token): how many index rows hold it. What a query term costs FTS5 to score.</summary>
    internal IReadOnlyDictionary<string, int> WordRows { get; init; } = new Dictionary<string, int>();

    internal int[] RowDocument { get; }

    internal IndexField[] RowField { get; }

    public FaqDocument? Find(string id) => ById.TryGetValue(id, out var i) ? Documents[i] : null;

    public double IdfOf(string stem) => Idf.TryGetValue(stem, out var value) ? value : MaxIdf;

    /// <summary>
    /// A reader connection for this thread's use only (SQLite connections are not shared between threads), with its
    /// prepared statement; give it back with <see cref="Return"/>. A new one is made when all are in use.
    /// </summary>
    internal IndexReader Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_readers.TryTake(out var reader))
        {
            return reader;
        }

        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        lock (_masterLock)
        {
            _master.BackupDatabase(connection);
            reader = new IndexReader(connection, Documents.Count);
            _allReaders.Add(reader);
        }

        return reader;
    }

    internal void Return(IndexReader reader) => _readers.Add(reader);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        lock (_masterLock)
        {
            foreach (var reader in _allReaders)
            {
                reader.Dispose();
            }

            _master.Dispose();
        }
    }
}
