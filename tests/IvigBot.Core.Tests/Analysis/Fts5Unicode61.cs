using Microsoft.Data.Sqlite;

namespace IvigBot.Core.Tests.Analysis;

/// <summary>
/// The reference for <c>FaqTokenizer</c>: SQLite FTS5's own <c>unicode61 remove_diacritics 2</c> tokenizer (the index's,
/// without porter), run in an in-memory table; the tokens it stores are read back in order from an fts5vocab table.
/// </summary>
internal static class Fts5Unicode61
{
    static Fts5Unicode61() => SQLitePCL.Batteries_V2.Init();

    /// <summary>The tokens FTS5 stores for each row, in order.</summary>
    public static List<string>[] Tokenize(IReadOnlyList<string> rows)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, "CREATE VIRTUAL TABLE rows USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');");
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
