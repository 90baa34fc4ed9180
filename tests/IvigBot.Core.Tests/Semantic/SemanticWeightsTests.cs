using IvigBot.Semantic;

namespace IvigBot.Core.Tests.Semantic;

public class SemanticWeightsTests
{
    private static readonly SemanticWeights Weights = new();

    [Theory]
    [InlineData(0.30, 0.0)]
    [InlineData(0.55, 0.0)]
    [InlineData(0.65, 0.5)]
    [InlineData(0.75, 1.0)]
    [InlineData(0.95, 1.0)]
    public void Closeness_maps_the_cosine_between_floor_and_ceiling_onto_0_to_1(double cosine, double closeness)
    {
        Assert.Equal(closeness, Weights.Closeness(cosine), 6);
    }

    [Theory]
    [InlineData(1.0, 0.95, 1.0)]
    [InlineData(0.0, 0.30, 0.0)]
    [InlineData(1.0, 0.30, 0.6)] // every word shared, nothing of the meaning: a lure
    [InlineData(0.3, 0.75, 0.58)] // few words shared, the same meaning: a paraphrase
    public void Confidence_blends_words_and_meaning(double lexical, double cosine, double confidence)
    {
        Assert.Equal(confidence, Weights.Confidence(lexical, cosine), 6);
    }
}
