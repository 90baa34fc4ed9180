using IvigBot.Analysis;

namespace IvigBot.Core.Tests.Analysis;

public class NegationFilterTests
{
    [Theory]
    [InlineData("can't", "not")]
    [InlineData("cannot", "not")]
    [InlineData("doesn't", "not")]
    [InlineData("didnt", "not")]
    [InlineData("won\u2019t", "not")]
    [InlineData("never", "not")]
    [InlineData("not", "not")]
    [InlineData("now", "now")]
    [InlineData("note", "note")]
    [InlineData("knot", "knot")]
    [InlineData("no", "no")]
    public void Negations_become_not_in_the_analyzers_words(string word, string expected)
    {
        Assert.Equal([expected], FaqAnalyzer.WordsOf(word));
    }

    [Fact]
    public void Negation_changes_what_the_question_asks()
    {
        Assert.Contains(NegationFilter.Not, FaqAnalyzer.WordsOf("what if IVIG doesn't work"));
        Assert.DoesNotContain(NegationFilter.Not, FaqAnalyzer.WordsOf("how does IVIG work"));
    }
}
