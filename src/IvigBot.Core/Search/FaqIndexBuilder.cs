using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using IvigBot.Analysis;
using IvigBot.Content;
using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
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
/// statistics that confidence uses. Each text is tokenized once: its words give the document's stems and the
/// vocabulary, and their stems are played back into the rest of the analyzer's chain for Lucene
/// (<see cref="ReadWordsTokenStream"/>); each distinct token is made a word, and each distinct word stemmed, once.
/// The index is kept in memory, or, given a folder, on disk: one subfolder per version of the content, reopened as it
/// is when the content has not changed and written anew when it has.
/// </summary>
public static class FaqIndexBuilder
{
    /// <summary>BM25 term-frequency saturation unless the settings say otherwise (Lucene's default).</summary>
    public const float DefaultK1 = 1.2f;

    /// <summary>BM25 length normalisation unless the settings say otherwise (Lucene's default).</summary>
    public const float DefaultB = 0.75f;

    /// <summary>Changes whenever what is written to the index changes, so that an index on disk from before is rebuilt.</summary>
    private const string FormatVersion = "lucene-documents-2";

    /// <summary>The stored field of a document's id.</summary>
    public const string IdField = "id";

    /// <summary>
    /// The fewest documents a part has: below twice as many the index is built on one thread; from twice as many (and
    /// with two cores), each half on its own thread:
    /// each reads its documents' words once, for their stems and for the index (<see cref="ReadWordsTokenStream"/>), into
    /// its own Lucene index, and the halves are then added to the index in order.
    /// </summary>
    internal const int MinDocumentsPerPart = 2000;

    /// <param name="documents">The content.</param>
    /// <param name="synonyms">The synonym groups of the content.</param>
    /// <param name="k1">BM25 term-frequency saturation.</param>
    /// <param name="b">BM25 length normalisation.</param>
    /// <param name="folder">Null for an index in memory; else the folder that holds the index on disk.</param>
    public static FaqIndex Build(IReadOnlyList<FaqDocument> documents, SynonymMap synonyms, float k1 = DefaultK1, float b = DefaultB, string? folder = null) =>
        Build(documents, synonyms, k1, b, folder, Math.Clamp(Math.Min(Environment.ProcessorCount, documents?.Count / MinDocumentsPerPart ?? 1), 1, 2));

    /// <param name="documents">The content.</param>
    /// <param name="synonyms">The synonym groups of the content.</param>
    /// <param name="k1">BM25 term-frequency saturation.</param>
    /// <param name="b">BM25 length normalisation.</param>
    /// <param name="folder">Null for an index in memory; else the folder that holds the index on disk.</param>
    /// <param name="parts">Into how many consecutive parts the documents are split, each read and indexed on its own thread.</param>
    internal static FaqIndex Build(IReadOnlyList<FaqDocument> documents, SynonymMap synonyms, float k1, float b, string? folder, int parts)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(synonyms);
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        var clock = Stopwatch.StartNew();
        var similarity = new FaqSimilarity(k1, b);
        var path = folder is null ? null : Path.Combine(folder, Fingerprint(documents, synonyms, k1, b));
        var reopened = path is not null && System.IO.Directory.Exists(path);
        var temporary = path is null || reopened ? null : path + ".tmp-" + Guid.NewGuid().ToString("N");
        LuceneDirectory? written = reopened ? null : temporary is null ? new RAMDirectory() : FSDirectory.Open(temporary);
        var analyzer = new FaqAnalyzer(synonyms);

        // Each part on its own thread (the first on this one), into its own Lucene index unless the index is reopened
        // (one part into the index itself).
        var terms = new DocumentTerms[documents.Count];
        var split = Enumerable.Range(0, parts)
            .Select(p => new Part(documents.Count * p / parts, documents.Count * (p + 1) / parts, parts == 1 || written is null ? written : new RAMDirectory()))
            .ToArray();
        var others = split.Skip(1).Select(part => Task.Run(() => part.Read(documents, terms, analyzer, similarity))).ToArray();
        split[0].Read(documents, terms, analyzer, similarity);
        Task.WaitAll(others);
        var combining = parts > 1 && written is not null
            ? Task.Run(() =>
            {
                using var writer = new IndexWriter(written, Config(analyzer, similarity));
                writer.AddIndexes([.. split.Select(part => part.Directory!)]);
                writer.Commit();
            })
            : Task.CompletedTask;

        // While the parts' indexes are added to the index, the vocabulary in the order the words were first seen, as if
        // one thread had read every document, and the statistics.
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in split.SelectMany(part => part.Words.All))
        {
            CollectionsMarshal.GetValueRefOrAddDefault(vocabulary, word.Word, out _) += word.Count;
        }

        foreach (var phrase in synonyms.Groups.SelectMany(g => g).SelectMany(p => p))
        {
            vocabulary.TryAdd(phrase, 1);
        }

        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var stem in split.SelectMany(part => part.Words.Stems).Where(stem => stem.Documents > 0))
        {
            CollectionsMarshal.GetValueRefOrAddDefault(documentFrequency, stem.Stem, out _) += stem.Documents;
        }

        var n = Math.Max(1, documents.Count);
        var idf = documentFrequency.ToDictionary(kv => kv.Key, kv => Idf(n, kv.Value), StringComparer.Ordinal);
        var parser = new FaqQueryParser(new SpellingCorrector(vocabulary), synonyms);
        combining.GetAwaiter().GetResult();
        var directory = path is null ? written! : Open(folder!, path, temporary, written);
        return new FaqIndex(directory, similarity, documents, terms, idf, Idf(n, 0), parser, clock.Elapsed)
        {
            Reopened = reopened,
        };
    }

    /// <summary>
    /// The Lucene index on disk in <paramref name="path"/>: as it was when this content's version was there, else the
    /// index just <paramref name="written"/> in <paramref name="temporary"/>, moved there whole.
    /// </summary>
    private static FSDirectory Open(string folder, string path, string? temporary, LuceneDirectory? written)
    {
        if (temporary is not null)
        {
            written!.Dispose();
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

        RemoveOtherVersions(folder, path);
        return FSDirectory.Open(path);
    }

    /// <summary>
    /// The fields of one document with their values: an entry's question and each alternate (values of one field) and
    /// its answer; a passage's title and text. The answer or text comes last.
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

    private static IndexWriterConfig Config(FaqAnalyzer analyzer, FaqSimilarity similarity) => new(LuceneVersion.LUCENE_48, analyzer)
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

    /// <summary>
    /// A consecutive range of the documents, read on one thread: each document's words once, for its
    /// <see cref="DocumentTerms"/>, for the vocabulary and, unless the index is reopened, for its Lucene document.
    /// </summary>
    private sealed class Part(int from, int to, LuceneDirectory? directory)
    {
        /// <summary>The words of this part's documents, in the order first seen, and their stems with how many of the documents have each.</summary>
        public IndexedWords Words { get; } = new();

        /// <summary>Where this part's Lucene index is written; null when the index is reopened.</summary>
        public LuceneDirectory? Directory => directory;

        public void Read(IReadOnlyList<FaqDocument> documents, DocumentTerms[] terms, FaqAnalyzer analyzer, FaqSimilarity similarity)
        {
            using var writer = directory is null ? null : new IndexWriter(directory, Config(analyzer, similarity));
            using var words = new WordsOfTokens(Words);
            var chains = FieldWeights.Names.Select(name => new FieldChain(name, analyzer)).ToArray();
            var texts = new List<ReadWords>();
            var stems = new List<IndexedStem>();
            // Stored only: nothing searches by id (a document's Lucene id is its place in the content), so no terms of
            // 16,000 distinct ids to invert and write for MedQuAD.
            var id = new StoredField(IdField, string.Empty);
            var lucene = new Document();
            for (var i = from; i < to; i++)
            {
                var count = 0;
                lucene.Fields.Clear();
                lucene.Add(id);
                id.SetStringValue(documents[i].Id);
                foreach (var (field, value) in Fields(documents[i]))
                {
                    if (count == texts.Count)
                    {
                        texts.Add(new ReadWords());
                    }

                    var text = texts[count++];
                    text.Read(value, words);
                    if (writer is not null)
                    {
                        lucene.Add(new ReadWordsField(chains[(int)field], text));
                    }
                }

                terms[i] = DocumentTerms.For(texts.Take(count - 1), texts[count - 1], Words, stems);
                writer?.AddDocument(lucene);
            }

            writer?.Commit();
        }
    }

    /// <summary>
    /// The analysis chain of one field after its stems (<see cref="FaqAnalyzer.AfterStems"/>), on the stems of words
    /// already read (<see cref="ReadWordsTokenStream"/>); one per field and thread.
    /// </summary>
    private sealed class FieldChain
    {
        public FieldChain(string name, FaqAnalyzer analyzer)
        {
            Name = name;
            Words = new ReadWordsTokenStream(name);
            Terms = analyzer.AfterStems(name, Words);
        }

        public string Name { get; }

        public ReadWordsTokenStream Words { get; }

        public TokenStream Terms { get; }
    }

    /// <summary>A field value whose words are already read: Lucene indexes the terms its field's chain makes of them.</summary>
    private sealed class ReadWordsField(FieldChain chain, ReadWords words) : Field(chain.Name, TextField.TYPE_NOT_STORED)
    {
        public override TokenStream GetTokenStream(Analyzer analyzer)
        {
            chain.Words.SetWords(words);
            return chain.Terms;
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
}
