using IvigBot.Insights;

namespace IvigBot.Tests.Insights;

public sealed class QuestionGrouperTests
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
        var groups = new QuestionGrouper(new WordOverlapSimilarity()).Group([(first, 2), (second, 1)]);

        Assert.Equal(grouped ? 1 : 2, groups.Count);
        Assert.Equal(first, groups[0].Question);
        Assert.Equal(grouped ? 3 : 2, groups[0].Count);
    }

    [Fact]
    public void Groups_are_ordered_by_their_total_count_and_keep_a_few_examples()
    {
        var groups = new QuestionGrouper(new WordOverlapSimilarity()).Group(
        [
            ("parking at the hospital", 3),
            ("hospital parking", 2), ("parking hospital", 2), ("hospital parking spaces", 1), ("parking at hospital", 1),
            ("can my dog come", 4),
        ]);

        Assert.Equal([("parking at the hospital", 9L), ("can my dog come", 4L)], groups.Select(g => (g.Question, g.Count)));
        Assert.Equal(QuestionGrouper.MaxExamples, groups[0].Examples.Count);
    }
}
