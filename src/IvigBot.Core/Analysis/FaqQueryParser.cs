namespace IvigBot.Analysis;

/// <summary>One meaningful part of a question, with the words and phrases that may stand for it.</summary>
/// <param name="Original">The words as the patient wrote them.</param>
/// <param name="Alternatives">Token arrays that count as this term: the (corrected) words first, then their synonyms.</param>
/// <param name="Corrected">Whether spelling correction changed a word.</param>
/// <param name="Known">Whether the index has ever seen any alternative of this term.</param>
/// <param name="SynonymGroup">The synonym group the term stands for (see <see cref="SynonymMap.GroupToken"/>), or -1.</param>
public sealed record QueryTerm(string Original, IReadOnlyList<string[]> Alternatives, bool Corrected, bool Known, int SynonymGroup = -1)
{
    /// <summary>The term as searched: its first alternative.</summary>
    public string Text => string.Join(' ', Alternatives[0]);
}

/// <summary>A question after analysis: its tokens and the terms to search for.</summary>
public sealed record AnalyzedQuery(IReadOnlyList<string> Tokens, IReadOnlyList<QueryTerm> Terms)
{
    public bool IsEmpty => Terms.Count == 0;
}

/// <summary>
/// The query-analysis pipeline, in order: <see cref="FaqAnalyzer"/>'s words (normalisation) →
/// <see cref="SpellingCorrector"/> (against the index's own vocabulary) → synonym and abbreviation
/// expansion (<see cref="SynonymMap"/>) → <see cref="StopWords"/> (question words, searched apart: see <c>FaqSearcher</c>).
/// </summary>
public sealed class FaqQueryParser(SpellingCorrector speller, SynonymMap synonyms)
{
    /// <summary>Questions longer than this many tokens are analysed on their first part only.</summary>
    public const int MaxTokens = 80;

    /// <summary>The synonym groups that expand queries; their phrases are the alternatives of synonym terms.</summary>
    public SynonymMap Synonyms => synonyms;

    /// <summary>Whether <paramref name="word"/> (lower case) occurs anywhere in the indexed content.</summary>
    public bool IsKnownWord(string word) => speller.IsKnown(word);

    public AnalyzedQuery Analyze(string text)
    {
        var tokens = FaqAnalyzer.WordsOf(text);
        if (tokens.Count > MaxTokens)
        {
            tokens.RemoveRange(MaxTokens, tokens.Count - MaxTokens);
        }

        var words = new string[tokens.Count];
        var stems = new string[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            words[i] = StopWords.IsStopWord(tokens[i]) ? tokens[i] : speller.Correct(tokens[i]);
            stems[i] = LightStemmer.Stem(words[i]);
        }

        var terms = new List<QueryTerm>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < words.Length;)
        {
            var (length, group) = synonyms.Match(stems, i);
            if (length > 0)
            {
                var original = string.Join(' ', tokens.Skip(i).Take(length));
                var matched = words.Skip(i).Take(length).ToArray();
                var alternatives = new List<string[]> { matched };
                alternatives.AddRange(synonyms.Groups[group].Where(p => !p.SequenceEqual(matched)));
                if (seen.Add("g" + group))
                {
                    terms.Add(new QueryTerm(original, alternatives, !matched.SequenceEqual(tokens.Skip(i).Take(length)), true, group));
                }

                i += length;
                continue;
            }

            if (!StopWords.IsStopWord(words[i]) && seen.Add(stems[i]))
            {
                terms.Add(new QueryTerm(tokens[i], [[words[i]]], words[i] != tokens[i], speller.IsKnown(words[i])));
            }

            i++;
        }

        return new AnalyzedQuery(tokens, terms);
    }
}
