using IvigBot.Semantic;

namespace IvigBot.Core.Tests.Semantic;

public class MeaningRangeTests
{
    private static readonly MeaningSimilarity[] Bank = [new(0.62, 0.70, 0.50), new(0.86, 0.64, 0.80), new(0.74, 0.76, 0.74)];

    [Theory]
    // The closest document is 1 and the farthest 0, whatever band the raw cosines crowd into.
    [InlineData(1, 1.0, 0.0, 1.0)]
    [InlineData(0, 0.0, 0.5, 0.0)]
    [InlineData(2, 0.5, 1.0, 0.8)]
    public void Rescales_each_cosine_between_the_farthest_and_the_closest_document(int document, double question, double answer, double whole)
    {
        var range = MeaningRange.Of(Bank);

        Assert.Equal(question, range.QuestionCloseness(Bank[document]), 9);
        Assert.Equal(answer, range.AnswerCloseness(Bank[document]), 9);
        Assert.Equal(whole, range.DocumentCloseness(Bank[document]), 9);
    }

    [Fact]
    public void Every_document_equally_close_gives_no_closeness()
    {
        MeaningSimilarity[] bank = [new(0.7, 0.7, 0.7), new(0.7, 0.7, 0.7)];

        var range = MeaningRange.Of(bank);

        Assert.Equal(0, range.QuestionCloseness(bank[0]));
        Assert.Equal(0, range.AnswerCloseness(bank[1]));
        Assert.Equal(0, range.DocumentCloseness(bank[0]));
    }
}
