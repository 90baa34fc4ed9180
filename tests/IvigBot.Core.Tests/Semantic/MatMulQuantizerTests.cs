using System.Runtime.InteropServices;
using IvigBot.Semantic;
using Microsoft.ML.OnnxRuntime;
using Writer = IvigBot.Semantic.ProtobufWire.Writer;

namespace IvigBot.Core.Tests.Semantic;

/// <summary>
/// The rewrite on a small graph made here (Y = X·W + b, then Z = Y·V with V an input, not a weight), run by ONNX
/// Runtime before and after; and on the shipped model.
/// </summary>
public class MatMulQuantizerTests
{
    private const int Rows = 3, Inner = 64, Columns = 16, Last = 5;

    [Fact]
    public void A_weight_matmul_becomes_int8_and_gives_what_the_float_graph_gives()
    {
        var random = new Random(20261206);
        var weights = Numbers(random, Inner * Columns, 0.2f);
        var bias = Numbers(random, Columns, 1f);
        var model = TinyModel(weights, bias);

        var quantized = MatMulQuantizer.Quantize(OnnxModel.Read(model), out var count).ToBytes();

        Assert.Equal(1, count); // X·W; Y·V has no weight to quantize
        var x = Numbers(random, Rows * Inner, 1f);
        var v = Numbers(random, Columns * Last, 1f);
        var expected = Run(model, x, v);
        var actual = Run(quantized, x, v);
        var scale = expected.Max(MathF.Abs);
        Assert.Equal(Rows * Last, actual.Length);
        Assert.All(expected.Zip(actual), pair => Assert.InRange(MathF.Abs(pair.First - pair.Second), 0, 0.02f * scale));
    }

    [Fact]
    public void Every_weight_matrix_of_the_shipped_model_is_quantized_and_the_model_shrinks()
    {
        var model = ArcticEncoder.ShippedModel();

        var quantized = MatMulQuantizer.Quantize(OnnxModel.Read(model), out var count).ToBytes();

        Assert.Equal(6 * 6, count); // six layers: query, key, value, attention output, intermediate, output
        Assert.InRange(quantized.Length, model.Length / 2, model.Length * 2 / 3); // 42 MB of weights down to 11 MB; the word embeddings stay float
    }

    [Theory]
    [InlineData(new[] { 0.5f, -1f, 0.25f, 0f }, new[] { 0f, 0f, 0f, 0f })]
    [InlineData(new[] { 1f, 2f, -3f, 4f, 0.1f, -0.2f }, new[] { 0.03f, -0.04f, 0.05f, 0.06f, 0.07f, -0.08f })]
    public void Each_column_is_scaled_so_that_its_largest_magnitude_is_63_so_that_no_processor_saturates(float[] first, float[] second)
    {
        var columns = first.Length;
        float[] weights = [.. first, .. second];

        var (values, scales) = MatMulQuantizer.QuantizeColumns(weights, 2, columns);

        for (var n = 0; n < columns; n++)
        {
            var largest = MathF.Max(MathF.Abs(first[n]), MathF.Abs(second[n]));
            Assert.Equal(largest == 0 ? 1 : largest / 63, scales[n], 6);
            for (var k = 0; k < 2; k++)
            {
                Assert.InRange(weights[(k * columns) + n] - (values[(k * columns) + n] * scales[n]), -scales[n] / 2, scales[n] / 2);
            }
        }
    }

    private static float[] Numbers(Random random, int count, float range) =>
        [.. Enumerable.Range(0, count).Select(_ => ((float)random.NextDouble() * 2 - 1) * range)];

    private static float[] Run(byte[] model, float[] x, float[] v)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        using var xValue = OrtValue.CreateTensorValueFromMemory(x, [Rows, Inner]);
        using var vValue = OrtValue.CreateTensorValueFromMemory(v, [Columns, Last]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["X", "V"], [xValue, vValue], ["Z"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    // ONNX's field numbers (onnx.proto): the handful a graph of three nodes needs.
    internal static byte[] TinyModel(float[] weights, float[] bias)
    {
        var graph = new Writer()
            .Message(1, Node("MatMul", ["X", "W"], "XW"))
            .Message(1, Node("Add", ["b", "XW"], "Y"))
            .Message(1, Node("MatMul", ["Y", "V"], "Z"))
            .String(2, "tiny")
            .Message(5, Tensor("W", [Inner, Columns], weights))
            .Message(5, Tensor("b", [Columns], bias))
            .Message(11, ValueInfo("X", Rows, Inner))
            .Message(11, ValueInfo("V", Columns, Last))
            .Message(12, ValueInfo("Z", Rows, Last));
        return new Writer()
            .Int64(1, 8) // IR version
            .Message(8, new Writer().String(1, "").Int64(2, 17)) // opset
            .Message(7, graph)
            .Written.ToArray();
    }

    private static Writer Node(string opType, string[] inputs, string output)
    {
        var node = new Writer();
        foreach (var input in inputs)
        {
            node.String(1, input);
        }

        return node.String(2, output).String(3, output + "_node").String(4, opType);
    }

    private static Writer Tensor(string name, long[] dims, float[] values) =>
        new Writer().PackedInt64s(1, dims).Int64(2, 1).String(8, name).Bytes(9, MemoryMarshal.AsBytes(values.AsSpan()));

    private static Writer ValueInfo(string name, long rows, long columns)
    {
        var shape = new Writer()
            .Message(1, new Writer().Int64(1, rows))
            .Message(1, new Writer().Int64(1, columns));
        var tensorType = new Writer().Int64(1, 1).Message(2, shape);
        return new Writer().String(1, name).Message(2, new Writer().Message(1, tensorType));
    }
}
