using IvigBot.Content;
using IvigBot.Core.Tests.Infrastructure;
using IvigBot.Semantic;

namespace IvigBot.Core.Tests.Semantic;

public class SemanticIndexTests
{
    private static FaqDocument Document(string id, FaqDocumentKind kind, string question, string answer, params string[] alternates) =>
        new() { Id = id, Kind = kind, Question = question, Alternates = alternates, Answer = answer, Source = "test", Location = new SourceLocation("test.md", 1) };

    private static readonly FaqDocument Storage = Document("storage", FaqDocumentKind.Entry, "How is the vaccine stored?", "Vaccines are kept in a fridge between 2 and 8 degrees.", "where do I keep my jabs");
    private static readonly FaqDocument Masks = Document("masks", FaqDocumentKind.Entry, "Can children wear face masks?", "Children over two can wear one.");
    private static readonly FaqDocument Passage = Document("article#1", FaqDocumentKind.Passage, "Travel: flying with medicines", "Carry them in your hand luggage with a letter from your doctor.");

    [Fact]
    public void The_whole_document_is_compared_as_its_question_and_answer_encoded_together()
    {
        using var folder = new TempFolder();
        var embedder = SentenceEmbedder.Shared;
        FaqDocument[] documents = [Storage, Masks, Passage];
        var index = SemanticIndex.Build(documents, embedder, folder.Path);
        var message = index.Embed("can I take my immunoglobulin on a plane");

        var similarities = index.Compare(message);

        var plain = embedder.EmbedDocuments([.. documents.Select(d => d.Question + "\n" + d.Answer)]);
        for (var d = 0; d < documents.Length; d++)
        {
            Assert.Equal(SentenceEmbedder.Cosine(message, plain[d]), similarities[d].Document, 3);
        }

        Assert.Equal(2, Enumerable.Range(0, 3).MaxBy(d => similarities[d].Document)); // the passage about flying
    }

    [Theory]
    // The shipped FAQ's entries have "also asked as" phrasings; a public benchmark's bank has a headline question per entry.
    [InlineData(true, true, true)]
    [InlineData(true, false, true)]
    [InlineData(false, false, false)]
    public void A_bank_is_phrased_when_at_least_half_its_entries_have_alternates(bool storageHasAlternates, bool masksHasAlternates, bool phrased)
    {
        using var folder = new TempFolder();
        FaqDocument[] documents =
        [
            Storage with { Alternates = storageHasAlternates ? Storage.Alternates : [] },
            Masks with { Alternates = masksHasAlternates ? ["face coverings for kids"] : [] },
            Passage, // passages never have alternates and do not count
        ];

        Assert.Equal(phrased, SemanticIndex.Build(documents, SentenceEmbedder.Shared, folder.Path).Phrased);
    }
}
