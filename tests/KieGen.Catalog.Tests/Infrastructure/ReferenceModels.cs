namespace KieGen.Catalog.Tests.Infrastructure;

/// <summary>
/// Kie's unified catalog of October 2026 (<c>tests/Reference/kie-models-2026-10.json</c>, copied beside the tests):
/// one entry per model id with its parameters, variants, top-level fields and documented request examples, plus the
/// old → new id map and the retired ids.
/// </summary>
public static class ReferenceModels
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "reference", "kie-models-2026-10.json"))));

    /// <summary>Every model id: task-creating (Market), synchronous chat and helper models.</summary>
    public static IEnumerable<JsonElement> All => Document.Value.RootElement.GetProperty("models").EnumerateArray();

    /// <summary>Models created through <c>POST /api/v1/jobs/createTask</c>: the catalog's scope.</summary>
    public static IEnumerable<JsonElement> TaskCreating => All.Where(e => e.GetProperty("family").GetString() == "market");

    /// <summary>Task-creating models whose parameters are known: each must have a schema file.</summary>
    public static IEnumerable<JsonElement> Tasks => TaskCreating.Where(e => e.GetProperty("params").ValueKind == JsonValueKind.Array);

    /// <summary>Task-creating models whose parameters no source gave: no file, listed as such in the model table.</summary>
    public static IEnumerable<JsonElement> ParametersNotFound => TaskCreating.Where(e => e.GetProperty("params").ValueKind != JsonValueKind.Array);

    /// <summary>Old id → new id of the renamed models (the former special families).</summary>
    public static IReadOnlyDictionary<string, string> Renamed => Document.Value.RootElement.GetProperty("idMap").EnumerateArray()
        .ToDictionary(m => m.GetProperty("oldId").GetString()!, m => m.GetProperty("newId").GetString()!, StringComparer.Ordinal);

    /// <summary>Old ids Kie retired, with the evidence.</summary>
    public static IReadOnlyDictionary<string, string> Retired => Document.Value.RootElement.GetProperty("retiredOrAbsent").EnumerateArray()
        .Where(m => m.GetProperty("status").GetString()!.StartsWith("retired", StringComparison.Ordinal))
        .ToDictionary(m => m.GetProperty("oldId").GetString()!, m => m.GetProperty("evidence").GetString()!, StringComparer.Ordinal);

    /// <summary>Enum values Kie still lists but labels "(Discontinued)": the values, the live ones, where they apply.</summary>
    public static IEnumerable<JsonElement> DiscontinuedValues => Document.Value.RootElement.GetProperty("discontinuedValues").EnumerateArray();

    public static JsonElement Get(string model) => All.Single(e => Id(e) == model);

    public static string Id(JsonElement entry) => entry.GetProperty("model").GetString()!;

    /// <summary>A member that may be absent or JSON null.</summary>
    public static JsonElement? Optional(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;
}
