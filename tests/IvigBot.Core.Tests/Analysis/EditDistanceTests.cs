using IvigBot.Analysis;
using IvigBot.Core.Tests.Infrastructure;

namespace IvigBot.Core.Tests.Analysis;

public class EditDistanceTests
{
    [Theory]
    [InlineData("pain", "pain", 0)]
    [InlineData("pain", "pian", 1)]      // neighbours swapped
    [InlineData("breath", "breathe", 1)] // one letter more
    [InlineData("troat", "throat", 1)]   // one letter left out
    [InlineData("dose", "does", 1)]
    [InlineData("dose", "rose", 1)]
    [InlineData("chest", "chets", 1)]
    [InlineData("abc", "cab", 2)]
    [InlineData("swelling", "sweling", 1)]
    [InlineData("kidney", "kindey", 1)]
    [InlineData("kidney", "kidnye", 1)]
    [InlineData("kidney", "lung", 2)]
    public void Damerau_counts_insertions_deletions_substitutions_and_swaps(string a, string b, int expected)
    {
        Assert.Equal(expected, EditDistance.Damerau(a, b, 1));
        Assert.Equal(expected <= 1, EditDistance.WithinOne(a, b));
        Assert.Equal(expected <= 1, EditDistance.WithinOne(b, a));
    }

    /// <summary>Every pair of words of up to four letters over a three-letter alphabet (14,641 pairs): the one-pass check agrees with the distance.</summary>
    [Fact]
    public void WithinOne_agrees_with_the_distance_on_every_short_pair()
    {
        var words = new List<string> { "" };
        for (var length = 1; length <= 4; length++)
        {
            words.AddRange(words.Where(w => w.Length == length - 1).SelectMany(w => new[] { w + "a", w + "b", w + "c" }).ToList());
        }

        var disagreements = (from a in words
                             from b in words
                             where EditDistance.WithinOne(a, b) != (EditDistance.Damerau(a, b, 1) <= 1)
                             select $"'{a}' '{b}'").ToList();

        Assert.Equal(121, words.Count);
        Assert.True(disagreements.Count == 0, string.Join(", ", disagreements.Take(20)));
    }

    /// <summary>Real words: every English word against its neighbours in the sorted list and against typos made from it.</summary>
    [Fact]
    public void WithinOne_agrees_with_the_distance_on_english_words_and_their_typos()
    {
        var words = EnglishWords.All.Order(StringComparer.Ordinal).ToList();
        var random = new Random(7);
        var disagreements = new List<string>();
        var checkedPairs = 0;
        for (var i = 1; i < words.Count; i++)
        {
            var word = words[i];
            var typo = Typos.Make(word, random, edits: random.Next(1, 3));
            foreach (var other in new[] { words[i - 1], typo })
            {
                checkedPairs++;
                if (EditDistance.WithinOne(word, other) != (EditDistance.Damerau(word, other, 1) <= 1))
                {
                    disagreements.Add($"'{word}' '{other}'");
                }
            }
        }

        Assert.True(checkedPairs > 100_000, $"only {checkedPairs} pairs");
        Assert.True(disagreements.Count == 0, string.Join(", ", disagreements.Take(20)));
    }
}
