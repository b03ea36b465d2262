using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using KieGen.Models;

namespace KieGen.Tests.Shared;

/// <summary>
/// The request examples of Kie's documentation (tests/Reference/kie-models-2026-10.json, copied beside the tests) for
/// the catalog's models, read once per test run. Linked into the test projects that replay them.
/// </summary>
internal static class ReferenceExamples
{
    /// <summary>Example keys the docs misspell with stray whitespace; sent trimmed, as the catalog's schema has them.</summary>
    private static readonly Dictionary<string, string> TrimmedKeys = new() { ["reference_image "] = "reference_image" };

    private static readonly Lazy<Dictionary<string, JsonElement>> Examples = new(() =>
    {
        using var reference = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "reference", "kie-models-2026-10.json")));
        // Chat and synchronous helper models are not in the catalog: they create no task.
        return reference.RootElement.GetProperty("models").EnumerateArray()
            .Where(e => KieGenCatalog.Models.TryGet(e.GetProperty("model").GetString()!, out _))
            .ToDictionary(e => e.GetProperty("model").GetString()!, e => e.GetProperty("examples").Clone(), StringComparer.Ordinal);
    });

    /// <summary>(model, index) of every example, or of each model's first example only.</summary>
    public static IEnumerable<(string Model, int Index)> All(bool firstOnly = false) =>
        Examples.Value.SelectMany(e => Enumerable.Range(0, firstOnly ? Math.Min(1, e.Value.GetArrayLength()) : e.Value.GetArrayLength()).Select(i => (e.Key, i)));

    /// <summary>The example's JSON text, with the docs' misspelled keys trimmed.</summary>
    public static string Json(string model, int index) =>
        TrimmedKeys.Aggregate(Examples.Value[model][index].GetRawText(), (text, rename) => text.Replace($"\"{rename.Key}\"", $"\"{rename.Value}\"", StringComparison.Ordinal));
}
