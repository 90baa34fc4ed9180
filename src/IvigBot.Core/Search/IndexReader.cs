using Microsoft.Data.Sqlite;

namespace IvigBot.Search;

/// <summary>
/// One reader connection of a <see cref="FaqIndex"/> with its prepared BM25 query and scratch space for fusing
/// rows into documents. Used by one thread at a time (rented from and returned to the index), so nothing in it
/// is shared; the statement is prepared once and only its parameters are bound per query.
/// </summary>
internal sealed class IndexReader : IDisposable
{
    /// <summary>
    /// FTS5's own <c>rank</c> (BM25, lower is better) sorted inside FTS5: each matching row is scored once,
    /// where <c>ORDER BY bm25(rows)</c> plus <c>-bm25(rows)</c> in the select list could score it twice.
    /// </summary>
    private const string Sql = "SELECT rowid, rank FROM rows WHERE rows MATCH $match ORDER BY rank LIMIT $limit;";

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _command;
    private readonly SqliteParameter _match;
    private readonly SqliteParameter _limit;

    public IndexReader(SqliteConnection connection, int documentCount)
    {
        _connection = connection;
        _command = connection.CreateCommand();
        _command.CommandText = Sql;
        _match = _command.Parameters.Add("$match", SqliteType.Text);
        _limit = _command.Parameters.Add("$limit", SqliteType.Integer);
        _match.Value = "\"\"";
        _limit.Value = 1;
        _command.Prepare();
        QuestionScore = new double[documentCount];
        ExtraScore = new double[documentCount];
        Seen = new bool[documentCount];
    }

    /// <summary>Per document: the best question-like row score of the current query (zeroed again after use).</summary>
    public double[] QuestionScore { get; }

    /// <summary>Per document: the summed extra row scores of the current query (zeroed again after use).</summary>
    public double[] ExtraScore { get; }

    /// <summary>Per document: whether the current query touched it (cleared again after use).</summary>
    public bool[] Seen { get; }

    /// <summary>The documents the current query touched.</summary>
    public List<int> Touched { get; } = [];

    /// <summary>The rows of the current query, best first.</summary>
    public List<(long Row, double Score)> Rows { get; } = [];

    /// <summary>The phrases of the current query with what each costs to score.</summary>
    public List<(string[] Phrase, long Cost)> Phrases { get; } = [];

    /// <summary>A reusable buffer for the match expression.</summary>
    public System.Text.StringBuilder Match { get; } = new();

    /// <summary>Runs the prepared query; fills <see cref="Rows"/> with (row, BM25 score, higher is better).</summary>
    public void Query(string match, int limit)
    {
        _match.Value = match;
        _limit.Value = limit;
        Rows.Clear();
        using var reader = _command.ExecuteReader();
        while (reader.Read())
        {
            Rows.Add((reader.GetInt64(0), -reader.GetDouble(1)));
        }
    }

    public void Dispose()
    {
        _command.Dispose();
        _connection.Dispose();
    }
}
