using System.Text.Json.Serialization;
using IvigBot.Answering;
using IvigBot.Evaluation;

namespace IvigBot;

/// <summary>Source-generated JSON for the answer result and the evaluation files.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    WriteIndented = false)]
[JsonSerializable(typeof(AnswerResult))]
[JsonSerializable(typeof(EvalQuestion))]
[JsonSerializable(typeof(BenchmarkLine))]
public sealed partial class IvigJsonContext : JsonSerializerContext;
