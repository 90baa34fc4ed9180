using IvigBot.Analysis;

namespace IvigBot.Core.Tests.Analysis;

public class LightStemmerTests
{
    [Theory]
    [InlineData("kidneys", "kidney")]
    [InlineData("infusions", "infusion")]
    [InlineData("allergies", "allergy")]
    [InlineData("stopping", "stop")]
    [InlineData("swelling", "swell")]
    [InlineData("ivig", "ivig")]
    [InlineData("iv", "iv")]
    [InlineData("virus", "virus")]
    [InlineData("process", "process")]
    [InlineData("dose", "dose")]
    [InlineData("2024", "2024")]
    public void Stem_table(string word, string expected)
    {
        Assert.Equal(expected, LightStemmer.Stem(word));
    }

    [Theory]
    [InlineData("diagnosed", "diagnose")]
    [InlineData("headaches", "headache")]
    [InlineData("infusions", "infusion")]
    [InlineData("reactions", "reaction")]
    [InlineData("platelets", "platelet")]
    public void Inflections_share_a_stem(string a, string b)
    {
        Assert.Equal(LightStemmer.Stem(a), LightStemmer.Stem(b));
    }

    [Theory]
    [InlineData("does", "dose")]
    [InlineData("stop", "shop")]
    public void Different_words_keep_different_stems(string a, string b)
    {
        Assert.NotEqual(LightStemmer.Stem(a), LightStemmer.Stem(b));
    }
}
