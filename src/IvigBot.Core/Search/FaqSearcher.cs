using System.Text;
using IvigBot.Analysis;

namespace IvigBot.Search;

/// <summary>
/// Ranks documents with FTS5's BM25 over the index rows (<see cref="FaqIndex.Engine"/>: computed in managed memory, or
/// by SQLite FTS5 itself), then fuses the rows of each document: its best question or alternate row plus a share of
/// its answer row, each scaled by <see cref="FieldWeights"/>.
/// <para>
/// Query shape. BM25 scores every row that matches any term, so the cost of a query is about the number of rows
/// its terms are in (their postings). Two steps keep that small, rarest terms first:
/// </para>
/// <list type="number">
/// <item>Words in at least half of the rows ("ivig" in an IVIG FAQ) get no weight from FTS5's BM25 (idf floored
/// at 1e-6) but make it score most rows. They are left out whenever the rarer terms find anything: what those find
/// is the head of the full result, with the same scores (to the 1e-6 floor); the documents left out are the ones
/// that only a common word matched, which BM25 cannot order anyway.</item>
/// <item>When the remaining terms are in more than <see cref="PostingBudget"/> rows together (long messages on
/// large corpora), only the rarest terms that fit the budget are searched, and what they find is the result; the
/// common words of the message still count in the confidence of every candidate. With the default budget this
/// never happens on the shipped FAQ.</item>
/// </list>
/// When the expression without common words, or the rarest terms, find nothing, the full expression runs.
/// </summary>
public sealed class FaqSearcher(FaqIndex index, FieldWeights? weights = null) : IFaqSearcher
{
    /// <summary>How many index rows BM25 hands over for fusion.</summary>
    public const int RowLimit = 200;

    /// <summary>
    /// The default <see cref="PostingBudget"/>: about a millisecond of FTS5 scoring on a small server (tens of
    /// microseconds in memory). Kept with the in-memory engine for quality, not speed: without it LiveQA-Med loses at
    /// the top (P@1 0.330 → 0.311) what it gains in recall (docs/benchmarks.md).
    /// </summary>
    public const int DefaultPostingBudget = 5000;

    private readonly FieldWeights _weights = weights ?? new FieldWeights();

    public FaqIndex Index => index;

    /// <summary>
    /// At most how many index rows (summed over the searched terms) a query may make BM25 score before only its
    /// rarest terms are searched. Default <see cref="DefaultPostingBudget"/>; <see cref="int.MaxValue"/> searches every term.
    /// </summary>
    public int PostingBudget { get; init; } = DefaultPostingBudget;

    public IReadOnlyList<ScoredPassage> Search(AnalyzedQuery query, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.IsEmpty || limit <= 0)
        {
            return [];
        }

        var scratch = index.Rent();
        try
        {
            var phrases = scratch.Phrases;
            phrases.Clear();
            var shortened = AddShortenedPhrases(query, phrases, scratch.Costs);
            if (shortened != Shortening.None && phrases.Count > 0)
            {
                index.Rows.Score(phrases, RowLimit, scratch.Rows);
                var found = Fuse(scratch, limit);
                if (found.Count > 0)
                {
                    return found;
                }
            }

            phrases.Clear();
            AddPhrases(query, phrases);
            index.Rows.Score(phrases, RowLimit, scratch.Rows);
            return Fuse(scratch, limit);
        }
        finally
        {
            index.Return(scratch);
        }
    }

    /// <summary>An FTS5 expression: every term, OR-ed (a synonym group as its one group token); phrases quoted.</summary>
    public static string ToMatchExpression(AnalyzedQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var builder = new StringBuilder();
        Fts5RowIndex.AppendMatchExpression(Phrases(query), builder);
        return builder.ToString();
    }

    /// <summary>The phrases searched for <paramref name="query"/> when nothing is left out, in its order.</summary>
    internal static List<string[]> Phrases(AnalyzedQuery query)
    {
        var phrases = new List<string[]>();
        AddPhrases(query, phrases);
        return phrases;
    }

    /// <summary>Every term's phrases, in the query's order.</summary>
    private static void AddPhrases(AnalyzedQuery query, List<string[]> phrases)
    {
        foreach (var term in query.Terms)
        {
            foreach (var alternative in Searched(term))
            {
                phrases.Add(alternative);
            }
        }
    }

    private enum Shortening
    {
        /// <summary>Nothing left out: run the full expression.</summary>
        None,

        /// <summary>Only words in half of the rows left out: exact when it finds enough documents.</summary>
        CommonWords,

        /// <summary>Only the rarest phrases within the posting budget: used when it finds anything.</summary>
        OverBudget,
    }

    /// <summary>Adds the phrases without common words and, over the budget, only the rarest phrases that fit it.</summary>
    private Shortening AddShortenedPhrases(AnalyzedQuery query, List<string[]> searched, List<(string[] Phrase, long Cost)> phrases)
    {
        phrases.Clear();
        var leftOut = false;
        long total = 0;
        foreach (var term in query.Terms)
        {
            foreach (var alternative in Searched(term))
            {
                if (alternative.Length == 1 && index.CommonWords.Contains(alternative[0]))
                {
                    leftOut = true;
                    continue;
                }

                long cost = 0;
                foreach (var word in alternative)
                {
                    cost += index.WordRows.GetValueOrDefault(word);
                }

                phrases.Add((alternative, cost));
                total += cost;
            }
        }

        if (total > PostingBudget && phrases.Count > 1)
        {
            // Rarest first; a stable sort keeps the query's order among equal costs.
            var order = new int[phrases.Count];
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            Array.Sort(order, (a, b) => phrases[a].Cost.CompareTo(phrases[b].Cost) is var c && c != 0 ? c : a.CompareTo(b));
            var keep = new bool[phrases.Count];
            long spent = 0;
            for (var k = 0; k < order.Length; k++)
            {
                var cost = phrases[order[k]].Cost;
                if (k > 0 && spent + cost > PostingBudget)
                {
                    break;
                }

                keep[order[k]] = true;
                spent += cost;
            }

            for (var i = 0; i < phrases.Count; i++)
            {
                if (keep[i])
                {
                    searched.Add(phrases[i].Phrase);
                }
            }

            return Shortening.OverBudget;
        }

        foreach (var (phrase, _) in phrases)
        {
            searched.Add(phrase);
        }

        return leftOut ? Shortening.CommonWords : Shortening.None;
    }

    /// <summary>
    /// Whether every searched term of <paramref name="query"/> is in half of the rows or more ("What is IVIG?" in an
    /// IVIG FAQ): BM25 can then hardly tell the documents apart, and a caller may want more of them to judge.
    /// </summary>
    public bool AllTermsCommon(AnalyzedQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return !query.IsEmpty && query.Terms.All(term => Searched(term).All(a => a.Length == 1 && index.CommonWords.Contains(a[0])));
    }

    /// <summary>What is searched for a term: its synonym group's one token, else its words.</summary>
    private static IReadOnlyList<string[]> Searched(QueryTerm term) =>
        term.SynonymGroup >= 0 ? [[SynonymMap.GroupToken(term.SynonymGroup)]] : term.Alternatives;

    /// <summary>Per document, the best question-like row plus the extra rows, in row order; the best <paramref name="limit"/> documents.</summary>
    private List<ScoredPassage> Fuse(SearchScratch scratch, int limit)
    {
        var question = scratch.QuestionScore;
        var extra = scratch.ExtraScore;
        var touched = scratch.Touched;
        touched.Clear();
        foreach (var (row, score) in scratch.Rows)
        {
            var document = index.RowDocument[row];
            var field = index.RowField[row];
            var weighted = score * _weights[field];
            if (!scratch.Seen[document])
            {
                scratch.Seen[document] = true;
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
            scratch.Seen[document] = false;
        }

        found.Sort(static (a, b) => b.Score.CompareTo(a.Score) is var order && order != 0 ? order : string.CompareOrdinal(a.Document.Id, b.Document.Id));
        if (found.Count > limit)
        {
            found.RemoveRange(limit, found.Count - limit);
        }

        return found;
    }
}
