using IvigBot.Answering;
using IvigBot.Semantic;

namespace IvigBot.Core.Tests.Semantic;

public class ConfidenceModelTests
{
    private static readonly ConfidenceModel Model = new();
    private static readonly AnsweringOptions Options = new();

    [Theory]
    // Every word shared and the same meaning: answered.
    [InlineData(1.0, 0.90, 0.0, 0.70, true)]
    // Few words shared ("immunoglobullin", "jargon"), close in meaning and about IVIG: a paraphrase, answered.
    [InlineData(0.19, 0.69, 0.46, 0.69, true)]
    // Many words of one entry ("how long does ... last"), far from what the FAQ is about (a cold): a lure, not answered.
    [InlineData(0.59, 0.55, 0.0, 0.54, false)]
    // "Antibody" and "test" ("where can I get a covid antibody test done"): a lure, not answered.
    [InlineData(0.44, 0.59, 0.0, 0.57, false)]
    // Nothing in common: not answered.
    [InlineData(0.0, 0.40, 1.0, 0.45, false)]
    public void Answers_paraphrases_and_refuses_lures(double lexical, double questionCosine, double unknownShare, double topicality, bool answered)
    {
        var confidence = Model.Confidence(new ConfidenceFeatures(lexical, questionCosine, unknownShare, topicality));

        Assert.InRange(confidence, 0, 1);
        Assert.Equal(answered, confidence >= Options.AnswerThreshold);
    }

    [Fact]
    public void More_words_more_meaning_or_a_closer_topic_never_lower_the_confidence()
    {
        var baseline = new ConfidenceFeatures(0.4, 0.62, 0.2, 0.6);
        var confidence = Model.Confidence(baseline);

        Assert.True(Model.Confidence(baseline with { Lexical = 0.6 }) > confidence);
        Assert.True(Model.Confidence(baseline with { QuestionCosine = 0.7 }) > confidence);
        Assert.True(Model.Confidence(baseline with { Topicality = 0.7 }) > confidence);
        Assert.True(Model.Confidence(baseline with { UnknownShare = 0.6 }) <= confidence);
    }
}
