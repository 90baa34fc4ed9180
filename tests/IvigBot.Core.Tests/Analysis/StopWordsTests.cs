using IvigBot.Analysis;

namespace IvigBot.Core.Tests.Analysis;

public class StopWordsTests
{
    [Theory]
    [InlineData("what", true)]
    [InlineData("is", true)]
    [InlineData("my", true)]
    [InlineData("please", true)]
    [InlineData("does", true)]
    [InlineData("ivig", false)]
    [InlineData("dose", false)]
    [InlineData("flu", false)]
    [InlineData("not", false)]
    [InlineData("pain", false)]
    public void IsStopWord_table(string token, bool expected)
    {
        Assert.Equal(expected, StopWords.IsStopWord(token));
    }
}
