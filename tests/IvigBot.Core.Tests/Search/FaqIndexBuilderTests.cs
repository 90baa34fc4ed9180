using IvigBot.Analysis;
using IvigBot.Content;
using IvigBot.Core.Tests.Infrastructure;
using IvigBot.Search;

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

    [Fact]
    public void Each_entry_and_passage_is_one_lucene_document_in_content_order_with_its_id_stored()
    {
        using var folder = new TempFolder();
        using var memory = FaqIndexBuilder.Build(WithAlternatesAndPassage, SynonymMap.Empty);
        using var onDisk = FaqIndexBuilder.Build(WithAlternatesAndPassage, SynonymMap.Empty, folder: folder.Path);

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
}
