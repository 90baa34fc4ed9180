using System.Diagnostics;
using IvigBot.Analysis;
using IvigBot.Content;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace IvigBot.Search;

/// <summary>
/// Builds a <see cref="FaqIndex"/> from loaded content: a Lucene index in memory with one row (Lucene document) per
/// question, alternate, answer, passage title and passage text, analysed by <see cref="FaqAnalyzer"/> with the
/// content's synonyms and scored with <see cref="BM25Similarity"/>; plus the vocabulary that spelling correction
/// uses and the idf statistics that confidence uses.
/// </summary>
public static class FaqIndexBuilder
{
    /// <summary>BM25 term-frequency saturation unless the settings say otherwise (Lucene's default).</summary>
    public const float DefaultK1 = 1.2f;

    /// <summary>BM25 length normalisation unless the settings say otherwise (Lucene's default).</summary>
    public const float DefaultB = 0.75f;

    public static FaqIndex Build(IReadOnlyList<FaqDocument> documents, SynonymMap synonyms, float k1 = DefaultK1, float b = DefaultB)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(synonyms);
        var clock = Stopwatch.StartNew();
        var rowDocument = new List<int>();
        var rowField = new List<IndexField>();
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var similarity = new FaqSimilarity(k1, b);
        var directory = new RAMDirectory();
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, new FaqAnalyzer(synonyms))
        {
            OpenMode = OpenMode.CREATE,
            Similarity = similarity,

            // Merges of neighbouring segments only, so that a row's Lucene document id is the order it was added in.
            MergePolicy = new LogByteSizeMergePolicy(),
            RAMBufferSizeMB = 64,
        };
        using (var writer = new IndexWriter(directory, config))
        {
            var text = new TextField(FaqAnalyzer.Text, string.Empty, Field.Store.NO);
            var question = new TextField(FaqAnalyzer.Question, string.Empty, Field.Store.NO);
            var row = new Document { text };
            var questionRow = new Document { text, question };
            void Row(int document, IndexField field, string value)
            {
                text.SetStringValue(value);
                if (field is IndexField.Question or IndexField.Alternate)
                {
                    question.SetStringValue(value);
                    writer.AddDocument(questionRow);
                }
                else
                {
                    writer.AddDocument(row);
                }

                rowDocument.Add(document);
                rowField.Add(field);
                foreach (var word in FaqAnalyzer.WordsOf(value))
                {
                    vocabulary[word] = vocabulary.GetValueOrDefault(word) + 1;
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

            writer.Commit();
        }

        var reader = DirectoryReader.Open(directory);
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
        var parser = new FaqQueryParser(new SpellingCorrector(vocabulary), synonyms);
        return new FaqIndex(reader, similarity, documents, [.. rowDocument], [.. rowField], terms, idf, Idf(n, 0), parser, clock.Elapsed);
    }

    private static double Idf(int n, int df) => Math.Log(1 + ((n - df + 0.5) / (df + 0.5)));
}
