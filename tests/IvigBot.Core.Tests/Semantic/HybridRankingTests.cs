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

    [Fact]
    public void Ranking_every_document_keeps_the_order_of_the_candidates()
    {
        // eval --candidates ranks every document so that tests/eval/fit-ranking.py can try larger pools: the engine's
        // own candidates must come in the same order among them.
        const string Message = "my little boy had a fever for days with red eyes and cracked lips";
        var engine = fixture.Engine;

        var pool = engine.Rank(Message).Select(c => c.Document.Id).ToList();
        var every = engine.Rank(Message, engine.Index.Documents.Count).Select(c => c.Document.Id).ToList();

        Assert.Equal(engine.Index.Documents.Select(d => d.Id).Order(StringComparer.Ordinal), every.Order(StringComparer.Ordinal));
        Assert.Equal(pool, every.Where(pool.Contains));
    }

    [Theory]
    [InlineData("how much does a flu jab cost at the chemist")]
    [InlineData("what time does the pharmacy open on sunday")]
    [InlineData("how do I get rid of a common cold")]
    [InlineData("can I buy shares in a company that makes blood products")]
    public void A_lure_that_shares_a_word_with_the_faq_is_refused(string message)
    {
        Assert.Equal(AnswerKind.Fallback, fixture.Engine.Answer(message).Kind);
    }

    [Theory]
    [InlineData("how long until the treatment starts working", "how-soon-works")]
    [InlineData("can I still have my vaccinations while on this treatment", "vaccines-and-ivig")]
    [InlineData("what does the nurse check while the drip is running", "monitoring")]
    public void A_paraphrase_is_answered_with_its_entry(string message, string expected)
    {
        var result = fixture.Engine.Answer(message);

        Assert.Equal(AnswerKind.Answer, result.Kind);
        Assert.Equal(expected, result.Id);
    }
}
