namespace IvigBot.Search;

/// <summary>
/// The BM25 engine under <see cref="FaqSearcher"/>: the index rows (one per question, alternate, answer, passage title
/// and passage text) and how they score for a query's phrases. Two implementations give the same rows with the same
/// scores: <see cref="InMemoryRowIndex"/> (the default) and <see cref="Fts5RowIndex"/> (SQLite FTS5 itself).
/// Implementations are thread-safe.
/// </summary>
internal interface IRowIndex : IDisposable
{
    /// <summary>Which engine this is.</summary>
    SearchEngine Engine { get; }

    /// <summary>
    /// Fills <paramref name="rows"/> with the best <paramref name="limit"/> rows that match any of <paramref name="phrases"/>
    /// (each an exact sequence of words; the query is their OR), with FTS5's <c>bm25()</c> score negated (higher is
    /// better), best first.
    /// </summary>
    void Score(IReadOnlyList<string[]> phrases, int limit, List<(int Row, double Score)> rows);
}

/// <summary>Collects the index rows, in row order, and builds an <see cref="IRowIndex"/> of them.</summary>
internal interface IRowIndexBuilder : IDisposable
{
    /// <summary>Adds the next row (its id is the number of rows added before it): its tokens in order.</summary>
    void Add(IReadOnlyList<string> tokens);

    IRowIndex Build();
}

/// <summary>Which engine scores the index rows. Both give the same scores; they differ in speed and memory.</summary>
public enum SearchEngine
{
    /// <summary>
    /// Posting lists in managed memory, scored with FTS5's own BM25 formula and porter stemming: a few microseconds a
    /// question instead of a hundred or more through SQLite. The default.
    /// </summary>
    InMemory,

    /// <summary>SQLite FTS5's <c>bm25()</c> over an in-memory FTS5 table, one connection per concurrent search.</summary>
    Fts5,
}
