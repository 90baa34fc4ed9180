using System.Text;
using IvigBot.Analysis;

namespace IvigBot.Search;

/// <summary>
/// Ranks documents with SQLite FTS5's BM25 over the index rows, then fuses the rows of each document:
/// its best question or alternate row plus a share of its answer row, each scaled by <see cref="FieldWeights"/>.
/// </summary>
public sealed class FaqSearcher(FaqIndex index, FieldWeights? weights = null) : IFaqSearcher
{
    /// <summary>How many index rows BM25 hands over for fusion.</summary>
    public const int RowLimit = 200;

    private readonly FieldWeights _weights = weights ?? new FieldWeights();

    public FaqIndex Index => index;

    public IReadOnlyList<ScoredPassage> Search(AnalyzedQuery query, int limit)
    {
        if (query.IsEmpty)
        {
            return [];
        }

        var match = ToMatchExpression(query);
        var rows = index.Read(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT rowid, -bm25(rows) FROM rows WHERE rows MATCH $match ORDER BY bm25(rows) LIMIT $limit;";
            command.Parameters.AddWithValue("$match", match);
            command.Parameters.AddWithValue("$limit", RowLimit);
            var found = new List<(long Row, double Score)>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                found.Add((reader.GetInt64(0), reader.GetDouble(1)));
            }

            return found;
        });

        var best = new Dictionary<int, (double Question, double Extra)>();
        foreach (var (row, score) in rows)
        {
            var document = index.RowDocument[row];
            var field = index.RowField[row];
            var weighted = score * _weights[field];
            best.TryGetValue(document, out var current);
            best[document] = field is IndexField.Question or IndexField.Alternate or IndexField.PassageText
                ? (Math.Max(current.Question, weighted), current.Extra)
                : (current.Question, current.Extra + weighted);
        }

        return best
            .Select(kv => new ScoredPassage(index.Documents[kv.Key], kv.Value.Question + kv.Value.Extra))
            .OrderByDescending(p => p.Score)
            .ThenBy(p => p.Document.Id, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
    }

    /// <summary>An FTS5 expression: every alternative of every term, OR-ed; phrases quoted.</summary>
    public static string ToMatchExpression(AnalyzedQuery query)
    {
        var builder = new StringBuilder();
        foreach (var term in query.Terms)
        {
            foreach (var alternative in term.Alternatives)
            {
                if (builder.Length > 0)
                {
                    builder.Append(" OR ");
                }

                builder.Append('"').Append(string.Join(' ', alternative)).Append('"');
            }
        }

        return builder.ToString();
    }
}
