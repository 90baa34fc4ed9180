using System.Diagnostics.CodeAnalysis;

namespace IvigBot.Analysis;

/// <summary>One meaningful part of a question, with the words and phrases that may stand for it.</summary>
/// <param name="Alternatives">Token arrays that count as this term: the (corrected) words first, then their synonyms.</param>
/// <param name="Known">Whether the index has ever seen any alternative of this term.</param>
/// <param name="SynonymGroup">The synonym group the term stands for (see <see cref="SynonymMap.GroupToken"/>), or -1.</param>
public sealed record QueryTerm(IReadOnlyList<string[]> Alternatives, bool Known, int SynonymGroup = -1)
{
    /// <summary>The term as searched: its first alternative.</summary>
    public string Text => string.Join(' ', Alternatives[0]);
}

/// <summary>A question after analysis: its words (spelling corrected) and the terms to search for.</summary>
public sealed record AnalyzedQuery(IReadOnlyList<string> Tokens, IReadOnlyList<QueryTerm> Terms)
{
    public bool IsEmpty => Terms.Count == 0;
}

/// <summary>
/// The query-analysis pipeline, in order: <see cref="FaqAnalyzer"/>'s <see cref="FaqAnalyzer.QueryWords"/> (normalisation,
/// then <see cref="SpellingCorrectionFilter"/> against the index's own vocabulary) → synonym and abbreviation
/// expansion (<see cref="SynonymMap"/>) → <see cref="StopWords"/> (question words, searched apart: see <c>FaqSearcher</c>).
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "An analyzer holds only reusable per-thread token streams, no native resources; a question still in flight on an index swapped out by a reload must be able to use it, so the garbage collector frees it, as FaqAnalyzer.Shared.")]
public sealed class FaqQueryParser(SpellingCorrector speller, SynonymMap synonyms)
{
    private readonly FaqAnalyzer _analyzer = new(synonyms, speller);

    /// <summary>Questions longer than this many tokens are analysed on their first part only.</summary>
    public const int MaxTokens = 80;

    /// <summary>The synonym groups that expand queries; their phrases are the alternatives of synonym terms.</summary>
    public SynonymMap Synonyms => synonyms;

    /// <summary>Whether <paramref name="word"/> (lower case) occurs anywhere in the indexed content.</summary>
    public bool IsKnownWord(string word) => speller.IsKnown(word);

    public AnalyzedQuery Analyze(string text)
    {
        var words = _analyzer.Tokens(FaqAnalyzer.QueryWords, text, MaxTokens);
        var stems = new string[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            stems[i] = LightStemmer.Stem(words[i]);
        }

        var terms = new List<QueryTerm>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < words.Count;)
        {
            var (length, group) = synonyms.Match(stems, i);
            if (length > 0)
            {
                var matched = words.Skip(i).Take(length).ToArray();
                var alternatives = new List<string[]> { matched };
                alternatives.AddRange(synonyms.Groups[group].Where(p => !p.SequenceEqual(matched)));
                if (seen.Add("g" + group))
                {
                    terms.Add(new QueryTerm(alternatives, true, group));
                }

                i += length;
                continue;
            }

            if (!StopWords.IsStopWord(words[i]) && seen.Add(stems[i]))
            {
                terms.Add(new QueryTerm([[words[i]]], speller.IsKnown(words[i])));
            }

            i++;
        }

        return new AnalyzedQuery(words, terms);
    }
}
