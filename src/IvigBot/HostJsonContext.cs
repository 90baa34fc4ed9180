using System.Text.Json.Serialization;
using IvigBot.Apis;
using IvigBot.Hosting;

namespace IvigBot;

/// <summary>Source-generated JSON for the host's own request and response types.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AskRequest))]
[JsonSerializable(typeof(ProblemMessage))]
[JsonSerializable(typeof(HealthStatus))]
[JsonSerializable(typeof(ContentStatus))]
[JsonSerializable(typeof(DirectLineStoreStatus))]
public sealed partial class HostJsonContext : JsonSerializerContext;
