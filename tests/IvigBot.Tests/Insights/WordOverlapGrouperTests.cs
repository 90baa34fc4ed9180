using IvigBot.Insights;

namespace IvigBot.Tests.Insights;

public sealed class WordOverlapGrouperTests
{
    [Theory]
    [InlineData("how much does ivig cost", "what does ivig cost", true)]
    [InlineData("can I drive after my infusion", "driving after infusion", true)] // half the words shared
    [InlineData("can I drive after my infusion", "drive home", false)]
    [InlineData("side effects in children", "side effect in child", true)] // a plural "s" does not matter
    [InlineData("side effects in children", "children and rashes", false)]
    [InlineData("can my dog have ivig", "how much does ivig cost", false)]
    [InlineData("my name is [name] and I feel [word]", "[word] [word] feel", true)] // tags never make two messages alike
    public void Messages_with_mostly_the_same_content_words_are_grouped(string first, string second, bool grouped)
    {
        var groups = new WordOverlapGrouper().Group([(first, 2), (second, 1)], []);

        Assert.Equal(grouped ? 1 : 2, groups.Count);
        Assert.Equal(first, groups[0].Question);
        Assert.Equal(grouped ? 3 : 2, groups[0].Count);
    }

    [Fact]
    public void Groups_are_ordered_by_their_total_count_and_keep_a_few_examples()
    {
        var groups = new WordOverlapGrouper().Group(
        [
            ("parking at the hospital", 3),
            ("hospital parking", 2), ("parking hospital", 2), ("hospital parking spaces", 1), ("parking at hospital", 1),
            ("can my dog come", 4),
        ], []);

        Assert.Equal([("parking at the hospital", 9L), ("can my dog come", 4L)], groups.Select(g => (g.Question, g.Count)));
        Assert.Equal(QuestionGroup.MaxExamples, groups[0].Examples.Count);
    }

    /// <summary>
    /// The grouper compares a message only with groups whose lead shares a word: the same groups as comparing it with
    /// every group in order (the plain definition), on messages drawn from a small vocabulary so that many overlap.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Groups_equal_those_of_comparing_every_message_with_every_group(int seed)
    {
        var random = new Random(seed);
        string[] vocabulary = ["infusion", "headache", "fever", "travel", "flying", "dog", "parking", "children", "rash", "tired", "work", "[word]", "[name]"];
        var messages = Enumerable.Range(0, 400)
            .Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(0, 5)).Select(_ => vocabulary[random.Next(vocabulary.Length)])))
            .GroupBy(m => m, StringComparer.Ordinal)
            .Select(g => (Text: g.Key, Count: (long)g.Count()))
            .ToList();

        var fast = new WordOverlapGrouper().Group(messages, []);

        var plain = new List<(string Lead, long Count, List<string> Examples)>();
        foreach (var (text, count) in messages.OrderByDescending(m => m.Count).ThenBy(m => m.Text, StringComparer.Ordinal))
        {
            var index = plain.FindIndex(g => WordOverlapGrouper.Similarity(g.Lead, WordOverlapGrouper.Words(g.Lead), text, WordOverlapGrouper.Words(text)) >= WordOverlapGrouper.Threshold);
            if (index < 0)
            {
                plain.Add((text, count, []));
                continue;
            }

            if (plain[index].Examples.Count < QuestionGroup.MaxExamples)
            {
                plain[index].Examples.Add(text);
            }

            plain[index] = (plain[index].Lead, plain[index].Count + count, plain[index].Examples);
        }

        var expected = plain.OrderByDescending(g => g.Count).Select(g => (g.Lead, g.Count, string.Join('|', g.Examples))).ToList();
        Assert.Equal(expected, fast.Select(g => (g.Question, g.Count, string.Join('|', g.Examples))).ToList());
        Assert.True(fast.Count < messages.Count, "some messages were grouped");
    }
}
