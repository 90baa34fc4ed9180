namespace IvigBot.Semantic;

/// <summary>
/// An ONNX model as its rewrites (<see cref="LastLayerPruner"/>, <see cref="MatMulQuantizer"/>) see it: the model's own
/// fields, and its graph as encoded pieces (slices of the original bytes and the few new nodes and tensors), so that a
/// rewrite copies nothing it does not change and the whole model is written once, into an array of its exact size,
/// at the end: loading the 90 MB model costs one copy of it, whatever the rewrites (peak RSS at start-up).
/// </summary>
internal sealed record OnnxModel(IReadOnlyList<ProtobufWire.Field> Fields, IReadOnlyList<ReadOnlyMemory<byte>> Graph)
{
    // ONNX's field numbers (onnx.proto).
    private const int ModelGraph = 7;

    /// <summary>The model in <paramref name="bytes"/>, which it slices (no copy).</summary>
    public static OnnxModel Read(ReadOnlyMemory<byte> bytes)
    {
        var fields = ProtobufWire.Fields(bytes).ToList();
        var graph = fields.Single(f => f.Number == ModelGraph);
        return new OnnxModel([.. fields.Where(f => f.Number != ModelGraph)], [.. ProtobufWire.Fields(graph.Bytes).Select(f => f.Encoded)]);
    }

    /// <summary>The graph's fields in order (nodes, initializers, inputs, outputs, ...).</summary>
    public IEnumerable<ProtobufWire.Field> GraphFields => Graph.SelectMany(piece => ProtobufWire.Fields(piece));

    /// <summary>The model's bytes: its fields, then the graph (ONNX Runtime reads fields in any order).</summary>
    public byte[] ToBytes()
    {
        var head = new ProtobufWire.Writer(1024);
        foreach (var field in Fields)
        {
            head.Raw(field.Encoded.Span);
        }

        var length = Graph.Sum(p => p.Length);
        head.Header(ModelGraph, length);
        var output = new byte[head.Written.Length + length];
        head.Written.CopyTo(output);
        var position = head.Written.Length;
        foreach (var piece in Graph)
        {
            piece.CopyTo(output.AsMemory(position));
            position += piece.Length;
        }

        return output;
    }
}

/// <summary>
/// What the rewrites read of a graph node: its operator, domain, inputs and outputs; and how they write new nodes and
/// tensors. Nodes are told apart by identity (two may have the same contents, e.g. no name).
/// </summary>
internal sealed record OnnxNode(string OpType, string Domain, List<string> Inputs, List<string> Outputs)
{
    // ONNX's field numbers (onnx.proto).
    private const int GraphNode = 1;
    private const int NodeInput = 1, NodeOutput = 2, NodeName = 3, NodeOpType = 4, NodeAttribute = 5, NodeDomain = 7;
    private const int TensorDims = 1, TensorDataType = 2, TensorName = 8, TensorRawData = 9;

    public static OnnxNode Read(ReadOnlyMemory<byte> bytes)
    {
        string opType = "", domain = "";
        List<string> inputs = [], outputs = [];
        foreach (var field in ProtobufWire.Fields(bytes))
        {
            switch (field.Number)
            {
                case NodeInput: inputs.Add(field.Text); break;
                case NodeOutput: outputs.Add(field.Text); break;
                case NodeOpType: opType = field.Text; break;
                case NodeDomain: domain = field.Text; break;
            }
        }

        return new OnnxNode(opType, domain, inputs, outputs);
    }

    /// <summary>A new graph node field: <paramref name="opType"/> (of <paramref name="domain"/>, empty for ONNX's own) from <paramref name="inputs"/> to <paramref name="output"/>, named after its output.</summary>
    public static ReadOnlyMemory<byte> Write(string opType, string[] inputs, string output, string domain = "", params ProtobufWire.Writer[] attributes)
    {
        var node = new ProtobufWire.Writer(256);
        foreach (var input in inputs)
        {
            node.String(NodeInput, input);
        }

        node.String(NodeOutput, output).String(NodeName, output + "_node").String(NodeOpType, opType);
        foreach (var attribute in attributes)
        {
            node.Message(NodeAttribute, attribute);
        }

        if (domain.Length > 0)
        {
            node.String(NodeDomain, domain);
        }

        return new ProtobufWire.Writer(node.Written.Length + 8).Message(GraphNode, node).Written;
    }

    /// <summary>A tensor (an initializer's value) of raw little-endian data.</summary>
    public static ProtobufWire.Writer Tensor(string name, int dataType, long[] dims, ReadOnlySpan<byte> raw) =>
        new ProtobufWire.Writer(raw.Length + 64).PackedInt64s(TensorDims, dims).Int64(TensorDataType, dataType).String(TensorName, name).Bytes(TensorRawData, raw);

    public bool Equals(OnnxNode? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}
