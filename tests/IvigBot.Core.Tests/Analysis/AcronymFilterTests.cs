using IvigBot.Analysis;

namespace IvigBot.Core.Tests.Analysis;

public class AcronymFilterTests
{
    [Theory]
    [InlineData("what is I.V.I.G.?", "what is ivig")]
    [InlineData("given by I.V. drip", "given by iv drip")]
    [InlineData("i.v.i.g", "ivig")]
    [InlineData("the U.K. and the U.S.A.", "the uk and the usa")]
    [InlineData("3.5 hours", "3.5 hours")]
    [InlineData("ivig.the drip", "ivig.the drip")]
    [InlineData("ab.cd", "ab.cd")]
    [InlineData("plain ivig", "plain ivig")]
    public void The_letters_of_a_dotted_acronym_are_joined_and_other_dotted_tokens_kept(string text, string expected)
    {
        Assert.Equal(expected, string.Join(' ', FaqAnalyzer.RawWordsOf(text)));
    }
}
