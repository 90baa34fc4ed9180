using IvigBot.Answering;
using IvigBot.Core.Tests.Infrastructure;

namespace IvigBot.Core.Tests.Semantic;

/// <summary>Ranking by meaning as well as words, on the shipped FAQ (the engine of <see cref="ShippedEngineFixture"/> has <c>Semantic</c> on by default).</summary>
public class HybridRankingTests(ShippedEngineFixture fixture) : IClassFixture<ShippedEngineFixture>
{
    [Fact]
    public void The_shipped_engine_reads_meaning_by_default()
    {
        Assert.True(fixture.Engine.Semantic);
    }

    [Theory]
    [InlineData("is this a one-off or will I keep having it for years", "how-often")]
    [InlineData("do my jabs still work while I'm having immunoglobulin", "vaccines-and-ivig")]
    [InlineData("why do I get a pounding head after immunoglobulin", "headache-after-ivig")]
    public void A_paraphrase_ranks_its_entry_first(string message, string expected)
    {
        Assert.Equal(expected, fixture.Engine.Rank(message)[0].Document.Id);
    }

    [Fact]
    public void Documents_close_in_meaning_are_candidates_even_when_the_search_does_not_find_them()
    {
        using var lexical = new AnswerEngine(fixture.Content, new AnsweringOptions { Semantic = false });
        const string Message = "my wee has gone very dark since the drip";

        var found = lexical.Rank(Message).Select(c => c.Document.Id).ToHashSet();
        var ranked = fixture.Engine.Rank(Message).Select(c => c.Document.Id).ToList();

        Assert.False(lexical.Semantic);
        Assert.Contains(ranked, id => !found.Contains(id));
        Assert.Superset(found, ranked.ToHashSet());
    }
}
