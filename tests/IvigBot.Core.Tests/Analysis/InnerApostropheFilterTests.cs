using IvigBot.Analysis;

namespace IvigBot.Core.Tests.Analysis;

public class InnerApostropheFilterTests
{
    [Theory]
    [InlineData("can't", "cant")]
    [InlineData("patient\u2019s", "patients")]
    [InlineData("o'clock", "oclock")]
    [InlineData("rock 'n' roll", "rock n roll")]
    [InlineData("'quoted'", "quoted")]
    [InlineData("plain", "plain")]
    public void Apostrophes_inside_words_are_dropped_and_the_letters_kept(string text, string expected)
    {
        Assert.Equal(expected, string.Join(' ', FaqAnalyzer.RawWordsOf(text)));
    }
}
