using Writer = IvigBot.Semantic.ProtobufWire.Writer;

namespace IvigBot.Semantic;

/// <summary>
/// Makes a BERT-style encoder's last layer compute only the first token ([CLS]), the one output the bot reads: in that
/// layer the keys and values still read every token (the first token attends to all of them), but the query, the
/// residual connection and so everything after them (attention output, layer norms, feed-forward) read the first
/// token alone, through one <c>Slice</c>. Each row of a transformer layer after attention depends only on its own
/// token, so the first token's output is the same as before (to float rounding), and the model's output holds one
/// token per text instead of all of them. On a 16-token question that leaves about a seventh of the model's arithmetic
/// undone. Done on the model's bytes, before <see cref="MatMulQuantizer"/>.
/// </summary>
internal static class LastLayerPruner
{
    // ONNX's field numbers (onnx.proto) and tensor element types.
    private const int GraphNode = 1, GraphInitializer = 5;
    private const int NodeInput = 1;
    private const int Int64Type = 7;

    // How the Hugging Face BERT export names the last layer's projections (the package's model is one).
    private const string Query = "/attention/self/query/", Key = "/attention/self/key/", Value = "/attention/self/value/";

    private const string Starts = "last_layer_pruner_starts", Ends = "last_layer_pruner_ends", Axes = "last_layer_pruner_axes";

    /// <summary>
    /// <paramref name="model"/> with its last layer cut down to the first token; in <paramref name="redirected"/> how
    /// many nodes now read that token alone (2: the query and the residual connection), or 0 if the graph is not shaped
    /// as expected, in which case the model is returned unchanged.
    /// </summary>
    public static OnnxModel KeepFirstToken(OnnxModel model, out int redirected)
    {
        redirected = 0;
        var fields = model.GraphFields.ToList();
        var nodes = fields.Where(f => f.Number == GraphNode).Select(f => OnnxNode.Read(f.Bytes)).ToList();
        var query = nodes.LastOrDefault(n => n is { OpType: "MatMul", Inputs.Count: 2, Outputs.Count: 1 } && n.Outputs[0].Contains(Query, StringComparison.Ordinal));
        if (query is null)
        {
            return model;
        }

        var hidden = query.Inputs[0];
        var readers = nodes.Where(n => n.Inputs.Contains(hidden)).ToList();
        var redirect = readers.Where(n => !n.Outputs[0].Contains(Key, StringComparison.Ordinal) && !n.Outputs[0].Contains(Value, StringComparison.Ordinal)).ToList();
        if (readers.Count != 4 || redirect.Count != 2 || !redirect.Contains(query) || !redirect.Any(n => n.OpType == "Add"))
        {
            return model; // not the query, key, value and residual of one layer: leave the model alone
        }

        var firstToken = hidden + "_first_token";
        var parts = new List<ReadOnlyMemory<byte>>(fields.Count + 4);
        var nodeIndex = 0;
        foreach (var field in fields)
        {
            if (field.Number != GraphNode)
            {
                parts.Add(field.Encoded);
                continue;
            }

            var node = nodes[nodeIndex++];
            if (node == query)
            {
                parts.Add(OnnxNode.Write("Slice", [hidden, Starts, Ends, Axes], firstToken));
            }

            if (!redirect.Contains(node))
            {
                parts.Add(field.Encoded);
                continue;
            }

            var rewritten = new Writer(field.Bytes.Length + 32);
            foreach (var part in ProtobufWire.Fields(field.Bytes))
            {
                if (part.Number == NodeInput && part.Text == hidden)
                {
                    rewritten.String(NodeInput, firstToken);
                }
                else
                {
                    rewritten.Raw(part.Encoded.Span);
                }
            }

            parts.Add(new Writer(field.Bytes.Length + 64).Message(GraphNode, rewritten).Written);
            redirected++;
        }

        // Slice(hidden, starts [0], ends [1], axes [1]): batch x 1 x width.
        var constants = new Writer(256);
        foreach (var (name, value) in new[] { (Starts, 0L), (Ends, 1L), (Axes, 1L) })
        {
            constants.Message(GraphInitializer, OnnxNode.Tensor(name, Int64Type, [1], BitConverter.GetBytes(value)));
        }

        parts.Add(constants.Written);
        return model with { Graph = parts };
    }
}
