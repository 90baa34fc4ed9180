using System.Text;
using IvigBot.Analysis;

namespace IvigBot.Search;

/// <summary>
/// Ranks documents with SQLite FTS5's BM25 over the index rows, then fuses the rows of each document:
/// its best question or alternate row plus a share of its answer row, each scaled by <see cref="FieldWeights"/>.
/// Each reader connection keeps its statement prepared; per query only the parameters are bound.
/// <para>
/// Query shape: words found in at least half of the index rows ("ivig" in an IVIG FAQ) get no weight from FTS5's
/// BM25 (idf floored at 1e-6) but make it score most rows. They are left out of the match expression when the rarer
/// words alone find at least <c>limit</c> documents; only when they do not is the full expression run. Either way
/// the documents returned and their order are those of the full expression (scores differ by the 1e-6 floor at most).
/// </para>
/// </summary>
public sealed class FaqSearcher(FaqIndex index, FieldWeights? weights = null) : IFaqSearcher
{
    /// <summary>How many index rows BM25 hands over for fusion.</summary>
    public const int RowLimit = 200;

    private readonly FieldWeights _weights = weights ?? new FieldWeights();

    public FaqIndex Index => index;

    public IReadOnlyList<ScoredPassage> Search(AnalyzedQuery query, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.IsEmpty || limit <= 0)
        {
            return [];
        }

        var reader = index.Rent();
        try
        {
            var match = reader.Match.Clear();
            if (AppendMatchExpression(query, match, index.CommonWords) && match.Length > 0)
            {
                reader.Query(match.ToString(), RowLimit);
                var found = Fuse(reader, limit);
                if (found.Count >= limit)
                {
                    return found;
                }
            }

            AppendMatchExpression(query, match.Clear(), null);
            reader.Query(match.ToString(), RowLimit);
            return Fuse(reader, limit);
        }
        finally
        {
            index.Return(reader);
        }
    }

    /// <summary>An FTS5 expression: every alternative of every term, OR-ed; phrases quoted.</summary>
    public static string ToMatchExpression(AnalyzedQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var builder = new StringBuilder();
        AppendMatchExpression(query, builder, null);
        return builder.ToString();
    }

    /// <summary>Appends the OR of all alternatives, except single words in <paramref name="leaveOut"/>; returns whether any was left out.</summary>
    private static bool AppendMatchExpression(AnalyzedQuery query, StringBuilder builder, IReadOnlySet<string>? leaveOut)
    {
        var leftOut = false;
        foreach (var term in query.Terms)
        {
            foreach (var alternative in term.Alternatives)
            {
                if (leaveOut is not null && alternative.Length == 1 && leaveOut.Contains(alternative[0]))
                {
                    leftOut = true;
                    continue;
                }

                if (builder.Length > 0)
                {
                    builder.Append(" OR ");
                }

                builder.Append('"');
                for (var i = 0; i < alternative.Length; i++)
                {
                    builder.Append(i == 0 ? "" : " ").Append(alternative[i]);
                }

                builder.Append('"');
            }
        }

        return leftOut;
    }

    /// <summary>Per document, the best question-like row plus the extra rows, in row order; the best <paramref name="limit"/> documents.</summary>
    private List<ScoredPassage> Fuse(IndexReader reader, int limit)
    {
        var question = reader.QuestionScore;
        var extra = reader.ExtraScore;
        var touched = reader.Touched;
        touched.Clear();
        foreach (var (row, score) in reader.Rows)
        {
            var document = index.RowDocument[row];
            var field = index.RowField[row];
            var weighted = score * _weights[field];
            if (question[document] == 0 && extra[document] == 0)
            {
                touched.Add(document);
            }

            if (field is IndexField.Question or IndexField.Alternate or IndexField.PassageText)
            {
                question[document] = Math.Max(question[document], weighted);
            }
            else
            {
                extra[document] += weighted;
            }
        }

        var found = new List<ScoredPassage>(touched.Count);
        foreach (var document in touched)
        {
            found.Add(new ScoredPassage(index.Documents[document], question[document] + extra[document]));
            question[document] = 0;
            extra[document] = 0;
        }

        found.Sort(static (a, b) => b.Score.CompareTo(a.Score) is var order && order != 0 ? order : string.CompareOrdinal(a.Document.Id, b.Document.Id));
        if (found.Count > limit)
        {
            found.RemoveRange(limit, found.Count - limit);
        }

        return found;
    }
}
