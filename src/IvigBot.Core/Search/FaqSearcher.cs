using IvigBot.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace IvigBot.Search;

/// <summary>
/// Ranks documents with Lucene's BM25 (the index's shared searcher, one query of the question's terms, any of
/// them, in every field, each field's match scaled by <see cref="FieldWeights"/>; the question words in questions and
/// alternates only).
/// <para>
/// Query shape. BM25 scores every document that matches any term, so the cost of a query is about the number of documents
/// its terms are in (their postings). Two steps keep that small, rarest terms first:
/// </para>
/// <list type="number">
/// <item>Terms in at least half of the documents ("ivig" in an IVIG FAQ) get almost no weight from BM25's idf but make it
/// score most documents. They are left out whenever the rarer terms find anything; the documents left out are the ones
/// that only a common word matched, which BM25 can hardly order.</item>
/// <item>When the remaining terms are in more than <see cref="PostingBudget"/> documents' fields together (long messages on
/// large corpora), only the rarest terms that fit the budget are searched, and what they find is the result; the
/// common words of the message still count in the confidence of every candidate. With the default budget this
/// never happens on the shipped FAQ.</item>
/// </list>
/// When the query without common terms, or the rarest terms, find nothing, the full query runs.
/// A search acquires the index's shared searcher from its <see cref="SearcherManager"/> and releases it, so an index
/// swapped out by a reload stays open until the searches on it end. Thread-safe: one searcher serves every request.
/// </summary>
public sealed class FaqSearcher(FaqIndex index, FieldWeights? weights = null) : IFaqSearcher
{
    /// <summary>
    /// The default <see cref="PostingBudget"/>. Kept for quality as much as speed: without it LiveQA-Med lost at
    /// the top (P@1 0.330 → 0.311) what it gained in recall (docs/benchmarks.md).
    /// </summary>
    public const int DefaultPostingBudget = 5000;

    private readonly FieldWeights _weights = weights ?? new FieldWeights();

    public FaqIndex Index => index;

    /// <summary>
    /// At most how many postings (documents per field, summed over the searched terms) a query may make BM25 score before only its
    /// rarest terms are searched. Default <see cref="DefaultPostingBudget"/>; <see cref="int.MaxValue"/> searches every term.
    /// </summary>
    public int PostingBudget { get; init; } = DefaultPostingBudget;

    /// <summary>
    /// Whether terms in half of the documents or more are left out while rarer terms find anything. Default true; false
    /// always searches them.
    /// </summary>
    public bool LeaveOutCommonTerms { get; init; } = true;

    public IReadOnlyList<ScoredPassage> Search(AnalyzedQuery query, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.IsEmpty || limit <= 0)
        {
            return [];
        }

        var searcher = index.Acquire();
        var scratch = index.Rent();
        try
        {
            return Run(searcher, scratch, query, limit);
        }
        finally
        {
            index.Return(scratch);
            index.Release(searcher);
        }
    }

    public IReadOnlyList<TermMatch> Matches(AnalyzedQuery query, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ordinal, index.Documents.Count);
        if (query.IsEmpty)
        {
            return [];
        }

        var searcher = index.Acquire();
        var scratch = index.Rent();
        try
        {
            Run(searcher, scratch, query, 1);
            var words = new Dictionary<string[], string>(ReferenceEqualityComparer.Instance);
            foreach (var term in query.Terms)
            {
                foreach (var phrase in term.IndexTerms)
                {
                    words.TryAdd(phrase, term.Text);
                }
            }

            var matches = new List<TermMatch>();
            foreach (var field in Fields)
            {
                foreach (var phrase in scratch.Phrases)
                {
                    if (Clause(field, phrase) is { } clause && searcher.Explain(clause, ordinal) is { IsMatch: true } explanation)
                    {
                        matches.Add(new TermMatch(words[phrase], field, explanation.Value));
                    }
                }
            }

            for (var i = 0; i < query.Tokens.Count; i++)
            {
                if (QuestionWord(query, i) is { } word && searcher.Explain(word, ordinal) is { IsMatch: true } explanation)
                {
                    matches.Add(new TermMatch(query.Tokens[i], IndexField.Question, explanation.Value));
                }
            }

            return [.. matches.OrderByDescending(m => m.Score)];
        }
        finally
        {
            index.Return(scratch);
            index.Release(searcher);
        }
    }

    /// <summary>
    /// Runs the query without its common words, or over the budget only its rarest phrases, when that finds anything;
    /// otherwise the full query. The phrases searched are left in <see cref="SearchScratch.Phrases"/>.
    /// </summary>
    private List<ScoredPassage> Run(IndexSearcher searcher, SearchScratch scratch, AnalyzedQuery query, int limit)
    {
        var phrases = scratch.Phrases;
        phrases.Clear();
        var shortened = AddShortenedPhrases(query, phrases, scratch.Costs);
        if (shortened != Shortening.None && phrases.Count > 0)
        {
            var found = Best(searcher, WithQuestionWords(ToQuery(phrases), query), scratch, limit);
            if (found.Count > 0)
            {
                return found;
            }
        }

        phrases.Clear();
        foreach (var term in query.Terms)
        {
            phrases.AddRange(term.IndexTerms);
        }

        return Best(searcher, WithQuestionWords(ToQuery(phrases), query), scratch, limit);
    }

    /// <summary>Adds the question words of <paramref name="query"/> ("how", "can", "I"), searched in questions and alternates only.</summary>
    internal BooleanQuery WithQuestionWords(BooleanQuery terms, AnalyzedQuery query)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(query);
        for (var i = 0; i < query.Tokens.Count; i++)
        {
            if (QuestionWord(query, i) is { } question)
            {
                terms.Add(question, Occur.SHOULD);
            }
        }

        return terms;
    }

    /// <summary>The query of the question word at <paramref name="i"/> in questions and alternates; null for any other token, a repeat, or a word no question has.</summary>
    private TermQuery? QuestionWord(AnalyzedQuery query, int i) =>
        StopWords.IsStopWord(query.Tokens[i]) && !Repeats(query.Tokens, i)
            ? index.TermQuery(IndexField.Question, query.IndexTerms[i], (float)_weights.Question)
            : null;

    /// <summary>Whether the token at <paramref name="i"/> came earlier in <paramref name="tokens"/>.</summary>
    private static bool Repeats(IReadOnlyList<string> tokens, int i)
    {
        for (var k = 0; k < i; k++)
        {
            if (tokens[k] == tokens[i])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The Lucene query of every term of <paramref name="query"/>: any of them, a synonym group as its one group token.</summary>
    internal BooleanQuery ToQuery(AnalyzedQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ToQuery(query.Terms.SelectMany(term => term.IndexTerms).ToList());
    }

    /// <summary>
    /// The Lucene query of <paramref name="phrases"/> (index terms): any of them, a term or an exact phrase each, in
    /// every field that holds all its words, scaled by the field's weight.
    /// </summary>
    internal BooleanQuery ToQuery(IReadOnlyList<string[]> phrases)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        var query = new BooleanQuery(disableCoord: true);
        foreach (var field in Fields)
        {
            foreach (var phrase in phrases)
            {
                if (Clause(field, phrase) is { } clause)
                {
                    query.Add(clause, Occur.SHOULD);
                }
            }
        }

        return query;
    }

    /// <summary>The query of one phrase (index terms) in <paramref name="field"/>, scaled by the field's weight; null when the field lacks any of its words.</summary>
    private Query? Clause(IndexField field, string[] phrase)
    {
        var boost = (float)_weights[field];
        if (phrase.Length == 1)
        {
            return index.TermQuery(field, phrase[0], boost);
        }

        foreach (var word in phrase)
        {
            if (!index.Holds(field, word))
            {
                return null;
            }
        }

        var exact = new PhraseQuery { Boost = boost };
        foreach (var word in phrase)
        {
            exact.Add(new Term(FieldWeights.Names[(int)field], word));
        }

        return exact;
    }

    private static readonly IndexField[] Fields = Enum.GetValues<IndexField>();

    private enum Shortening
    {
        /// <summary>Nothing left out: run the full query.</summary>
        None,

        /// <summary>Only terms in half of the documents left out: used when it finds anything.</summary>
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
            foreach (var phrase in term.IndexTerms)
            {
                if (LeaveOutCommonTerms && phrase.Length == 1 && IsCommon(phrase[0]))
                {
                    leftOut = true;
                    continue;
                }

                long cost = 0;
                foreach (var word in phrase)
                {
                    cost += index.Postings(word);
                }

                phrases.Add((phrase, cost));
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

    /// <summary>Whether an index term is in half of the documents or more (in one field), where BM25's idf is close to nothing.</summary>
    private bool IsCommon(string term) => 2L * index.DocumentFrequency(term) >= index.DocumentCount;

    public bool AllTermsCommon(AnalyzedQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return !query.IsEmpty && query.Terms.All(term => term.IndexTerms.All(p => p.Length == 1 && IsCommon(p[0])));
    }

    /// <summary>Runs <paramref name="query"/>: the best <paramref name="limit"/> documents, best first, ties by id.</summary>
    private List<ScoredPassage> Best(IndexSearcher searcher, Query query, SearchScratch scratch, int limit)
    {
        var best = scratch.Best;
        best.Clear();
        searcher.Search(query, new BestDocumentsCollector(scratch, limit));
        var found = new List<ScoredPassage>(best.Count);
        while (best.TryDequeue(out var document, out var entry))
        {
            found.Add(new ScoredPassage(index.Documents[document], entry.Score, document));
        }

        found.Reverse();
        return found;
    }
}
