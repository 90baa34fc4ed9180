using IvigBot.Answering;
using IvigBot.Core.Tests.Infrastructure;
using IvigBot.Semantic;

namespace IvigBot.Core.Tests.Semantic;

/// <summary>Triage by meaning with the shipped rules and their examples (faq/triage.md).</summary>
public class SemanticTriageTests(ShippedEngineFixture fixture) : IClassFixture<ShippedEngineFixture>
{
    private readonly SemanticTriage _triage = SemanticTriage.Build(
        fixture.Content.TriageRules, SentenceEmbedder.Shared, fixture.Options.EffectiveVectorCacheFolder, new SemanticWeights());

    private readonly SemanticIndex _index = SemanticIndex.Build(fixture.Engine.Index.Documents, SentenceEmbedder.Shared, fixture.Options.EffectiveVectorCacheFolder);

    private TriageRule? ByMeaning(string message)
    {
        var vector = _index.Embed(AnswerCache.Normalize(message));
        return _triage.Match(vector, TriageMatcher.HasNegation(message), _index.Compare(vector).Max(m => m.Question));
    }

    [Theory]
    [InlineData("I need to pee but nothing comes out since my infusion yesterday", "Little or no urine")]
    [InlineData("my calf has gone hot and swollen and hurts when I walk", "A swollen, painful leg or arm")]
    [InlineData("my face has drooped on one side and I can't get my words out", "Signs of a stroke")]
    [InlineData("my neck is so stiff and my head is killing me and I keep vomiting", "Severe headache with a stiff neck")]
    // Told with a negation: compared with the examples that have one.
    [InlineData("my grandad isn't talking right and his cheek has slid down on one side", "Signs of a stroke")]
    [InlineData("she hasn't been to the bathroom to pee since her treatment and her feet are puffy", "Little or no urine")]
    [InlineData("my dad went down in the kitchen and isn't answering when I shake him", "Fainting, a seizure or collapse")]
    [InlineData("my lower leg is hot and puffy and there's no bruise or knock to explain it", "A swollen, painful leg or arm")]
    public void A_warning_sign_in_lay_words_is_routed_to_its_rule(string message, string rule)
    {
        Assert.Equal(rule, ByMeaning(message)?.Name);
    }

    [Theory]
    [InlineData("I don't have chest pain but is a rash normal after ivig?")]
    [InlineData("i don't have a stiff neck, just a normal headache, should i worry")]
    [InlineData("why doesn't ivig work straight away?")]
    [InlineData("my insurance doesn't cover ivig, what can i do?")]
    [InlineData("is it normal not to pee much after ivig?")]
    [InlineData("what happens if my mg doesn't improve with ivig?")]
    public void A_question_with_a_negation_is_not_an_emergency(string message)
    {
        Assert.NotEqual(AnswerKind.Emergency, fixture.Engine.Answer(message).Kind);
    }

    [Theory]
    [InlineData("my face has drooped on one side and I can't get my words out")]
    [InlineData("I need to pee but nothing comes out since my infusion yesterday")]
    [InlineData("I keep choking when I try to swallow and my MG feels much worse")]
    [InlineData("my neck is so stiff and my head is killing me and I keep vomiting")]
    public void The_bot_answers_a_warning_sign_in_lay_words_as_an_emergency(string message)
    {
        var result = fixture.Engine.Answer(message);

        Assert.Equal(AnswerKind.Emergency, result.Kind);
        Assert.Contains("call emergency services", result.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("what is aseptic meningitis?")]
    [InlineData("what counts as a myasthenic crisis?")]
    [InlineData("what are the signs of a blood clot?")]
    [InlineData("can ivig cause a stroke?")]
    public void A_question_about_a_warning_sign_is_answered_not_treated_as_an_emergency(string message)
    {
        Assert.Null(ByMeaning(message));
        Assert.Equal(AnswerKind.Answer, fixture.Engine.Answer(message).Kind);
    }

    [Theory]
    [InlineData("no chest pain, just a headache")]
    [InlineData("my right arm hurts")]
    [InlineData("i haven't had a swollen calf")]
    public void A_negated_or_ordinary_complaint_is_not_an_emergency_by_meaning(string message)
    {
        Assert.NotEqual(AnswerKind.Emergency, fixture.Engine.Answer(message).Kind);
    }

    [Theory]
    [InlineData("My name is Sam Smith, born 1980, tel 01234 567890. Which parking garage is closest to the clinic?")]
    [InlineData("which car park is nearest the infusion unit, and is there wifi?")]
    [InlineData("can my daughter come in with me and is there a cafe?")]
    [InlineData("what time should I get there and can I bring a packed lunch?")]
    public void A_practical_question_with_no_warning_sign_is_not_an_emergency_by_meaning(string message)
    {
        Assert.NotEqual(AnswerKind.Emergency, fixture.Engine.Answer(message).Kind);
    }

    [Theory]
    [InlineData("hello, who am I speaking with?", AnswerKind.Smalltalk)]
    [InlineData("what is IVIG flu", AnswerKind.Answer)]
    [InlineData("how long does an infusion take", AnswerKind.Answer)]
    public void Ordinary_messages_keep_their_kind(string message, AnswerKind kind)
    {
        Assert.Equal(kind, fixture.Engine.Answer(message).Kind);
    }

    [Fact]
    public void A_rule_does_not_route_a_message_closer_to_one_of_its_not_for_messages()
    {
        TriageRule Rule(params string[] notFor) => new(
            "Headache", TriageKind.Emergency, "Call.", [new TriagePhrase("stiff neck", TriageRule.ParsePhrase("stiff neck"), new("t", 1))], new("t", 1))
        {
            Examples = [new("since the drip my head has been pounding and my neck is too stiff to bend", new("t", 2))],
            NotFor = [.. notFor.Select(text => new TriageExample(text, new("t", 3)))],
        };
        var folder = fixture.Options.EffectiveVectorCacheFolder;
        var plain = SemanticTriage.Build([Rule()], SentenceEmbedder.Shared, folder, new SemanticWeights());
        var held = SemanticTriage.Build([Rule("my head has been aching a bit since my drip yesterday, is that normal?")], SentenceEmbedder.Shared, folder, new SemanticWeights());
        TriageRule? Match(SemanticTriage triage, string message) => triage.Match(_index.Embed(AnswerCache.Normalize(message)), negated: false, closestQuestion: 0);

        const string ordinary = "my head has been pounding since my drip yesterday, is that usual";
        const string warning = "my neck has gone stiff and my head is pounding since the drip";
        Assert.NotNull(Match(plain, ordinary));
        Assert.Null(Match(held, ordinary));
        Assert.Equal("Headache", Match(held, warning)?.Name);
    }

    [Fact]
    public void A_not_for_message_told_with_a_negation_does_not_hold_back_a_message_told_without_one()
    {
        var rule = new TriageRule("Chest pain", TriageKind.Emergency, "Call.", [new TriagePhrase("chest pain", TriageRule.ParsePhrase("chest pain"), new("t", 1))], new("t", 1))
        {
            Examples = [new("there's a crushing pain in the middle of my chest since the drip", new("t", 2))],
            NotFor = [new("I don't have any pain in my chest since the drip, just a cough", new("t", 3))],
        };
        var triage = SemanticTriage.Build([rule], SentenceEmbedder.Shared, fixture.Options.EffectiveVectorCacheFolder, new SemanticWeights());
        const string warning = "I have a pain in my chest since the drip";
        var vector = _index.Embed(AnswerCache.Normalize(warning));

        Assert.Equal("Chest pain", triage.Match(vector, negated: false, closestQuestion: 0)?.Name);
    }

    [Fact]
    public void Every_rule_of_the_shipped_triage_has_several_examples()
    {
        Assert.All(fixture.Content.TriageRules, rule => Assert.True(rule.Examples.Count >= 4, $"'{rule.Name}' has {rule.Examples.Count} examples"));
    }
}
