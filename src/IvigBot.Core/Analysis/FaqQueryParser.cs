using System.Diagnostics.CodeAnalysis;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Analysis.TokenAttributes;

namespace IvigBot.Analysis;

/// <summary>One meaningful part of a question, with the words and phrases that may stand for it.</summary>
/// <param name="Alternatives">Token arrays that count as this term: the (corrected) words first, then their synonyms.</param>
/// <param name="Known">Whether the index has ever seen any alternative of this term.</param>
/// <param name="IndexTerms">
/// What is searched for the term, as the analyzer's index terms: a synonym group's one token
/// (<see cref="SynonymMap.GroupToken"/>), or the word's stem; one array per phrase searched.
/// </param>
/// <param name="Stems">The <see cref="LightStemmer"/> stems of the term's words (its first alternative), as the analyzer made them.</param>
public sealed record QueryTerm(IReadOnlyList<string[]> Alternatives, bool Known, IReadOnlyList<string[]> IndexTerms, string[] Stems)
{
    /// <summary>The term as searched: its first alternative.</summary>
    public string Text => string.Join(' ', Alternatives[0]);
}

/// <summary>
/// A question after analysis: its words (spelling corrected), each word's index term (the stem the chain ends with)
/// and <see cref="LightStemmer"/> stem, as the analyzer made them, and the terms to search for.
/// </summary>
public sealed record AnalyzedQuery(IReadOnlyList<string> Tokens, IReadOnlyList<string> IndexTerms, IReadOnlyList<string> Stems, IReadOnlyList<QueryTerm> Terms)
{
    public bool IsEmpty => Terms.Count == 0;
}

/// <summary>
/// The query-analysis pipeline, in one pass of <see cref="FaqAnalyzer"/>'s <see cref="FaqAnalyzer.Question"/> field:
/// normalisation → <see cref="SpellingCorrectionFilter"/> against the index's own vocabulary → synonym and abbreviation
/// expansion (the group tokens Lucene's <see cref="SynonymFilter"/> adds, each term carrying its group's phrases from
/// <see cref="SynonymMap"/>) → <see cref="StopWords"/> (question words, searched apart: see <c>FaqSearcher</c>).
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
        var (words, indexTerms, stems, groups) = Read(text);
        var terms = new List<QueryTerm>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < words.Count;)
        {
            var (length, group, groupTerm) = groups[i];
            if (length > 0)
            {
                var matched = words.GetRange(i, length).ToArray();
                var alternatives = new List<string[]> { matched };
                alternatives.AddRange(synonyms.Groups[group].Where(p => !p.SequenceEqual(matched)));
                if (seen.Add("g" + group))
                {
                    terms.Add(new QueryTerm(alternatives, true, [[groupTerm!]], stems.GetRange(i, length).ToArray()));
                }

                i += length;
                continue;
            }

            if (!StopWords.IsStopWord(words[i]) && seen.Add(stems[i]))
            {
                terms.Add(new QueryTerm([[words[i]]], speller.IsKnown(words[i]), [[indexTerms[i]]], [stems[i]]));
            }

            i++;
        }

        return new AnalyzedQuery(words, indexTerms, stems, terms);
    }

    /// <summary>
    /// One pass of <paramref name="text"/> through the analyzer's <see cref="FaqAnalyzer.Question"/> field, up to
    /// <see cref="MaxTokens"/> words: the words as spelling correction left them and their light stems
    /// (<see cref="IWordAttribute"/>), their index terms (the stems the chain ends with) and, at
    /// each word, the synonym phrase starting there as Lucene's <see cref="SynonymFilter"/> found it (a group token at the
    /// phrase's first position, as long as the phrase), the longest where several start at one word; (0, -1, null)
    /// elsewhere. The field keeps every word, so its positions are the words' indexes.
    /// </summary>
    private (List<string> Words, List<string> IndexTerms, List<string> Stems, (int Length, int Group, string? Term)[] Groups) Read(string text)
    {
        var words = new List<string>();
        var indexTerms = new List<string>();
        var stems = new List<string>();
        var found = new List<(int Position, int Length, int Group, string Term)>();
        using (var stream = _analyzer.GetTokenStream(FaqAnalyzer.Question, text))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            var word = stream.AddAttribute<IWordAttribute>();
            var type = stream.AddAttribute<ITypeAttribute>();
            var increment = stream.AddAttribute<IPositionIncrementAttribute>();
            var length = stream.AddAttribute<IPositionLengthAttribute>();
            stream.Reset();
            var position = -1;
            while (stream.IncrementToken())
            {
                position += increment.PositionIncrement;
                if (position >= MaxTokens)
                {
                    break;
                }

                if (type.Type != SynonymFilter.TYPE_SYNONYM)
                {
                    words.Add(word.Word);
                    indexTerms.Add(term.ToString());
                    stems.Add(word.Stem);
                }
                else if (term.ToString() is var groupTerm && SynonymMap.GroupOf(groupTerm) is { } group)
                {
                    found.Add((position, length.PositionLength, group, groupTerm));
                }
            }

            stream.End();
        }

        var groups = new (int Length, int Group, string? Term)[words.Count];
        Array.Fill(groups, (0, -1, null));
        foreach (var (position, length, group, groupTerm) in found)
        {
            if (length > groups[position].Length && position + length <= words.Count)
            {
                groups[position] = (length, group, groupTerm);
            }
        }

        return (words, indexTerms, stems, groups);
    }
}
