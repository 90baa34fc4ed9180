using IvigBot.Answering;
using IvigBot.Content;
using IvigBot.Core.Tests.Infrastructure;

namespace IvigBot.Core.Tests.Answering;

/// <summary>The shipped <c>faq/triage.md</c> rules against the ways patients write.</summary>
public class TriageMatcherTests
{
    private static readonly Lazy<TriageMatcher> Matcher = new(() =>
    {
        var problems = new List<ContentProblem>();
        var rules = TriageRuleParser.Parse("triage.md", File.ReadAllText(RepoPaths.TriageFile), problems);
        Assert.Empty(problems);
        return new TriageMatcher(rules);
    });

    [Theory]
    [InlineData("i cant breath")]
    [InlineData("I can't breathe")]
    [InlineData("having trouble breathing after my infusion")]
    [InlineData("im short of breath")]
    [InlineData("I'm wheezing and my chest is tight")]
    [InlineData("my troat is swelling")]
    [InlineData("my throat is closing up")]
    [InlineData("my lips are swelling")]
    [InlineData("my face is swollen")]
    [InlineData("my tongue is swelling up")]
    [InlineData("I think I'm having an allergic reaction")]
    [InlineData("hives all over my body")]
    [InlineData("chest pian")]
    [InlineData("I have chest pain since the infusion")]
    [InlineData("there is pressure in my chest")]
    [InlineData("worst headache of my life")]
    [InlineData("headache and my neck is stiff")]
    [InlineData("my face is drooping on one side")]
    [InlineData("my speech is slurred")]
    [InlineData("sudden numbness in my arm")]
    [InlineData("my left leg is swollen and hot")]
    [InlineData("bad calf pain two days after ivig")]
    [InlineData("i havent peed since yesterday")]
    [InlineData("very little urine today")]
    [InlineData("I cannot swallow")]
    [InlineData("i want to kill myself")]
    [InlineData("I've been thinking about suicide")]
    [InlineData("i want to end my life")]
    [InlineData("coughing up blood")]
    [InlineData("CHEST PAIN!!!")]
    [InlineData("my lips have gone all puffy")]
    [InlineData("my face is blowing up")]
    [InlineData("i can't get enough air")]
    [InlineData("heavy feeling in my chest")]
    [InlineData("headache and i can't bend my neck")]
    [InlineData("bad headache and throwing up")]
    [InlineData("his mouth is drooping")]
    [InlineData("her words are slurred")]
    [InlineData("my arm went dead and won't move")]
    [InlineData("my calf is swollen and hot")]
    [InlineData("i haven't had a wee since yesterday")]
    [InlineData("not passed water since the infusion")]
    [InlineData("i keep choking on my spit")]
    [InlineData("my voice is going")]
    [InlineData("she blacked out")]
    [InlineData("he's jerking all over")]
    [InlineData("they'd all be better off without me")]
    [InlineData("i'm tired of living")]
    public void Warning_signs_are_emergencies(string message)
    {
        var match = Matcher.Value.Match(message);

        Assert.True(match?.Rule.Kind == TriageKind.Emergency, $"'{message}' matched {match?.Rule.Name ?? "nothing"}");
    }

    [Theory]
    [InlineData("no chest pain, just a headache")]
    [InlineData("i do not have trouble breathing")]
    [InlineData("I don't have a swollen leg")]
    [InlineData("never had chest pain with ivig")]
    [InlineData("without any trouble breathing")]
    [InlineData("what is ivig")]
    [InlineData("how long does an infusion take")]
    [InlineData("can ivig cause blood clots")]
    [InlineData("no puffy face or lips")]
    [InlineData("never blacked out")]
    [InlineData("i don't have a hot calf")]
    [InlineData("what is aseptic meningitis")]
    [InlineData("can ivig cause kidney problems")]
    [InlineData("is a headache normal after ivig")]
    [InlineData("i'm sitting in the infusion chair")]
    [InlineData("at the end of the infusion everything felt fine")]
    [InlineData("i've lost eight pounds since starting ivig")]
    [InlineData("does ivig make you feel faint")]
    [InlineData("barely seeing a difference yet")]
    [InlineData("i'm not seeing any change")]
    [InlineData("what are the side effects of ivig")]
    public void Negated_or_ordinary_messages_are_not_emergencies(string message)
    {
        var match = Matcher.Value.Match(message);

        Assert.False(match?.Rule.Kind == TriageKind.Emergency, $"'{message}' matched {match?.Rule.Name}: {match?.Phrase.Text}");
    }

    [Theory]
    [InlineData("should i stop my ivig")]
    [InlineData("can i skip my infusion")]
    [InlineData("what dose should i take")]
    [InlineData("I missed my infusion last week, what now")]
    [InlineData("can i switch to subcutaneous")]
    [InlineData("should I double up next time")]
    [InlineData("how much benadryl before ivig")]
    [InlineData("what dosage is right for me")]
    [InlineData("can i double up after missing one")]
    [InlineData("can the drip go faster")]
    [InlineData("how much ivig for my weight")]
    [InlineData("can i stretch my infusions to every five weeks")]
    [InlineData("i'm pregnant, should i keep going")]
    [InlineData("can i take methotrexate on the same day")]
    [InlineData("can i switch to a different brand")]
    [InlineData("i want to skip this one")]
    [InlineData("can i space out my infusions")]
    public void Personal_treatment_decisions_are_advice(string message)
    {
        var match = Matcher.Value.Match(message);

        Assert.True(match?.Rule.Kind == TriageKind.Advice, $"'{message}' matched {match?.Rule.Name ?? "nothing"}");
    }

    [Theory]
    [InlineData("what does ivig do")]
    [InlineData("how does ivig work")]
    [InlineData("does ivig hurt")]
    [InlineData("what is ivig flu")]
    [InlineData("where can i shop for compression socks")]
    [InlineData("what are the different brands of ivig")]
    [InlineData("i feel spaced out after my infusion")]
    [InlineData("can side effects start a few days later")]
    public void General_questions_are_not_advice(string message)
    {
        var match = Matcher.Value.Match(message);

        Assert.False(match?.Rule.Kind == TriageKind.Advice, $"'{message}' matched advice phrase '{match?.Phrase.Text}'");
    }

    [Theory]
    [InlineData("hi")]
    [InlineData("Hello!")]
    [InlineData("thanks!")]
    [InlineData("thank you so much")]
    [InlineData("bye")]
    [InlineData("are you a bot?")]
    [InlineData("ta")]
    [InlineData("cheers")]
    [InlineData("thank u")]
    [InlineData("how are you today?")]
    [InlineData("who am i talking to?")]
    [InlineData("are you a real person?")]
    [InlineData("what can i ask you?")]
    [InlineData("what do you know about?")]
    [InlineData("see ya")]
    [InlineData("that's all")]
    [InlineData("night")]
    [InlineData("goodnight!")]
    [InlineData("who made you")]
    [InlineData("is there a human i can talk to")]
    [InlineData("what are you exactly")]
    [InlineData("morning!")]
    [InlineData("nite nite")]
    public void Greetings_and_thanks_are_smalltalk(string message)
    {
        var match = Matcher.Value.Match(message);

        Assert.True(match?.Rule.Kind == TriageKind.Smalltalk, $"'{message}' matched {match?.Rule.Name ?? "nothing"}");
    }

    [Fact]
    public void Emergency_rules_win_over_advice_and_smalltalk()
    {
        var match = Matcher.Value.Match("hi, should i stop my ivig? i cant breathe");

        Assert.Equal(TriageKind.Emergency, match?.Rule.Kind);
    }

    [Fact]
    public void A_negation_in_another_clause_does_not_hide_an_emergency()
    {
        var match = Matcher.Value.Match("no fever, but i cant breathe");

        Assert.Equal(TriageKind.Emergency, match?.Rule.Kind);
    }

    [Theory]
    [InlineData("my calf is hot and fat", "A swollen, painful leg or arm")]
    [InlineData("his eyes rolled back and he went limp", "Fainting, a seizure or collapse")]
    [InlineData("no pee since the drip yesterday", "Little or no urine")]
    [InlineData("my neck is like a plank and my head is banging", "Severe headache with a stiff neck")]
    [InlineData("her face has slumped and she can't raise her arm", "Signs of a stroke")]
    [InlineData("with my mg i can't get my spit down", "Myasthenia gravis: trouble swallowing or breathing")]
    [InlineData("there's a band round my chest", "Chest pain")]
    [InlineData("i'm gulping for air and he's blue round the mouth", "Trouble breathing")]
    [InlineData("my tongue is massive", "Swelling of the face, lips, tongue or throat")]
    [InlineData("I'm going to take all my tablets tonight", "Thoughts of self-harm")]
    [InlineData("honestly I don't see why I should bother staying alive", "Thoughts of self-harm")]
    [InlineData("I've never had chest pain like this", "Chest pain")]
    [InlineData("never had a stiff neck this bad", "Severe headache with a stiff neck")]
    [InlineData("it's not heartburn, I've never had a pain like this in my chest", "Chest pain")]
    [InlineData("my mum had her infusion this morning and now her left arm feels weak and heavy", "Signs of a stroke")]
    public void A_warning_sign_in_lay_words_matches_its_rule(string message, string rule)
    {
        Assert.Equal(rule, Matcher.Value.Match(message)?.Rule.Name);
    }

    [Theory]
    [InlineData("i don't have a stiff neck, only a headache", true)]
    [InlineData("no chest pain, just a rash", true)]
    [InlineData("I haven't had any trouble breathing", true)]
    [InlineData("my neck is stiff and I haven't stopped being sick", false)]
    [InlineData("I haven't had a wee since the drip", false)]
    [InlineData("what is a stiff neck a sign of", false)]
    public void A_denied_warning_sign_is_told_from_one_that_is_there(string message, bool denies)
    {
        var reading = Matcher.Value.Read(message);
        Assert.Equal(denies, reading.DeniesWarningSign);
        var match = Matcher.Value.Match(message);
        Assert.Equal(match?.Phrase, reading.Match?.Phrase);
        Assert.Equal(match?.OtherTokens, reading.Match?.OtherTokens);
    }

    [Theory]
    [InlineData("no chest pain but my throat is swelling up", true)]
    [InlineData("i don't have a stiff neck but i can't breathe properly", true)]
    [InlineData("my throat is swelling up", false)]
    public void One_reading_finds_a_warning_sign_said_beside_one_denied(string message, bool denies)
    {
        var reading = Matcher.Value.Read(message);
        Assert.Equal(TriageKind.Emergency, reading.Match?.Rule.Kind);
        Assert.Equal(denies, reading.DeniesWarningSign);
        Assert.Equal(denies, reading.HasNegation);
    }

    [Theory]
    [InlineData("how long does an infusion take", false)]
    [InlineData("i haven't had my infusion yet", true)]
    [InlineData("there's a heavy squeeze in my ribs that's not going away", false)]
    [InlineData("the ache isn't getting any better", false)]
    [InlineData("paracetamol didn't help at all", false)]
    [InlineData("it's not getting better and i haven't slept", true)]
    [InlineData("i'm not going to the party", true)]
    public void A_message_without_a_phrase_still_tells_whether_it_has_a_negation(string message, bool negated)
    {
        var reading = Matcher.Value.Read(message);
        Assert.Null(reading.Match);
        Assert.False(reading.DeniesWarningSign);
        Assert.Equal(negated, reading.HasNegation);
    }
}
