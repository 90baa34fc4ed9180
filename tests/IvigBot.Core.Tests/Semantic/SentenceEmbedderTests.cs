using IvigBot.Semantic;

namespace IvigBot.Core.Tests.Semantic;

/// <summary>The model itself, through the process's one encoder (<see cref="SentenceEmbedder.Shared"/>).</summary>
public class SentenceEmbedderTests
{
    private static readonly SentenceEmbedder Embedder = SentenceEmbedder.Shared;

    [Fact]
    public void Vectors_have_the_models_dimensions_and_unit_length()
    {
        var vector = Embedder.EmbedQuery("how long does an infusion take");

        Assert.Equal(SentenceEmbedder.Dimensions, vector.Length);
        Assert.Equal(1, SentenceEmbedder.Cosine(vector, vector), 3);
    }

    [Theory]
    [InlineData("is my kidney function at risk from this drug", "Can IVIG affect my kidneys?", "How long does an IVIG infusion take?")]
    [InlineData("how many hours will I be sitting in the chair for the drip", "How long does an IVIG infusion take?", "Can IVIG affect my kidneys?")]
    [InlineData("does my health insurance pay for the treatment", "Who pays for IVIG?", "Can IVIG affect my kidneys?")]
    public void A_paraphrase_is_closer_to_its_question_than_to_another(string message, string meant, string other)
    {
        var query = Embedder.EmbedQuery(message);
        var documents = Embedder.EmbedDocuments([meant, other]);

        Assert.True(SentenceEmbedder.Cosine(query, documents[0]) > SentenceEmbedder.Cosine(query, documents[1]));
    }

    [Fact]
    public void Documents_come_back_in_the_order_given_whatever_their_length()
    {
        var texts = new[] { "a long text about infusions, nurses, drips, side effects and the day unit, then going home", "IVIG", "headache" };

        var batched = Embedder.EmbedDocuments(texts);

        for (var i = 0; i < texts.Length; i++)
        {
            var alone = Embedder.EmbedDocuments([texts[i]])[0];
            Assert.Equal(1, SentenceEmbedder.Cosine(batched[i], alone), 3);
        }
    }
}
