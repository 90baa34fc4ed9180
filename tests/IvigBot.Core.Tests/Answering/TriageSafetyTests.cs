using IvigBot.Answering;
using IvigBot.Core.Tests.Infrastructure;

namespace IvigBot.Core.Tests.Answering;

/// <summary>
/// The emergency and advice rules of the shipped faq/triage.md, through the whole answer engine, as patients write:
/// typos, lay words, fragments, third person, and negations that must not raise (or hide) an alarm.
/// </summary>
public class TriageSafetyTests(ShippedEngineFixture shipped) : IClassFixture<ShippedEngineFixture>
{
    [Theory]
    // Breathing
    [InlineData("I can't breathe", "trouble breathing")]
    [InlineData("i cant breth", "trouble breathing")]
    [InlineData("cant get my breath", "trouble breathing")]
    [InlineData("can't catch my breath", "trouble breathing")]
    [InlineData("struggling to breath since the drip started", "trouble breathing")]
    [InlineData("im gasping for air", "trouble breathing")]
    [InlineData("breathing is really hard right now", "trouble breathing")]
    [InlineData("my chest feels tight and i'm wheezy", "trouble breathing")]
    [InlineData("my lips are turning blue", "trouble breathing")]
    // Allergic swelling
    [InlineData("my throat is closing", "allergic reaction")]
    [InlineData("face swolen", "allergic reaction")]
    [InlineData("lips swollen after infusion", "allergic reaction")]
    [InlineData("my tongue feels huge", "allergic reaction")]
    [InlineData("i think im having anaphylaxis", "allergic reaction")]
    [InlineData("anaphylactic reaction", "allergic reaction")]
    // Chest pain
    [InlineData("chest pian", "Chest pain")]
    [InlineData("my chest hurts", "Chest pain")]
    [InlineData("crushing pressure in my chest", "Chest pain")]
    [InlineData("no fever and chest pain", "Chest pain")]
    [InlineData("the tablets didn't help my chest pain", "Chest pain")]
    [InlineData("nothing helps my chest pain", "Chest pain")]
    // Headache with stiff neck
    [InlineData("worst headache ever and stiff neck", "stiff neck")]
    [InlineData("bright light hurts my eyes and bad headache", "stiff neck")]
    // Stroke
    [InlineData("my face is droopy", "stroke")]
    [InlineData("my mum is confused and can't talk properly", "stroke")]
    [InlineData("i suddenly cant feel my left arm", "stroke")]
    [InlineData("cant lift my arm", "stroke")]
    [InlineData("one side of my face went numb", "stroke")]
    // Clots
    [InlineData("leg swollen and painful", "blood clot")]
    [InlineData("my calf hurts and is red and warm", "blood clot")]
    [InlineData("coughing blood", "blood clot")]
    // Kidneys
    [InlineData("havent peed all day", "kidney")]
    [InlineData("i can't pee", "kidney")]
    [InlineData("peeing very little since yesterday", "kidney")]
    [InlineData("my pee is dark brown", "kidney")]
    // Myasthenic crisis
    [InlineData("cant swallow", "myasthenic crisis")]
    [InlineData("my mg is bad and i cant hold my head up", "myasthenic crisis")]
    // Fainting, seizures
    [InlineData("i fainted during the infusion", "faints")]
    [InlineData("passed out", "faints")]
    [InlineData("my son is having a fit", "faints")]
    [InlineData("she collapsed after ivig", "faints")]
    // Said outright
    [InlineData("its an emergency", "chat bot")]
    [InlineData("we need an ambulance", "chat bot")]
    [InlineData("i think i'm dying", "chat bot")]
    [InlineData("something is very wrong with my son after ivig", "chat bot")]
    // Self-harm
    [InlineData("i want to die", "crisis line")]
    [InlineData("i want to end it", "crisis line")]
    [InlineData("thinking of suicide", "crisis line")]
    [InlineData("i dont want to live anymore", "crisis line")]
    [InlineData("i might hurt myself", "crisis line")]
    // Lay words, without the medical term
    [InlineData("i can't get any air in", "trouble breathing")]
    [InlineData("struggling for air since the nurse started the bag", "trouble breathing")]
    [InlineData("i'm so out of breath just sitting here", "trouble breathing")]
    [InlineData("his lips have gone blue", "trouble breathing")]
    [InlineData("my face has gone all puffy after the drip", "allergic reaction")]
    [InlineData("her lips are blowing up like balloons", "allergic reaction")]
    [InlineData("i've got a fat lip and it's getting bigger", "allergic reaction")]
    [InlineData("my tongue feels thick and too big for my mouth", "allergic reaction")]
    [InlineData("my eyes are swelling shut", "allergic reaction")]
    [InlineData("feels like an elephant sitting on my chest", "Chest pain")]
    [InlineData("crushing feeling in my chest", "Chest pain")]
    [InlineData("pain spreading down my arm and into my jaw", "Chest pain")]
    [InlineData("banging headache and i can't bend my neck", "stiff neck")]
    [InlineData("really bad headache and my neck hurts and i keep throwing up", "stiff neck")]
    [InlineData("can't touch my chin to my chest and my head is killing me", "stiff neck")]
    [InlineData("splitting headache and being sick", "stiff neck")]
    [InlineData("my face has dropped on one side", "stroke")]
    [InlineData("my mum's smile is lopsided and she's talking gibberish", "stroke")]
    [InlineData("my words are coming out all jumbled", "stroke")]
    [InlineData("my right arm's gone numb and I can't lift it", "stroke")]
    [InlineData("she doesn't know where she is", "stroke")]
    [InlineData("my calf is hot and swollen", "blood clot")]
    [InlineData("my leg is red and puffed up and really hurts", "blood clot")]
    [InlineData("my arm is swollen and looks bluish", "blood clot")]
    [InlineData("one leg is much bigger than the other and it's hot", "blood clot")]
    [InlineData("i think i have a clot in my calf", "blood clot")]
    [InlineData("haven't had a wee since the infusion and my ankles are puffy", "kidney")]
    [InlineData("i've not weed all day", "kidney")]
    [InlineData("barely passing water since yesterday", "kidney")]
    [InlineData("hardly any urine since my ivig and my legs are swollen", "kidney")]
    [InlineData("my son hasn't urinated since his infusion", "kidney")]
    [InlineData("my baby has had dry nappies since the drip", "kidney")]
    [InlineData("can't swallow properly, my mg is bad", "myasthenic crisis")]
    [InlineData("it's getting hard to swallow and my voice is fading", "myasthenic crisis")]
    [InlineData("my head keeps dropping forward, i have myasthenia", "myasthenic crisis")]
    [InlineData("he's shaking and jerking all over", "faints")]
    [InlineData("she's not responding to me", "faints")]
    [InlineData("i feel like i'm going to pass out", "faints")]
    [InlineData("my son is having seizures", "faints")]
    [InlineData("everyone would be better off without me", "crisis line")]
    [InlineData("i've got the pills ready", "crisis line")]
    [InlineData("i don't want to be here anymore", "crisis line")]
    [InlineData("i wish i could go to sleep and never wake up", "crisis line")]
    [InlineData("nobody would miss me if i was gone", "crisis line")]
    [InlineData("what's the point of living like this", "crisis line")]
    [InlineData("lips have gone really big and puffy", "allergic reaction")]
    [InlineData("my chest is killing me", "Chest pain")]
    [InlineData("bad pain behind my breastbone", "Chest pain")]
    [InlineData("my head is exploding and bright lights hurt", "stiff neck")]
    [InlineData("my neck hurts when i bend my head forward and i've got a fever", "stiff neck")]
    [InlineData("half my face won't move", "stroke")]
    [InlineData("i can't feel the left side of my body", "stroke")]
    [InlineData("i keep needing to pee but nothing comes out", "kidney")]
    [InlineData("everything i drink comes back out of my nose", "myasthenic crisis")]
    [InlineData("my wife is shaking uncontrollably and won't answer me", "faints")]
    [InlineData("i don't see the point in going on", "crisis line")]
    [InlineData("everyone would be happier if i wasn't around", "crisis line")]
    [InlineData("i feel like i can't go on", "crisis line")]
    [InlineData("i'm going to take all my tablets", "crisis line")]
    [InlineData("my tongue feels fat", "allergic reaction")]
    [InlineData("my ankles are really puffy and i've barely been to the toilet", "kidney")]
    [InlineData("very little wee today", "kidney")]
    [InlineData("she went floppy and isn't responding", "faints")]
    [InlineData("his arms and legs are jerking", "faints")]
    [InlineData("i have the pills ready", "crisis line")]
    [InlineData("i've been thinking of ending it", "crisis line")]
    [InlineData("my lips look grey and i feel strange", "trouble breathing")]
    [InlineData("i cant fill my lungs properly", "trouble breathing")]
    [InlineData("one arm is fatter than the other and aches", "blood clot")]
    [InlineData("the back of my leg is throbbing and hot to touch", "blood clot")]
    [InlineData("i'm not passing much urine since the drip", "kidney")]
    [InlineData("i haven't needed the toilet since my treatment", "kidney")]
    [InlineData("his speech has gone slurry", "stroke")]
    [InlineData("neck feels rigid and my head is pounding", "stiff neck")]
    [InlineData("my mg is playing up and i cant get my food down", "myasthenic crisis")]
    [InlineData("he slumped over at the table", "faints")]
    // A warning sign inside an ordinary question or after a greeting
    [InlineData("hi, what is ivig? also i cant breathe", "trouble breathing")]
    [InlineData("should i skip my next infusion, my chest hurts", "Chest pain")]
    public void Warning_signs_get_the_emergency_reply_first(string message, string replyMentions)
    {
        var result = shipped.Engine.Answer(message);

        Assert.True(result.Kind == AnswerKind.Emergency, $"'{message}' got {result.Kind}");
        var firstLine = result.Text.Split('\n')[0];
        Assert.StartsWith("**", firstLine, StringComparison.Ordinal);
        Assert.Contains("emergency", firstLine, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(replyMentions, result.Text, StringComparison.Ordinal);
        Assert.Empty(result.Suggestions);
    }

    [Theory]
    [InlineData("no chest pain, just a headache", "headache-after-ivig")]
    [InlineData("no chest pain just a mild headache after ivig", null)]
    [InlineData("i do not have trouble breathing, just tired", "tiredness-after-ivig")]
    [InlineData("not short of breath, just achy", null)] // no alarm; too vague in meaning for the "IVIG flu" answer (semantic confidence)
    [InlineData("no swelling in my legs, just a rash", null)]
    [InlineData("i dont have chest pain", null)]
    [InlineData("no trouble breathing but i feel sick", null)]
    [InlineData("never had chest pain with ivig", null)]
    [InlineData("i haven't had any trouble breathing", null)]
    [InlineData("no fever or chest pain, is the tiredness normal", null)]
    [InlineData("what are the side effects of ivig", "common-side-effects")]
    [InlineData("can ivig cause kidney problems", null)]
    [InlineData("no swelling in my face or lips", null)]
    [InlineData("no puffy lips or face", null)]
    [InlineData("no chest pain or heaviness", null)]
    [InlineData("i haven't had a swollen calf", null)]
    [InlineData("never had a headache with vomiting", null)]
    [InlineData("no slurred speech", null)]
    [InlineData("i haven't blacked out", null)]
    [InlineData("never passed out", null)]
    [InlineData("no dark pee", null)]
    [InlineData("what is aseptic meningitis?", null)]
    [InlineData("is a headache normal after ivig?", "headache-after-ivig")]
    [InlineData("can ivig cause blood clots in the legs", null)]
    [InlineData("can ivig cause a stroke", null)]
    [InlineData("what does a myasthenic crisis look like", null)]
    [InlineData("does ivig help autoimmune encephalitis with seizures", null)]
    [InlineData("how do i know if i'm allergic to ivig", null)]
    [InlineData("does ivig affect the kidneys", null)]
    [InlineData("when should i call 911 after ivig", null)]
    [InlineData("i'm not seeing any improvement after three infusions", null)]
    // A condition described in the patient's own words, asking what IVIG does for it
    [InlineData("tingling started in my feet and the weakness is climbing up my legs, how does ivig help", null)]
    [InlineData("my legs have gone weak and numb over a week and now my arms too, will the drip help", null)]
    [InlineData("my platelets are low and i'm covered in bruises and little purple spots on my legs, can ivig help", null)]
    [InlineData("i get nosebleeds and blood comes out of my nose easily because of low platelets, will ivig fix it", null)]
    [InlineData("her hands and feet are red and puffy and she has a high temperature, why would they give ivig", null)]
    [InlineData("my voice gets weak and nasal when i talk a lot, will ivig help my myasthenia", null)]
    [InlineData("sometimes my speech gets slurred when i'm tired with mg, does ivig help", null)]
    [InlineData("my arm was bruised and sore after the cannula, is that normal", null)]
    [InlineData("my right arm hurts", null)]
    [InlineData("the right side of my head hurts", "headache-after-ivig")]
    [InlineData("can i go out in the cold after ivig", null)]
    [InlineData("i went to the toilet once during the infusion, is that ok", null)]
    [InlineData("my face fell when i saw the bill", null)]
    [InlineData("i have had a clot before, does ivig raise the risk", null)]
    // Words that only look like a rule's phrase: "double vision ... my", "a chance I'll react to", "less rough next time", someone else's crisis
    [InlineData("i get double vision and my jaw gets tired, can ivig help with that", null)]
    [InlineData("is there a chance i'll react to it", null)]
    [InlineData("any way to feel less rough next time", null)]
    [InlineData("a friend told me about having an mg crisis last year, what is that", null)]
    [InlineData("i've got a history of dvt, is ivig safe for me", null)]
    public void Negated_or_ordinary_messages_do_not_raise_an_alarm(string message, string? expectedEntry)
    {
        var result = shipped.Engine.Answer(message);

        Assert.True(result.Kind is not (AnswerKind.Emergency or AnswerKind.Advice), $"'{message}' got {result.Kind}");
        Assert.DoesNotContain("Call emergency services now", result.Text, StringComparison.Ordinal);
        if (expectedEntry is not null)
        {
            Assert.Equal(expectedEntry, result.Id);
        }
    }

    [Theory]
    [InlineData("should i stop my ivig")]
    [InlineData("can i skip my next infusion")]
    [InlineData("how much ivig should i take")]
    [InlineData("what dose should i get")]
    [InlineData("should i switch to scig")]
    [InlineData("can i double my dose")]
    [InlineData("should i take benadryl before ivig")]
    [InlineData("can i take tylenol before my infusion")]
    [InlineData("is it ok to stop ivig cold turkey")]
    [InlineData("can i delay my infusion by a week")]
    [InlineData("shud i skip a dose")]
    [InlineData("should my son have ivig")]
    [InlineData("i missed my infusion last week, should i have a double dose next time")]
    [InlineData("can i catch up on the one i missed")]
    [InlineData("can they run the drip faster so i'm not there all day")]
    [InlineData("could the nurse speed it up a bit")]
    [InlineData("how many grams per kilo should i have, i weigh 80kg")]
    [InlineData("can i space my infusions out to every 6 weeks")]
    [InlineData("could i have it less often")]
    [InlineData("can i move the date of my next infusion")]
    [InlineData("i'd like to bring my infusion forward a week")]
    [InlineData("i'm pregnant, can i carry on with ivig")]
    [InlineData("i'm breastfeeding, is it ok to keep having my infusions")]
    [InlineData("can i take my methotrexate the same day as ivig")]
    [InlineData("how many painkillers can i take after my infusion")]
    [InlineData("can i have an antihistamine before ivig and how much")]
    [InlineData("how much paracetamol can i give my son after his ivig")]
    [InlineData("can i halve my dose")]
    [InlineData("could i take half my usual dose")]
    [InlineData("can i switch brands")]
    [InlineData("can i have it under the skin instead")]
    [InlineData("could i go onto subcutaneous instead")]
    [InlineData("is it ok to skip one")]
    [InlineData("can i still have my infusion if i have a cold")]
    [InlineData("i forgot my infusion yesterday, should i go today or wait")]
    [InlineData("the drip is so slow, can they turn it up")]
    [InlineData("can i go every 5 weeks instead of every 4")]
    [InlineData("can i postpone my ivig until after my holiday")]
    [InlineData("i just found out i'm expecting, should i keep having ivig")]
    [InlineData("can i take co-codamol after my infusion")]
    [InlineData("i'd rather do subcutaneous injections")]
    [InlineData("i don't want my next infusion")]
    [InlineData("can i have twice as much next time to catch up")]
    [InlineData("can i get it run quicker")]
    [InlineData("can the nurse up the speed of the drip")]
    [InlineData("should i be on a higher dose")]
    [InlineData("can i have an extra infusion to catch up")]
    [InlineData("can i have my covid vaccine the same day as ivig")]
    [InlineData("could they up my dose")]
    [InlineData("is it ok to have my methotrexate the day before ivig")]
    [InlineData("can i catch up next time")]
    public void Personal_treatment_decisions_are_referred_to_the_care_team(string message)
    {
        var result = shipped.Engine.Answer(message);

        Assert.True(result.Kind == AnswerKind.Advice, $"'{message}' got {result.Kind}");
        Assert.StartsWith("That is an important decision about your own treatment", result.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what should i bring to my ivig infusion")]
    [InlineData("When should I call my care team after IVIG?")]
    [InlineData("what are the different brands of ivig")]
    [InlineData("i feel spaced out after my infusion")]
    [InlineData("how do i catch up on sleep after infusion day")]
    [InlineData("can side effects start a few days later")]
    [InlineData("how much will i need to pay for ivig")]
    [InlineData("will i have to keep having ivig forever")]
    [InlineData("is there a higher rate of side effects with the first infusion")]
    [InlineData("can ivig be given under the skin")]
    [InlineData("how can i speed up recovery after an infusion")]
    [InlineData("i've had half my infusions and nothing has changed yet")]
    [InlineData("does it take more than one infusion to work")]
    [InlineData("is ivig stopping my cidp getting worse")]
    [InlineData("i keep spacing out after infusions")]
    [InlineData("i have red spots under the skin")]
    [InlineData("why do they give you antihistamines before the drip")]
    [InlineData("peeing less after ivig")]
    [InlineData("do i still take my mg tablets with ivig")]
    [InlineData("do they speed it up if you are doing well")]
    [InlineData("do some people have it under the skin instead")]
    [InlineData("what is ivig flu")]
    [InlineData("does a higher dose mean more side effects")]
    [InlineData("how can i catch up after a long infusion day")]
    public void Questions_that_merely_contain_should_are_answered(string message)
    {
        Assert.NotEqual(AnswerKind.Advice, shipped.Engine.Answer(message).Kind);
    }
}
