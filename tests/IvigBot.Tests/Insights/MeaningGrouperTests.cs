using IvigBot.Answering;
using IvigBot.Content;
using IvigBot.Insights;
using IvigBot.Semantic;
using IvigBot.Tests.Infrastructure;

namespace IvigBot.Tests.Insights;

/// <summary>The grouper by meaning, with the process's one embedder and the shipped FAQ (the model is loaded once).</summary>
public sealed class MeaningGrouperTests
{
    private static readonly Lazy<IReadOnlyCollection<FaqDocument>> Entries = new(() => [.. FaqContentLoader.Load(RepoPaths.Faq).Entries]);

    /// <summary>Messages on other topics around the pair under test, as in a real report: the test set's.</summary>
    private static readonly Lazy<(string, long)[]> Others = new(() =>
        [.. LabelledGroups.Read(Path.Combine(RepoPaths.Root, "tests", "IvigBot.Tests", "Insights", "grouping-test.txt")).Texts.Select(t => (t, 1L))]);

    private static MeaningGrouper Grouper =>
        new(SentenceEmbedder.Shared, new AnsweringOptions().EffectiveVectorCacheFolder, MeaningGrouping.Chosen);

    /// <summary>
    /// On the test set (written before any grouper ran on it, measured once after the way was chosen on the dev set),
    /// grouping by meaning finds the labelled groups far better than by words, which share few words by design.
    /// </summary>
    [Fact]
    public void Groups_the_test_set_better_than_the_lexical_grouper()
    {
        var set = LabelledGroups.Read(Path.Combine(RepoPaths.Root, "tests", "IvigBot.Tests", "Insights", "grouping-test.txt"));

        var meaning = set.Score(Grouper.Cluster(set.Texts, Entries.Value));
        var words = set.Score(set.Lexical());

        // Measured once (docs/benchmarks.md): F1 0.32 (P 0.42, R 0.26) by meaning, 0.00 by words.
        Assert.True(meaning.F1 >= 0.25, $"pairwise F1 {meaning.F1:F2} (P {meaning.Precision:F2}, R {meaning.Recall:F2})");
        Assert.True(meaning.F1 > words.F1 + 0.2, $"meaning F1 {meaning.F1:F2}, words F1 {words.F1:F2}");
    }

    [Theory]
    [InlineData("how much does ivig cost", "is immunoglobulin expensive")]
    [InlineData("can i fly on a plane after my treatment", "is air travel ok between infusions")]
    public void Paraphrases_without_a_word_in_common_are_grouped(string first, string second)
    {
        var groups = Grouper.Group([(first, 2), (second, 1), .. Others.Value], Entries.Value);

        var group = Assert.Single(groups, g => g.Question == first);
        Assert.Contains(second, group.Examples);
    }

    /// <summary>
    /// Questions worded alike about different things stay apart in a report of ~90 messages. (Cost and insurance do
    /// not: docs/benchmarks.md lists what the grouper merges wrongly.)
    /// </summary>
    [Theory]
    [InlineData("can i drive home after my infusion", "can i drink alcohol after my infusion")]
    [InlineData("can i have ivig while pregnant", "can i breastfeed after my ivig infusion")]
    public void Close_questions_with_different_intents_are_kept_apart(string first, string second)
    {
        var groups = Grouper.Group([(first, 2), (second, 1), .. Others.Value], Entries.Value);

        Assert.DoesNotContain(groups, g => (g.Examples.Contains(first) || g.Question == first) && (g.Examples.Contains(second) || g.Question == second));
        Assert.Contains(groups, g => g.Question == second || g.Examples.Contains(second));
    }

    [Fact]
    public void Groups_are_ordered_by_their_total_count_and_led_by_their_most_frequent_message()
    {
        var groups = Grouper.Group([("my hair is falling out since ivig", 1), ("does ivig cause hair loss", 3), ("where can i park", 2)], Entries.Value);

        Assert.Equal([("does ivig cause hair loss", 4L), ("where can i park", 2L)], groups.Select(g => (g.Question, g.Count)));
        Assert.Empty(Grouper.Group([], Entries.Value));
    }

    /// <summary>
    /// Opening the editor page again embeds only the messages that are new since and reads nothing from disk: the
    /// messages' and the FAQ phrasings' vectors are kept in memory, and the groups are those a fresh grouper makes.
    /// </summary>
    [Fact]
    public void A_second_report_reuses_the_vectors_of_messages_it_has_seen_and_groups_as_a_fresh_grouper_does()
    {
        var shared = new AnsweringOptions().EffectiveVectorCacheFolder;
        var folder = Directory.CreateTempSubdirectory("ivigbot-grouper-").FullName;
        var cache = Path.Combine(shared, DocumentVectorCache.FileName(SentenceEmbedder.Shared));
        if (File.Exists(cache))
        {
            File.Copy(cache, Path.Combine(folder, DocumentVectorCache.FileName(SentenceEmbedder.Shared)));
        }

        var grouper = new MeaningGrouper(SentenceEmbedder.Shared, folder, MeaningGrouping.Chosen);
        var first = grouper.Group(Others.Value, Entries.Value);
        Assert.Equal(Others.Value.Length, grouper.KeptVectors);
        Directory.Delete(folder, recursive: true);

        (string, long)[] later = [("is it ok to go swimming the day after my infusion", 1), .. Others.Value];
        var again = grouper.Group(later, Entries.Value);

        Assert.Equal(Others.Value.Length + 1, grouper.KeptVectors);
        Assert.False(Directory.Exists(folder), "the second report went back to the vector cache on disk");
        var fresh = Grouper.Group(later, Entries.Value);
        Assert.Equal(fresh.Select(g => (g.Question, g.Count, string.Join('|', g.Examples))), again.Select(g => (g.Question, g.Count, string.Join('|', g.Examples))));
        Assert.NotEmpty(first);
    }

    [Theory]
    [InlineData(true, typeof(MeaningGrouper))]
    [InlineData(false, typeof(WordOverlapGrouper))]
    public void Meaning_is_used_when_the_bot_answers_by_meaning(bool semantic, Type expected) =>
        Assert.IsType(expected, InsightsServiceRegistration.CreateGrouper(new AnsweringOptions { Semantic = semantic }));
}
