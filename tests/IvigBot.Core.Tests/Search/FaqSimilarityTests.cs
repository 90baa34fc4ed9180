using IvigBot.Analysis;
using IvigBot.Content;
using IvigBot.Core.Tests.Infrastructure;
using IvigBot.Search;

namespace IvigBot.Core.Tests.Search;

public class FaqSimilarityTests
{
    private static FaqDocument Entry(string id, string question) => ContentSamples.Document(id, question, "See your care team.");

    [Fact]
    public void A_shorter_question_with_the_same_match_ranks_first()
    {
        // Five and six words: the same length to Lucene's one-byte norm, different lengths here.
        using var index = FaqIndexBuilder.Build(
            [Entry("six", "rash after infusion on my arm"), Entry("five", "rash after infusion on arm")],
            SynonymMap.Empty);

        var found = new FaqSearcher(index).Search(index.Parser.Analyze("rash"), 2);

        Assert.Equal(["five", "six"], found.Select(p => p.Document.Id));
        Assert.True(found[0].Score > found[1].Score);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(159)]
    public void Short_rows_keep_their_exact_length(int length)
    {
        Assert.Equal(length, FaqSimilarity.DecodeLength(FaqSimilarity.EncodeLength(length)));
    }

    [Theory]
    [InlineData(160)]
    [InlineData(400)]
    [InlineData(5000)]
    public void Long_rows_keep_their_length_within_a_step(int length)
    {
        Assert.InRange(FaqSimilarity.DecodeLength(FaqSimilarity.EncodeLength(length)), length / 1.06, length * 1.06);
    }

}
