using System.Runtime.InteropServices;
using Writer = IvigBot.Semantic.ProtobufWire.Writer;

namespace IvigBot.Semantic;

/// <summary>
/// Dynamic int8 quantization of an ONNX model's weight matrices, done on the model's bytes: every <c>MatMul</c> whose
/// second input is a 2-D float initializer becomes ONNX Runtime's <c>MatMulIntegerToFloat</c> (domain
/// <c>com.microsoft</c>) over int8 weights (7 bits of them, <see cref="WeightLevels"/>) with one scale per output column (symmetric: zero point 0), fed by its
/// input quantized to uint8 at run time with one scale per row (per token: symmetric, zero point 128), by a few
/// standard nodes added before it (shared by the MatMuls of one input, e.g. query, key and value). A scale per row
/// keeps a text's vector independent of the other texts in its batch (ONNX Runtime's own <c>DynamicQuantizeMatMul</c>
/// takes one range over the whole batch, so a message's vector would change with the company it arrives in), and
/// follows the large values of some tokens without coarsening the others. Everything else (embeddings, biases, layer
/// norms, softmax, the attention products) stays in float. The weights shrink 4x and the model's arithmetic, which
/// is most of an answer's time, costs much less.
/// </summary>
internal static class MatMulQuantizer
{
    private const string MicrosoftDomain = "com.microsoft";

    // ONNX's field numbers (onnx.proto) and tensor element types.
    private const int ModelOpsetImport = 8;
    private const int OpsetDomain = 1, OpsetVersion = 2;
    private const int GraphNode = 1, GraphInitializer = 5;
    private const int AttributeName = 1, AttributeInt = 3, AttributeInts = 8, AttributeType = 20;
    private const int AttributeTypeInt = 2, AttributeTypeInts = 7;
    private const int TensorDims = 1, TensorDataType = 2, TensorName = 8, TensorRawData = 9;
    private const int FloatType = 1, UInt8Type = 2, Int8Type = 3;

    /// <summary>
    /// The largest magnitude of a quantized weight: 7 bits, not 8. On x86 processors without VNNI (AVX2, and AVX-512
    /// before Cascade Lake), ONNX Runtime multiplies uint8 inputs by int8 weights with an instruction that adds two
    /// products in 16 bits and saturates: 2 x 255 x 127 overflows, 2 x 255 x 63 cannot. With 8-bit weights, a clinic's
    /// older server would quietly get distorted vectors (ONNX Runtime's own quantizer has "reduce_range" for this).
    /// </summary>
    internal const int WeightLevels = 63;

    // The constants the activation quantization shares.
    private const string InverseOf127 = "matmul_quantizer_inverse_of_127";
    private const string OneTwentySeven = "matmul_quantizer_127";
    private const string SmallestScale = "matmul_quantizer_smallest_scale";
    private const string RoundedZeroPoint = "matmul_quantizer_128_5";
    private const string ActivationZeroPoint = "matmul_quantizer_activation_zero_point";

    /// <summary>The model <paramref name="model"/> with its weight <c>MatMul</c>s quantized; how many there were in <paramref name="quantized"/>.</summary>
    public static OnnxModel Quantize(OnnxModel model, out int quantized)
    {
        var graph = QuantizeGraph([.. model.GraphFields], out quantized);
        var declared = model.Fields.Where(f => f.Number == ModelOpsetImport)
            .Any(f => ProtobufWire.Fields(f.Bytes).Any(o => o.Number == OpsetDomain && o.Text == MicrosoftDomain));
        if (quantized == 0 || declared)
        {
            return model with { Graph = graph };
        }

        var opset = new Writer(64).Message(ModelOpsetImport, new Writer(32).String(OpsetDomain, MicrosoftDomain).Int64(OpsetVersion, 1)).Written;
        return new OnnxModel([.. model.Fields, .. ProtobufWire.Fields(opset)], graph);
    }

    /// <summary>The graph's fields, rewritten, as pieces to put together: slices of the original and new fields.</summary>
    private static List<ReadOnlyMemory<byte>> QuantizeGraph(List<ProtobufWire.Field> fields, out int quantized)
    {
        var nodes = fields.Where(f => f.Number == GraphNode).Select(f => OnnxNode.Read(f.Bytes)).ToList();
        var weights = fields.Where(f => f.Number == GraphInitializer).Select(f => Tensor.Read(f.Bytes)).ToDictionary(t => t.Name, StringComparer.Ordinal);
        var uses = nodes.SelectMany(n => n.Inputs).Where(i => i.Length > 0).GroupBy(i => i, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var plans = new Dictionary<OnnxNode, Tensor>();
        foreach (var node in nodes)
        {
            if (node is { OpType: "MatMul", Domain: "", Inputs.Count: 2, Outputs.Count: 1 }
                && weights.TryGetValue(node.Inputs[1], out var weight) && weight.IsFloatMatrix && uses[weight.Name] == 1)
            {
                plans[node] = weight;
            }
        }

        var quantizedWeights = plans.Values.ToDictionary(w => w.Name, StringComparer.Ordinal);
        var parts = new List<ReadOnlyMemory<byte>>(fields.Count + (plans.Count * 8));
        var quantizedInputs = new HashSet<string>(StringComparer.Ordinal);
        var nodeIndex = 0;
        foreach (var field in fields)
        {
            if (field.Number == GraphNode)
            {
                var node = nodes[nodeIndex++];
                if (plans.TryGetValue(node, out var weight))
                {
                    if (quantizedInputs.Add(node.Inputs[0]))
                    {
                        parts.AddRange(QuantizeRows(node.Inputs[0]));
                    }

                    parts.Add(IntegerMatMul(node, weight));
                }
                else
                {
                    parts.Add(field.Encoded);
                }
            }
            else if (field.Number == GraphInitializer && quantizedWeights.TryGetValue(Tensor.NameOf(field.Bytes), out var tensor))
            {
                parts.Add(QuantizedWeights(tensor));
            }
            else
            {
                parts.Add(field.Encoded);
            }
        }

        if (plans.Count > 0)
        {
            parts.Add(new Writer(256)
                .Message(GraphInitializer, Tensor.Write(InverseOf127, FloatType, [], BitConverter.GetBytes(1f / 127)))
                .Message(GraphInitializer, Tensor.Write(OneTwentySeven, FloatType, [], BitConverter.GetBytes(127f)))
                .Message(GraphInitializer, Tensor.Write(SmallestScale, FloatType, [], BitConverter.GetBytes(1e-30f)))
                .Message(GraphInitializer, Tensor.Write(RoundedZeroPoint, FloatType, [], BitConverter.GetBytes(128.5f)))
                .Message(GraphInitializer, Tensor.Write(ActivationZeroPoint, UInt8Type, [], [128]))
                .Written);
        }

        quantized = plans.Count;
        return parts;
    }

    /// <summary>
    /// The nodes that quantize <paramref name="input"/> row by row: scale = max(|row|) / 127; quantized = the row x
    /// (127 / max(|row|)) + 128, rounded (adding 128.5 then truncating, which the cast to uint8 does: the values lie in
    /// 1.5..255.5). Multiplying the row by its inverse scale, worked out once per row, costs much less than dividing it.
    /// </summary>
    private static IEnumerable<ReadOnlyMemory<byte>> QuantizeRows(string input)
    {
        var magnitude = input + "_abs";
        var largest = input + "_row_max";
        var positive = input + "_row_max_positive";
        var inverse = input + "_row_inverse_scale";
        var divided = input + "_divided";
        var shifted = input + "_shifted";
        yield return NewNode("Abs", [input], magnitude);
        yield return NewNode("ReduceMax", [magnitude], largest, new Writer(32).String(AttributeName, "axes").Int64(AttributeType, AttributeTypeInts).PackedInt64s(AttributeInts, [-1]),
            new Writer(32).String(AttributeName, "keepdims").Int64(AttributeType, AttributeTypeInt).Int64(AttributeInt, 1));
        yield return NewNode("Max", [largest, SmallestScale], positive);
        yield return NewNode("Mul", [positive, InverseOf127], RowScale(input));
        yield return NewNode("Div", [OneTwentySeven, positive], inverse);
        yield return NewNode("Mul", [input, inverse], divided);
        yield return NewNode("Add", [divided, RoundedZeroPoint], shifted);
        yield return NewNode("Cast", [shifted], RowValues(input), new Writer(32).String(AttributeName, "to").Int64(AttributeType, AttributeTypeInt).Int64(AttributeInt, UInt8Type));
    }

    private static ReadOnlyMemory<byte> IntegerMatMul(OnnxNode matMul, Tensor weight) =>
        OnnxNode.Write(
            "MatMulIntegerToFloat",
            [RowValues(matMul.Inputs[0]), WeightValues(weight), RowScale(matMul.Inputs[0]), WeightScales(weight), ActivationZeroPoint, WeightZeroPoints(weight)],
            matMul.Outputs[0],
            MicrosoftDomain);

    private static ReadOnlyMemory<byte> NewNode(string opType, string[] inputs, string output, params Writer[] attributes) =>
        OnnxNode.Write(opType, inputs, output, "", attributes);

    private static string RowScale(string input) => input + "_row_scale";

    private static string RowValues(string input) => input + "_quantized";

    private static string WeightValues(Tensor weight) => weight.Name + "_quantized";

    private static string WeightScales(Tensor weight) => weight.Name + "_scale";

    private static string WeightZeroPoints(Tensor weight) => weight.Name + "_zero_point";

    /// <summary>The graph's initializer fields for the int8 weights, their scales and zero points.</summary>
    private static ReadOnlyMemory<byte> QuantizedWeights(Tensor weight)
    {
        var (rows, columns) = ((int)weight.Dims[0], (int)weight.Dims[1]);
        var (values, scales) = QuantizeColumns(MemoryMarshal.Cast<byte, float>(weight.RawData.Span), rows, columns);
        return new Writer(values.Length + (5 * columns) + 512)
            .Message(GraphInitializer, Tensor.Write(WeightValues(weight), Int8Type, [rows, columns], MemoryMarshal.AsBytes(values.AsSpan())))
            .Message(GraphInitializer, Tensor.Write(WeightScales(weight), FloatType, [columns], MemoryMarshal.AsBytes(scales.AsSpan())))
            .Message(GraphInitializer, Tensor.Write(WeightZeroPoints(weight), Int8Type, [columns], new byte[columns]))
            .Written;
    }

    /// <summary>Weights (K rows, N columns) as int8 and a scale per column: column n's largest magnitude maps to <see cref="WeightLevels"/>.</summary>
    internal static (sbyte[] Values, float[] Scales) QuantizeColumns(ReadOnlySpan<float> weights, int rows, int columns)
    {
        var scales = new float[columns];
        for (var k = 0; k < rows; k++)
        {
            var row = weights.Slice(k * columns, columns);
            for (var n = 0; n < columns; n++)
            {
                scales[n] = MathF.Max(scales[n], MathF.Abs(row[n]));
            }
        }

        for (var n = 0; n < columns; n++)
        {
            scales[n] = scales[n] > 0 ? scales[n] / WeightLevels : 1f;
        }

        var values = new sbyte[rows * columns];
        for (var k = 0; k < rows; k++)
        {
            for (var n = 0; n < columns; n++)
            {
                var i = (k * columns) + n;
                values[i] = (sbyte)Math.Clamp(MathF.Round(weights[i] / scales[n], MidpointRounding.ToEven), -WeightLevels, WeightLevels);
            }
        }

        return (values, scales);
    }

    private sealed record Tensor(string Name, int DataType, long[] Dims, ReadOnlyMemory<byte> RawData)
    {
        /// <summary>A float matrix stored as raw little-endian data (ONNX's usual form for weights).</summary>
        public bool IsFloatMatrix => DataType == FloatType && Dims.Length == 2 && RawData.Length == Dims[0] * Dims[1] * sizeof(float) && BitConverter.IsLittleEndian;

        public static Tensor Read(ReadOnlyMemory<byte> bytes)
        {
            string name = "";
            var dataType = 0;
            List<long> dims = [];
            var raw = ReadOnlyMemory<byte>.Empty;
            foreach (var field in ProtobufWire.Fields(bytes))
            {
                switch (field.Number)
                {
                    case TensorDims: dims.AddRange(ProtobufWire.Int64s(field)); break;
                    case TensorDataType: dataType = (int)field.Varint; break;
                    case TensorName: name = field.Text; break;
                    case TensorRawData: raw = field.Bytes; break;
                }
            }

            return new Tensor(name, dataType, [.. dims], raw);
        }

        public static string NameOf(ReadOnlyMemory<byte> bytes) =>
            ProtobufWire.Fields(bytes).FirstOrDefault(f => f.Number == TensorName).Text;

        public static Writer Write(string name, int dataType, long[] dims, ReadOnlySpan<byte> raw) => OnnxNode.Tensor(name, dataType, dims, raw);
    }
}
