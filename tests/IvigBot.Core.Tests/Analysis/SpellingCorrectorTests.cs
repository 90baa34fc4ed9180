using IvigBot.Analysis;

namespace IvigBot.Core.Tests.Analysis;

public class SpellingCorrectorTests
{
    private static readonly Dictionary<string, int> Vocabulary = new(StringComparer.Ordinal)
    {
        ["immunoglobulin"] = 20,
        ["kawasaki"] = 3,
        ["ivig"] = 50,
        ["iv"] = 10,
        ["pain"] = 8,
        ["infusion"] = 30,
        ["headache"] = 6,
        ["staying"] = 1,
    };

    private readonly SpellingCorrector _speller = new(Vocabulary);

    [Theory]
    [InlineData("immunoglobin", "immunoglobulin")]
    [InlineData("imunoglobulin", "immunoglobulin")]
    [InlineData("kawasacki", "kawasaki")]
    [InlineData("ivg", "ivig")]
    [InlineData("infussion", "infusion")]
    [InlineData("headahce", "headache")]
    public void Typos_are_corrected_to_the_vocabulary(string typo, string expected)
    {
        Assert.Equal(expected, _speller.Correct(typo));
    }

    [Theory]
    [InlineData("plain")] // a real word one edit from "pain"
    [InlineData("saying")] // a real word one edit from "staying"
    [InlineData("ivig")]
    [InlineData("pain")]
    [InlineData("kawasaki")]
    [InlineData("2024")]
    [InlineData("xq")] // too short to correct
    [InlineData("zzzzzzzzzz")] // too far from everything
    public void Known_real_short_or_far_words_are_left_alone(string word)
    {
        Assert.Equal(word, _speller.Correct(word));
    }

    [Fact]
    public void Ivg_is_ivig_not_iv()
    {
        Assert.NotEqual("iv", _speller.Correct("ivg"));
    }

    [Fact]
    public void IsKnown_reflects_the_vocabulary()
    {
        Assert.True(_speller.IsKnown("kawasaki"));
        Assert.False(_speller.IsKnown("kawasacki"));
    }
}
