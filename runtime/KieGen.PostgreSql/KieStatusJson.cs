using System.Text.Json.Serialization;
using KieGen.Tasks;

namespace KieGen.PostgreSql;

/// <summary>Source-generated JSON for the statuses kept in <c>kiegen_completions</c> (no reflection: AOT- and trim-safe).</summary>
[JsonSerializable(typeof(KieTaskStatus))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
internal sealed partial class KieStatusJson : JsonSerializerContext;
