using IvigBot.Analysis;
using IvigBot.Content;
using IvigBot.Core.Tests.Infrastructure;
using IvigBot.Search;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using RAMDirectory = Lucene.Net.Store.RAMDirectory;
using Lucene.Net.Util;

namespace IvigBot.Core.Tests.Search;

public class FaqIndexBuilderTests
{
    private static FaqDocument Entry(string id, string question, string answer) => ContentSamples.Document(id, question, answer);

    private static readonly List<FaqDocument> Bank =
    [
        Entry("rash", "Can IVIG cause a rash?", "Sometimes, a few days after the infusion."),
        Entry("length", "How long does an infusion take?", "Two to four hours."),
    ];

    private static readonly List<FaqDocument> WithAlternatesAndPassage =
    [
        Entry("rash", "Can IVIG cause a rash?", "Sometimes.") with { Alternates = ["itchy skin after infusion", "hives from immunoglobulin"] },
        Entry("length", "How long does an infusion take?", "Two to four hours."),
        Entry("travel", "Can I travel after IVIG?", "Yes, usually.") with { Kind = FaqDocumentKind.Passage },
    ];

    private static string[] Found(FaqIndex index, string question) =>
        new FaqSearcher(index).Search(index.Parser.Analyze(question), 5).Select(p => $"{p.Document.Id} {p.Score:F4}").ToArray();

    [Fact]
    public void An_index_on_disk_is_reopened_while_the_content_is_unchanged_and_answers_as_in_memory()
    {
        using var folder = new TempFolder();
        using var memory = FaqIndexBuilder.Build(Bank, SynonymMap.Empty);

        using (var written = FaqIndexBuilder.Build(Bank, SynonymMap.Empty, folder: folder.Path))
        {
            Assert.False(written.Reopened);
            Assert.Equal(Found(memory, "rash after infusion"), Found(written, "rash after infusion"));
        }

        using var reopened = FaqIndexBuilder.Build(Bank, SynonymMap.Empty, folder: folder.Path);

        Assert.True(reopened.Reopened);
        Assert.Equal(Found(memory, "rash after infusion"), Found(reopened, "rash after infusion"));
        Assert.Single(Directory.GetDirectories(folder.Path));
    }

    [Fact]
    public void Changed_content_is_written_anew_and_the_old_version_removed()
    {
        using var folder = new TempFolder();
        using (FaqIndexBuilder.Build(Bank, SynonymMap.Empty, folder: folder.Path))
        {
        }

        var first = Assert.Single(Directory.GetDirectories(folder.Path));
        List<FaqDocument> edited = [.. Bank, Entry("travel", "Can I travel after IVIG?", "Yes, usually.")];

        using var rebuilt = FaqIndexBuilder.Build(edited, SynonymMap.Empty, folder: folder.Path);

        Assert.False(rebuilt.Reopened);
        Assert.NotEqual(first, Assert.Single(Directory.GetDirectories(folder.Path)));
        Assert.Equal("travel", new FaqSearcher(rebuilt).Search(rebuilt.Parser.Analyze("travel"), 5)[0].Document.Id);
    }

    [Fact]
    public void Other_bm25_settings_are_another_version_of_the_index()
    {
        using var folder = new TempFolder();
        using (FaqIndexBuilder.Build(Bank, SynonymMap.Empty, folder: folder.Path))
        {
        }

        using var other = FaqIndexBuilder.Build(Bank, SynonymMap.Empty, k1: 0.9f, b: 0.4f, folder: folder.Path);

        Assert.False(other.Reopened);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Each_entry_and_passage_is_one_lucene_document_in_content_order_with_its_id_stored(int parts)
    {
        using var folder = new TempFolder();
        using var memory = FaqIndexBuilder.Build(WithAlternatesAndPassage, SynonymMap.Empty, FaqIndexBuilder.DefaultK1, FaqIndexBuilder.DefaultB, folder: null, parts);
        using var onDisk = FaqIndexBuilder.Build(WithAlternatesAndPassage, SynonymMap.Empty, FaqIndexBuilder.DefaultK1, FaqIndexBuilder.DefaultB, folder.Path, parts);

        foreach (var index in new[] { memory, onDisk })
        {
            var searcher = index.Acquire();
            var reader = searcher.IndexReader;
            Assert.Equal(["rash", "length", "travel"], Enumerable.Range(0, reader.MaxDoc).Select(doc => reader.Document(doc).Get(FaqIndexBuilder.IdField)));
            index.Release(searcher);
        }
    }

    [Fact]
    public void An_entry_is_found_once_by_any_of_its_phrasings()
    {
        using var index = FaqIndexBuilder.Build(WithAlternatesAndPassage, SynonymMap.Empty);

        Assert.Equal("rash", Assert.Single(new FaqSearcher(index).Search(index.Parser.Analyze("itchy hives"), 5)).Document.Id);
    }

    [Fact]
    public void A_phrase_never_spans_a_question_and_its_alternate()
    {
        using var index = FaqIndexBuilder.Build(WithAlternatesAndPassage, SynonymMap.Empty);
        var searcher = new FaqSearcher(index);
        var lucene = index.Acquire();

        Assert.Equal(1, lucene.Search(searcher.ToQuery([["itchi", "skin"]]), 5).TotalHits);      // within one alternate
        Assert.Equal(0, lucene.Search(searcher.ToQuery([["rash", "itchi"]]), 5).TotalHits);      // question's end, alternate's start
        index.Release(lucene);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Each_documents_stems_and_every_idf_are_those_of_the_faq_analyzers_words(int parts)
    {
        // The same word written in several ways (case, accents, dotted acronyms, apostrophes, negations), each way read
        // once per build, and stems shared by a stop word and a content word ("know", "knows").
        var content = FaqContentLoader.Load(RepoPaths.Faq);
        List<FaqDocument> documents =
        [
            .. content.Documents,
            Entry("spellings", "Can't I.V.I.G. help GUILLAIN-BARRÉ? Guillain-Barre, guillain barré", "Doctors know it; she knows. It doesn't, IVIG cannot."),
            Entry("knows", "What do they know?", "Nobody knows what they KNOW about I.V.I.G.") with { Alternates = ["know knows knowing"] },
        ];

        using var index = FaqIndexBuilder.Build(documents, content.Synonyms, FaqIndexBuilder.DefaultK1, FaqIndexBuilder.DefaultB, folder: null, parts);

        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < documents.Count; i++)
        {
            var phrasings = documents[i].Alternates.Prepend(documents[i].Question).Select(FaqAnalyzer.WordsOf).ToList();
            var answer = FaqAnalyzer.WordsOf(documents[i].Answer);
            string[] Content(List<string> words) => [.. words.Where(w => !StopWords.IsStopWord(w)).Select(LightStemmer.Stem).Distinct()];
            var terms = index.Terms[i];
            Assert.Equal(phrasings.Select(Content).Where(stems => stems.Length > 0), terms.Variants);
            Assert.Equal(phrasings.Select(words => words.Select(LightStemmer.Stem).ToHashSet()), terms.Wordings);
            Assert.Equal(phrasings.SelectMany(Content).ToHashSet(), terms.QuestionStems.ToHashSet());
            Assert.Equal(Content(answer).ToHashSet(), terms.AnswerStems.ToHashSet());
            foreach (var stem in terms.QuestionStems.Union(terms.AnswerStems))
            {
                frequency[stem] = frequency.GetValueOrDefault(stem) + 1;
            }
        }

        Assert.Equal(
            frequency.ToDictionary(kv => kv.Key, kv => Math.Log(1 + ((documents.Count - kv.Value + 0.5) / (kv.Value + 0.5)))),
            index.Idf);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void The_index_holds_what_lucene_indexes_of_the_text_with_the_faq_analyzer(int parts)
    {
        // The shipped FAQ (synonyms, alternates, question words, negations) and passages, with a word too long to index and
        // stop words at the end of a text, split in parts to be read on their own threads.
        var content = FaqContentLoader.Load(RepoPaths.Faq);
        List<FaqDocument> documents =
        [
            .. content.Documents,
            Entry("long-word", "Is " + new string('x', 300) + " a word?", "Not one that is indexed, it is"),
            Entry("passage", "Travel with IVIG", "You can't skip a dose when you travel.") with { Kind = FaqDocumentKind.Passage },
        ];

        using var built = FaqIndexBuilder.Build(documents, content.Synonyms, FaqIndexBuilder.DefaultK1, FaqIndexBuilder.DefaultB, folder: null, parts);
        using var expected = new RAMDirectory();
        using (var writer = new IndexWriter(expected, new IndexWriterConfig(LuceneVersion.LUCENE_48, new FaqAnalyzer(content.Synonyms)) { Similarity = new FaqSimilarity(FaqIndexBuilder.DefaultK1, FaqIndexBuilder.DefaultB) }))
        {
            foreach (var document in documents)
            {
                var lucene = new Document();
                var values = document.Kind == FaqDocumentKind.Entry
                    ? [(FaqAnalyzer.Question, document.Question), .. document.Alternates.Select(a => (FaqAnalyzer.Question, a)), (FaqAnalyzer.Text, document.Answer)]
                    : new[] { (FaqAnalyzer.Title, document.Question), (FaqAnalyzer.Passage, document.Answer) };
                foreach (var (field, value) in values)
                {
                    lucene.Add(new TextField(field, value, Field.Store.NO));
                }

                writer.AddDocument(lucene);
            }
        }

        var searcher = built.Acquire();
        try
        {
            using var reader = DirectoryReader.Open(expected);
            Assert.Equal(Postings(reader), Postings(searcher.IndexReader));
        }
        finally
        {
            built.Release(searcher);
        }
    }

    /// <summary>Every field's terms, each with the documents that hold it and its positions there, and every document's stored length.</summary>
    private static List<string> Postings(IndexReader reader)
    {
        var postings = new List<string>();
        foreach (var field in FieldWeights.Names)
        {
            var norms = MultiDocValues.GetNormValues(reader, field);
            postings.Add(field + " lengths " + string.Join(' ', Enumerable.Range(0, reader.MaxDoc).Select(doc => norms?.Get(doc) ?? 0)));
            var terms = MultiFields.GetTerms(reader, field).GetEnumerator();
            while (terms.MoveNext())
            {
                var positions = terms.DocsAndPositions(null, null);
                var line = new System.Text.StringBuilder(field + " " + terms.Term.Utf8ToString() + ":");
                while (positions.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                {
                    line.Append(' ').Append(positions.DocID).Append('@');
                    for (var i = 0; i < positions.Freq; i++)
                    {
                        line.Append(positions.NextPosition()).Append(',');
                    }
                }

                postings.Add(line.ToString());
            }
        }

        return postings;
    }
}
