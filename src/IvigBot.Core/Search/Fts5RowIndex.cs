using System.Collections.Concurrent;
using System.Text;
using Microsoft.Data.Sqlite;

namespace IvigBot.Search;

/// <summary>
/// The index rows in an SQLite FTS5 table (<c>porter unicode61 remove_diacritics 2</c>), scored by FTS5's own BM25.
/// SQLite connections are not shared between threads, so each concurrent search rents a reader: a copy of the
/// in-memory database with its statement prepared once; per query only the parameters are bound.
/// </summary>
internal sealed class Fts5RowIndex : IRowIndex
{
    /// <summary>The FTS5 tokenizer of the table; <see cref="PorterStemmer"/> and <see cref="InMemoryRowIndex"/> reproduce it.</summary>
    public const string Tokenizer = "porter unicode61 remove_diacritics 2";

    private readonly SqliteConnection _master;
    private readonly Lock _masterLock = new();
    private readonly ConcurrentBag<Reader> _readers = [];
    private readonly List<Reader> _allReaders = [];
    private bool _disposed;

    static Fts5RowIndex() => SQLitePCL.Batteries_V2.Init();

    private Fts5RowIndex(SqliteConnection master) => _master = master;

    public SearchEngine Engine => SearchEngine.Fts5;

    public void Score(IReadOnlyList<string[]> phrases, int limit, List<(int Row, double Score)> rows)
    {
        rows.Clear();
        if (phrases.Count == 0 || limit <= 0)
        {
            return;
        }

        var reader = Rent();
        try
        {
            reader.Match.Clear();
            AppendMatchExpression(phrases, reader.Match);
            reader.Query(reader.Match.ToString(), limit, rows);
        }
        finally
        {
            _readers.Add(reader);
        }
    }

    /// <summary>An FTS5 expression: the phrases quoted and OR-ed.</summary>
    public static void AppendMatchExpression(IEnumerable<string[]> phrases, StringBuilder builder)
    {
        foreach (var words in phrases)
        {
            if (builder.Length > 0)
            {
                builder.Append(" OR ");
            }

            builder.Append('"');
            for (var i = 0; i < words.Length; i++)
            {
                builder.Append(i == 0 ? "" : " ").Append(words[i]);
            }

            builder.Append('"');
        }
    }

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

    /// <summary>A reader for this thread's use only; a new one (a copy of the database) when all are in use.</summary>
    private Reader Rent()
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
            reader = new Reader(connection);
            _allReaders.Add(reader);
        }

        return reader;
    }

    /// <summary>Writes the rows into a new FTS5 table, in one transaction.</summary>
    public sealed class Builder : IRowIndexBuilder
    {
        private readonly SqliteConnection _master;
        private readonly SqliteTransaction _transaction;
        private readonly SqliteCommand _insert;
        private readonly SqliteParameter _id;
        private readonly SqliteParameter _text;
        private int _rows;
        private bool _built;

        public Builder()
        {
            _master = new SqliteConnection("Data Source=:memory:");
            _master.Open();
            using (var create = _master.CreateCommand())
            {
                create.CommandText = $"CREATE VIRTUAL TABLE rows USING fts5(text, tokenize = '{Tokenizer}');";
                create.ExecuteNonQuery();
            }

            _transaction = _master.BeginTransaction();
            _insert = _master.CreateCommand();
            _insert.CommandText = "INSERT INTO rows(rowid, text) VALUES ($id, $text);";
            _id = _insert.Parameters.Add("$id", SqliteType.Integer);
            _text = _insert.Parameters.Add("$text", SqliteType.Text);
        }

        /// <summary>Adds the next row (its id is the number of rows added before it).</summary>
        public void Add(IReadOnlyList<string> tokens)
        {
            _id.Value = _rows++;
            _text.Value = string.Join(' ', tokens);
            _insert.ExecuteNonQuery();
        }

        public IRowIndex Build()
        {
            _transaction.Commit();
            _insert.Dispose();
            using (var optimize = _master.CreateCommand())
            {
                optimize.CommandText = "INSERT INTO rows(rows) VALUES ('optimize');";
                optimize.ExecuteNonQuery();
            }

            _built = true;
            return new Fts5RowIndex(_master);
        }

        public void Dispose()
        {
            if (!_built)
            {
                _insert.Dispose();
                _transaction.Dispose();
                _master.Dispose();
            }
        }
    }

    /// <summary>One reader connection with its prepared BM25 query. Used by one thread at a time.</summary>
    private sealed class Reader : IDisposable
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

        public Reader(SqliteConnection connection)
        {
            _connection = connection;
            _command = connection.CreateCommand();
            _command.CommandText = Sql;
            _match = _command.Parameters.Add("$match", SqliteType.Text);
            _limit = _command.Parameters.Add("$limit", SqliteType.Integer);
            _match.Value = "\"\"";
            _limit.Value = 1;
            _command.Prepare();
        }

        /// <summary>A reusable buffer for the match expression.</summary>
        public StringBuilder Match { get; } = new();

        public void Query(string match, int limit, List<(int Row, double Score)> rows)
        {
            _match.Value = match;
            _limit.Value = limit;
            using var reader = _command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add((reader.GetInt32(0), -reader.GetDouble(1)));
            }
        }

        public void Dispose()
        {
            _command.Dispose();
            _connection.Dispose();
        }
    }
}
