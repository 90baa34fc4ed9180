using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IvigBot.Analysis;
using IvigBot.Content;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace IvigBot.Search;

/// <summary>
/// Builds a <see cref="FaqIndex"/> from loaded content: a Lucene index with one Lucene document per FAQ entry (its
/// stored id; its question and each alternate as values of <see cref="FaqAnalyzer.Question"/>, question words kept; its
/// answer in <see cref="FaqAnalyzer.Text"/>) and one per article passage (<see cref="FaqAnalyzer.Title"/>,
/// <see cref="FaqAnalyzer.Passage"/>), analysed by <see cref="FaqAnalyzer"/> with the content's synonyms
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
    private const string FormatVersion = "lucene-documents-1";

    /// <summary>The stored field of a document's id.</summary>
    public const string IdField = "id";

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
        var similarity = new FaqSimilarity(k1, b);

        // Lucene writes (or reopens) the index on one thread while this one reads the words and stems that
        // confidence and spelling correction use: neither needs the other.
        var opening = Task.Run(() => Open(documents, synonyms, similarity, k1, b, folder));

        // Each text's words once, for its document's stems and for the vocabulary; each distinct word stemmed once, and
        // only a word not seen before made into a string.
        var words = new Dictionary<string, IndexedWord>(StringComparer.Ordinal);
        var known = words.GetAlternateLookup<ReadOnlySpan<char>>();
        void Read(string text, List<(string Stem, bool IsStopWord)> read)
        {
            using var stream = FaqAnalyzer.Shared.GetTokenStream(FaqAnalyzer.Words, text);
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                var span = term.Buffer.AsSpan(0, term.Length);
                if (!known.TryGetValue(span, out var word))
                {
                    var value = span.ToString();
                    word = new IndexedWord(LightStemmer.Stem(value), StopWords.IsStopWord(value));
                    words.Add(value, word);
                }

                word.Count++;
                read.Add((word.Stem, word.IsStopWord));
            }

            stream.End();
        }

        var terms = new DocumentTerms[documents.Count];
        for (var i = 0; i < terms.Length; i++)
        {
            terms[i] = DocumentTerms.For(documents[i], Read);
        }

        var vocabulary = new Dictionary<string, int>(words.Count, StringComparer.Ordinal);
        foreach (var (word, info) in words)
        {
            vocabulary.Add(word, info.Count);
        }

        foreach (var phrase in synonyms.Groups.SelectMany(g => g).SelectMany(p => p))
        {
            vocabulary.TryAdd(phrase, 1);
        }

        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in terms)
        {
            foreach (var stem in t.QuestionStems)
            {
                documentFrequency[stem] = documentFrequency.GetValueOrDefault(stem) + 1;
            }

            foreach (var stem in t.AnswerStems)
            {
                if (!t.QuestionStems.Contains(stem))
                {
                    documentFrequency[stem] = documentFrequency.GetValueOrDefault(stem) + 1;
                }
            }
        }

        var n = Math.Max(1, documents.Count);
        var idf = documentFrequency.ToDictionary(kv => kv.Key, kv => Idf(n, kv.Value), StringComparer.Ordinal);
        var parser = new FaqQueryParser(new SpellingCorrector(vocabulary), synonyms);
        var (directory, reopened) = opening.GetAwaiter().GetResult();
        return new FaqIndex(directory, similarity, documents, terms, idf, Idf(n, 0), parser, clock.Elapsed)
        {
            Reopened = reopened,
        };
    }

    /// <summary>The Lucene index in memory, or on disk in <paramref name="folder"/>: reopened when this content's version is there, else written.</summary>
    private static (LuceneDirectory Directory, bool Reopened) Open(IReadOnlyList<FaqDocument> documents, SynonymMap synonyms, FaqSimilarity similarity, float k1, float b, string? folder)
    {
        if (folder is null)
        {
            var memory = new RAMDirectory();
            Write(memory, documents, synonyms, similarity);
            return (memory, false);
        }

        var path = Path.Combine(folder, Fingerprint(documents, synonyms, k1, b));
        var reopened = System.IO.Directory.Exists(path);
        if (!reopened)
        {
            WriteOnDisk(path, documents, synonyms, similarity);
        }

        RemoveOtherVersions(folder, path);
        return (FSDirectory.Open(path), reopened);
    }

    /// <summary>
    /// The fields of one document with their values: an entry's question and each alternate (values of one field) and
    /// its answer; a passage's title and text.
    /// </summary>
    private static IEnumerable<(IndexField Field, string Value)> Fields(FaqDocument document)
    {
        if (document.Kind == FaqDocumentKind.Entry)
        {
            yield return (IndexField.Question, document.Question);
            foreach (var alternate in document.Alternates)
            {
                yield return (IndexField.Question, alternate);
            }

            yield return (IndexField.Answer, document.Answer);
        }
        else
        {
            yield return (IndexField.PassageTitle, document.Question);
            yield return (IndexField.PassageText, document.Answer);
        }
    }

    /// <summary>
    /// One Lucene document per content document, in their order (a document's Lucene id is its position in
    /// <paramref name="documents"/>), with its id stored.
    /// </summary>
    private static void Write(LuceneDirectory directory, IReadOnlyList<FaqDocument> documents, SynonymMap synonyms, FaqSimilarity similarity)
    {
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, new FaqAnalyzer(synonyms))
        {
            OpenMode = OpenMode.CREATE,
            Similarity = similarity,

            // Merges of neighbouring segments only, so that a document's Lucene id is the order it was added in.
            MergePolicy = new LogByteSizeMergePolicy(),
            RAMBufferSizeMB = 64,

            // The segment's files as they are, not copied once more into one compound file: an index is written once
            // and has a segment or few, so the open files the compound format saves are few (MedQuAD: ~8 % less CPU).
            UseCompoundFile = false,
        };
        using var writer = new IndexWriter(directory, config);
        foreach (var document in documents)
        {
            var fields = new Document { new StringField(IdField, document.Id, Field.Store.YES) };
            foreach (var (field, value) in Fields(document))
            {
                fields.Add(new TextField(FieldWeights.Names[(int)field], value, Field.Store.NO));
            }

            writer.AddDocument(fields);
        }

        writer.Commit();
    }

    /// <summary>Writes the index into a temporary folder beside <paramref name="path"/>, then moves it there whole.</summary>
    private static void WriteOnDisk(string path, IReadOnlyList<FaqDocument> documents, SynonymMap synonyms, FaqSimilarity similarity)
    {
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N");
        using (var directory = FSDirectory.Open(temporary))
        {
            Write(directory, documents, synonyms, similarity);
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

    /// <summary>A hash of everything the index is written from: the documents' fields, the synonyms, BM25's parameters and the format.</summary>
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

        foreach (var document in documents)
        {
            Add(document.Id);
            foreach (var (field, value) in Fields(document))
            {
                Add(field.ToString());
                Add(value);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 16));
    }

    private static double Idf(int n, int df) => Math.Log(1 + ((n - df + 0.5) / (df + 0.5)));

    /// <summary>A word of the content: its stem, whether it is a stop word, and how often the content has it.</summary>
    private sealed class IndexedWord(string stem, bool isStopWord)
    {
        public string Stem { get; } = stem;

        public bool IsStopWord { get; } = isStopWord;

        public int Count { get; set; }
    }
}
