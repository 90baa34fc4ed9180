using System.Collections.Frozen;
using System.Diagnostics;
using IvigBot.Analysis;
using IvigBot.Content;

namespace IvigBot.Search;

/// <summary>
/// Builds a <see cref="FaqIndex"/> from loaded content: one index row per question, alternate, answer,
/// passage title and passage text, scored by the chosen <see cref="SearchEngine"/> with FTS5's BM25 and porter
/// stemming (a row with a synonym also carries its group's <see cref="SynonymMap.GroupToken"/>), plus the vocabulary
/// that spelling correction uses and the idf statistics that confidence uses.
/// </summary>
public static class FaqIndexBuilder
{
    public static FaqIndex Build(IReadOnlyList<FaqDocument> documents, SynonymMap synonyms, SearchEngine engine = SearchEngine.InMemory)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(synonyms);
        var clock = Stopwatch.StartNew();
        var rowDocument = new List<int>();
        var rowField = new List<IndexField>();
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var rowFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var rowTokens = new HashSet<string>(StringComparer.Ordinal);
        using IRowIndexBuilder rowIndex = engine == SearchEngine.Fts5 ? new Fts5RowIndex.Builder() : new InMemoryRowIndex.Builder();
        void Row(int document, IndexField field, string value)
        {
            // The rows hold the analyzer's own tokens, so that the index and the queries agree on accents,
            // apostrophes ("doesn't" → "not") and word boundaries; then the group token of each synonym found.
            var tokens = FaqTokenizer.Tokenize(value);
            var groups = synonyms.GroupsIn(tokens).Select(SynonymMap.GroupToken).ToList();
            var row = groups.Count == 0 ? tokens : [.. tokens, .. groups];
            rowIndex.Add(row);
            rowDocument.Add(document);
            rowField.Add(field);
            rowTokens.Clear();
            foreach (var token in tokens)
            {
                vocabulary[token] = vocabulary.GetValueOrDefault(token) + 1;
                if (rowTokens.Add(token))
                {
                    rowFrequency[token] = rowFrequency.GetValueOrDefault(token) + 1;
                }
            }

            foreach (var token in groups)
            {
                rowFrequency[token] = rowFrequency.GetValueOrDefault(token) + 1;
            }
        }

        for (var d = 0; d < documents.Count; d++)
        {
            var document = documents[d];
            if (document.Kind == FaqDocumentKind.Entry)
            {
                Row(d, IndexField.Question, document.Question);
                foreach (var alternate in document.Alternates)
                {
                    Row(d, IndexField.Alternate, alternate);
                }

                Row(d, IndexField.Answer, document.Answer);
            }
            else
            {
                Row(d, IndexField.PassageTitle, document.Question);
                Row(d, IndexField.PassageText, document.Answer);
            }
        }

        var rows = rowIndex.Build();

        // Words in at least half of the rows: FTS5's BM25 gives them no weight (idf floored at 1e-6), so the
        // searcher leaves them out of the match expression when rarer words can find enough documents.
        // Counted on the exact token, a lower bound of FTS5's count on the porter stem, so never too many.
        var commonWords = rowFrequency.Where(kv => 2L * kv.Value >= rowDocument.Count).Select(kv => kv.Key).ToFrozenSet(StringComparer.Ordinal);
        var wordRows = rowFrequency.ToFrozenDictionary(StringComparer.Ordinal);

        foreach (var phrase in synonyms.Groups.SelectMany(g => g).SelectMany(p => p))
        {
            vocabulary.TryAdd(phrase, 1);
        }

        var terms = documents.Select(DocumentTerms.For).ToArray();
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in terms)
        {
            foreach (var stem in t.QuestionStems.Union(t.AnswerStems))
            {
                documentFrequency[stem] = documentFrequency.GetValueOrDefault(stem) + 1;
            }
        }

        var n = Math.Max(1, documents.Count);
        var idf = documentFrequency.ToDictionary(kv => kv.Key, kv => Idf(n, kv.Value), StringComparer.Ordinal);
        var analyzer = new FaqAnalyzer(new SpellingCorrector(vocabulary), synonyms);
        return new FaqIndex(rows, documents, [.. rowDocument], [.. rowField], terms, idf, Idf(n, 0), analyzer, clock.Elapsed)
        {
            CommonWords = commonWords,
            WordRows = wordRows,
        };
    }

    private static double Idf(int n, int df) => Math.Log(1 + ((n - df + 0.5) / (df + 0.5)));
}
