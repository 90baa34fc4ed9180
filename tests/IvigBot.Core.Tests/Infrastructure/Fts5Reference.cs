using Microsoft.Data.Sqlite;

namespace IvigBot.Core.Tests.Infrastructure;

/// <summary>
/// SQLite FTS5 itself as the reference for our tokenizer and stemmer: rows written to an in-memory FTS5 table with a
/// given tokenizer, and the terms it stores read back in order from an fts5vocab table.
/// </summary>
internal static class Fts5Reference
{
    /// <summary>The index's tokenizer without porter: what <c>FaqTokenizer</c> must match.</summary>
    public const string Unicode61 = "unicode61 remove_diacritics 2";

    static Fts5Reference() => SQLitePCL.Batteries_V2.Init();

    /// <summary>The tokens FTS5's <see cref="Unicode61"/> stores for each row, in order.</summary>
    public static List<string>[] Tokenize(IReadOnlyList<string> rows) => Terms(rows, Unicode61);

    /// <summary>The terms FTS5 stores for each row, in order, with <paramref name="tokenizer"/> (one transaction).</summary>
    public static List<string>[] Terms(IReadOnlyList<string> rows, string tokenizer)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, $"CREATE VIRTUAL TABLE rows USING fts5(text, tokenize = '{tokenizer}');");
        Execute(connection, "CREATE VIRTUAL TABLE terms USING fts5vocab(rows, instance);");
        using (var transaction = connection.BeginTransaction())
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO rows(rowid, text) VALUES ($id, $text);";
            var id = insert.Parameters.Add("$id", SqliteType.Integer);
            var text = insert.Parameters.Add("$text", SqliteType.Text);
            for (var i = 0; i < rows.Count; i++)
            {
                id.Value = i;
                text.Value = rows[i];
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        var tokens = new List<string>[rows.Count];
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = [];
        }

        using var select = connection.CreateCommand();
        select.CommandText = "SELECT doc, term FROM terms ORDER BY doc, offset;";
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            tokens[reader.GetInt32(0)].Add(reader.GetString(1));
        }

        return tokens;
    }

    public static List<string> Tokenize(string text) => Tokenize([text])[0];

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
