using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IvigBot.Analysis;
using IvigBot.Content;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace IvigBot.Search;

/// <summary>
/// Builds a <see cref="FaqIndex"/> from loaded content: a Lucene index with one row (Lucene document) per question,
/// alternate, answer, passage title and passage text, analysed by <see cref="FaqAnalyzer"/> with the content's synonyms
/// (questions and alternates in <see cref="FaqAnalyzer.Question"/> with their question words, the rest in
/// <see cref="FaqAnalyzer.Text"/> without)
/// and scored with <see cref="FaqSimilarity"/> (BM25); plus the vocabulary that spelling correction uses and the idf
/// statistics that confidence uses. The index is kept in memory, or, given a folder, on disk: one subfolder per version
/// of the content, reopened as it is when the content has not changed and written anew when it has.
/// </summary>
public static class FaqIndexBuilder
{
    /// <summary>BM25 term-frequency saturation unless the settings say otherwise (Lucene's default).</summary>
    public const float DefaultK1 = 1.2f;

    /// <summary>BM25 length normalisation unless the settings say otherwise (Lucene's default).</summary>
    public const float DefaultB = 0.75f;

    /// <summary>Changes whenever what is written to the index changes, so that an index on disk from before is rebuilt.</summary>
    private const string FormatVersion = "lucene-rows-3";

    /// <param name="documents">The content.</param>
    /// <param name="synonyms">The synonym groups of the content.</param>
    /// <param name="k1">BM25 term-frequency saturation.</param>
    /// <param name="b">BM25 length normalisation.</param>
    /// <param name="folder">Null for an index in memory; else the folder that holds the index on disk.</param>
    public static FaqIndex Build(IReadOnlyList<FaqDocument> documents, SynonymMap synonyms, float k1 = DefaultK1, float b = DefaultB, string? folder = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(synonyms);
        var clock = Stopwatch.StartNew();
        var rows = Rows(documents).ToList();
        var similarity = new FaqSimilarity(k1, b);
        LuceneDirectory directory;
        var reopened = false;
        if (folder is null)
        {
            directory = new RAMDirectory();
            Write(directory, rows, synonyms, similarity);
        }
        else
        {
            var path = Path.Combine(folder, Fingerprint(documents, synonyms, k1, b));
            reopened = System.IO.Directory.Exists(path);
            if (!reopened)
            {
                WriteOnDisk(path, rows, synonyms, similarity);
            }

            RemoveOtherVersions(folder, path);
            directory = FSDirectory.Open(path);
        }

        var reader = DirectoryReader.Open(directory);
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, _, value) in rows)
        {
            foreach (var word in FaqAnalyzer.WordsOf(value))
            {
                vocabulary[word] = vocabulary.GetValueOrDefault(word) + 1;
            }
        }

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
        return new FaqIndex(reader, similarity, documents, [.. rows.Select(r => r.Document)], [.. rows.Select(r => r.Field)], terms, idf, Idf(n, 0), parser, clock.Elapsed)
        {
            Reopened = reopened,
        };
    }

    /// <summary>The rows of the index, in the order they are written (a row's Lucene document id is its position).</summary>
    private static IEnumerable<(int Document, IndexField Field, string Value)> Rows(IReadOnlyList<FaqDocument> documents)
    {
        for (var d = 0; d < documents.Count; d++)
        {
            var document = documents[d];
            if (document.Kind == FaqDocumentKind.Entry)
            {
                yield return (d, IndexField.Question, document.Question);
                foreach (var alternate in document.Alternates)
                {
                    yield return (d, IndexField.Alternate, alternate);
                }

                yield return (d, IndexField.Answer, document.Answer);
            }
            else
            {
                yield return (d, IndexField.PassageTitle, document.Question);
                yield return (d, IndexField.PassageText, document.Answer);
            }
        }
    }

    private static void Write(LuceneDirectory directory, List<(int Document, IndexField Field, string Value)> rows, SynonymMap synonyms, FaqSimilarity similarity)
    {
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, new FaqAnalyzer(synonyms))
        {
            OpenMode = OpenMode.CREATE,
            Similarity = similarity,

            // Merges of neighbouring segments only, so that a row's Lucene document id is the order it was added in.
            MergePolicy = new LogByteSizeMergePolicy(),
            RAMBufferSizeMB = 64,
        };
        using var writer = new IndexWriter(directory, config);
        var text = new TextField(FaqAnalyzer.Text, string.Empty, Field.Store.NO);
        var question = new TextField(FaqAnalyzer.Question, string.Empty, Field.Store.NO);
        var textRow = new Document { text };
        var questionRow = new Document { question };
        foreach (var (_, field, value) in rows)
        {
            if (field is IndexField.Question or IndexField.Alternate)
            {
                question.SetStringValue(value);
                writer.AddDocument(questionRow);
            }
            else
            {
                text.SetStringValue(value);
                writer.AddDocument(textRow);
            }
        }

        writer.Commit();
    }

    /// <summary>Writes the index into a temporary folder beside <paramref name="path"/>, then moves it there whole.</summary>
    private static void WriteOnDisk(string path, List<(int Document, IndexField Field, string Value)> rows, SynonymMap synonyms, FaqSimilarity similarity)
    {
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N");
        using (var directory = FSDirectory.Open(temporary))
        {
            Write(directory, rows, synonyms, similarity);
        }

        try
        {
            System.IO.Directory.Move(temporary, path);
        }
        catch (IOException) when (System.IO.Directory.Exists(path))
        {
            // Another process wrote the same version first: use that one.
            System.IO.Directory.Delete(temporary, recursive: true);
        }
    }

    /// <summary>Deletes the index versions beside <paramref name="current"/>; one still open elsewhere is left for next time.</summary>
    private static void RemoveOtherVersions(string folder, string current)
    {
        foreach (var other in System.IO.Directory.EnumerateDirectories(folder))
        {
            if (Path.GetFileName(other) is var name && name != Path.GetFileName(current) && !name.Contains(".tmp-", StringComparison.Ordinal))
            {
                try
                {
                    System.IO.Directory.Delete(other, recursive: true);
                }
                catch (IOException)
                {
                    // In use (on Windows): removed at a later build.
                }
            }
        }
    }

    /// <summary>A hash of everything the index is written from: the rows' text, the synonyms, BM25's parameters and the format.</summary>
    private static string Fingerprint(IReadOnlyList<FaqDocument> documents, SynonymMap synonyms, float k1, float b)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string value)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(value));
            hash.AppendData([0]);
        }

        Add(FormatVersion);
        Add(k1.ToString("R", CultureInfo.InvariantCulture));
        Add(b.ToString("R", CultureInfo.InvariantCulture));
        foreach (var group in synonyms.Groups)
        {
            Add(string.Join('=', group.Select(phrase => string.Join(' ', phrase))));
        }

        foreach (var (document, field, value) in Rows(documents))
        {
            Add(document.ToString(CultureInfo.InvariantCulture));
            Add(field.ToString());
            Add(value);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 16));
    }

    private static double Idf(int n, int df) => Math.Log(1 + ((n - df + 0.5) / (df + 0.5)));
}
