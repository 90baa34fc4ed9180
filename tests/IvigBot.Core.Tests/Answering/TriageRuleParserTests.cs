using IvigBot.Answering;
using IvigBot.Content;
using IvigBot.Core.Tests.Infrastructure;

namespace IvigBot.Core.Tests.Answering;

public class TriageRuleParserTests
{
    [Fact]
    public void Valid_rules_parse_into_kind_reply_and_phrases()
    {
        var problems = new List<ContentProblem>();
        var rules = TriageRuleParser.Parse("triage.md", ContentSamples.Triage, problems);

        Assert.Empty(problems);
        Assert.Equal(2, rules.Count);
        var breathing = rules[0];
        Assert.Equal("Trouble breathing", breathing.Name);
        Assert.Equal(TriageKind.Emergency, breathing.Kind);
        Assert.StartsWith("**Call emergency services now**", breathing.Reply, StringComparison.Ordinal);
        Assert.Equal(["trouble breathing", "cant breathe"], breathing.Phrases.Select(p => p.Text));
        Assert.Equal(new SourceLocation("triage.md", 1), breathing.Location);
        Assert.Equal(new SourceLocation("triage.md", 5), breathing.Phrases[0].Location);
    }

    [Fact]
    public void Example_messages_follow_the_phrases_with_their_lines()
    {
        var problems = new List<ContentProblem>();
        var rules = TriageRuleParser.Parse("triage.md", "## R\nkind: emergency\nreply: Call.\nphrases:\n- cant breathe\nexamples:\n- I can't get enough air in\n- my chest feels heavy and I'm panting\n", problems);

        Assert.Empty(problems);
        var rule = Assert.Single(rules);
        Assert.Equal(["I can't get enough air in", "my chest feels heavy and I'm panting"], rule.Examples.Select(e => e.Text));
        Assert.Equal(new SourceLocation("triage.md", 7), rule.Examples[0].Location);
        Assert.Equal(["cant breathe"], rule.Phrases.Select(p => p.Text));
    }

    [Fact]
    public void An_example_without_words_is_an_error_with_its_line_and_the_rule_still_works()
    {
        var problems = new List<ContentProblem>();
        var rules = TriageRuleParser.Parse("triage.md", "## R\nkind: advice\nreply: Ask.\nphrases:\n- stop my ivig\nexamples:\n- ?!\n- should I come off it\n", problems);

        var problem = Assert.Single(problems);
        Assert.Equal(new SourceLocation("triage.md", 7), problem.Location);
        Assert.Contains("example '?!' has no words", problem.Message, StringComparison.Ordinal);
        Assert.Equal(["should I come off it"], Assert.Single(rules).Examples.Select(e => e.Text));
    }

    [Fact]
    public void Not_for_messages_follow_the_examples_with_their_lines_and_one_without_words_is_an_error()
    {
        var problems = new List<ContentProblem>();
        var rules = TriageRuleParser.Parse(
            "triage.md",
            "## R\nkind: emergency\nreply: Call.\nphrases:\n- stiff neck\nexamples:\n- my neck is rigid and my head is splitting\nnot for:\n- my head aches a bit since the drip, is that normal?\n- ...\n",
            problems);

        var problem = Assert.Single(problems);
        Assert.Equal(new SourceLocation("triage.md", 10), problem.Location);
        Assert.Contains("'not for' message '...' has no words", problem.Message, StringComparison.Ordinal);
        var rule = Assert.Single(rules);
        Assert.Equal(["my neck is rigid and my head is splitting"], rule.Examples.Select(e => e.Text));
        Assert.Equal(["my head aches a bit since the drip, is that normal?"], rule.NotFor.Select(e => e.Text));
        Assert.Equal(new SourceLocation("triage.md", 9), rule.NotFor[0].Location);
    }

    [Fact]
    public void Several_reply_lines_become_paragraphs()
    {
        var rules = TriageRuleParser.Parse("triage.md", "## R\nkind: advice\nreply: First.\nreply: Second.\nphrases:\n- stop my ivig\n", new List<ContentProblem>());

        Assert.Equal("First.\n\nSecond.", Assert.Single(rules).Reply);
    }

    [Fact]
    public void A_star_makes_a_prefix_token()
    {
        Assert.Equal([new PhraseToken("throat", false), new PhraseToken("swell", true)], TriageRule.ParsePhrase("throat swell*"));
    }

    [Theory]
    [InlineData("## R\nkind: urgent\nreply: R.\nphrases:\n- x y\n", 2, "urgent")]
    [InlineData("## R\nkind: 1\nreply: R.\nphrases:\n- x y\n", 2, "'1'")]
    [InlineData("\n## R\nreply: R.\nphrases:\n- x y\n", 2, "kind")]
    [InlineData("## R\nkind: advice\nphrases:\n- x y\n", 1, "reply")]
    [InlineData("## R\nkind: advice\nreply: R.\n", 1, "phrases")]
    [InlineData("## R\nkind: advice\nreply: R.\nphrases:\n- x y\n- !!!\n", 6, "no words")]
    [InlineData("## R\nkind: advice\nreply: R.\nphrases:\n- x y\n\n- stray phrase\n", 7, "unexpected")]
    public void A_broken_rule_is_reported_at_its_line(string text, int line, string messagePart)
    {
        var problems = new List<ContentProblem>();
        TriageRuleParser.Parse("triage.md", text, problems);

        Assert.Contains(problems, p => p.Location == new SourceLocation("triage.md", line) && p.Message.Contains(messagePart, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("## R\nkind: urgent\nreply: R.\nphrases:\n- x y\n")]
    [InlineData("## R\nkind: advice\nphrases:\n- x y\n")]
    [InlineData("## R\nkind: advice\nreply: R.\n")]
    public void A_broken_rule_is_not_used(string text)
    {
        Assert.Empty(TriageRuleParser.Parse("triage.md", text, new List<ContentProblem>()));
    }
}
