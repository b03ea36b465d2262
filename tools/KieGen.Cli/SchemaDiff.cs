using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace KieGen.Cli;

/// <summary>The differences between a local schema file and Kie's current one, in words a reviewer can act on.</summary>
internal static class SchemaDiff
{
    /// <summary>Parameters added, removed or changed (limits, types, enums), and changed file members; provenance ignored.</summary>
    /// <param name="local">The file in the folder.</param>
    /// <param name="current">The file made from Kie's document now.</param>
    /// <param name="contractOnly">
    /// Ignore wording (<c>title</c>, <c>description</c>, <c>examples</c>, <c>$comment</c>): what a caller sends and Kie
    /// checks is the contract; descriptions are shortened by the catalog's pipeline and reworded by Kie often, and a daily
    /// drift check that failed on every reworded sentence would be ignored.
    /// </param>
    public static IReadOnlyList<string> Compare(JsonObject local, JsonObject current, bool contractOnly = false)
    {
        if (contractOnly)
        {
            (local, current) = (SchemaWording.Without(local), SchemaWording.Without(current));
        }

        var changes = CompareInput(local, current);
        foreach (var member in local.Select(m => m.Key).Union(current.Select(m => m.Key)).Where(m => m is not ("input" or "$schema") && !m.StartsWith("x-", StringComparison.Ordinal)))
        {
            if (!JsonNode.DeepEquals(local[member], current[member]))
            {
                changes.Add($"'{member}' changed");
            }
        }

        return changes;
    }

    /// <summary>
    /// The differences of the two files' <c>input</c> alone: what a caller sends. Two models whose inputs have none
    /// take the same parameters, which is how a rename shows when Kie names no successor.
    /// </summary>
    public static List<string> CompareInput(JsonObject local, JsonObject current)
    {
        var changes = new List<string>();
        var localInput = local["input"]?["properties"] as JsonObject ?? new JsonObject();
        var currentInput = current["input"]?["properties"] as JsonObject ?? new JsonObject();
        foreach (var (name, _) in currentInput.Where(p => !localInput.ContainsKey(p.Key)))
        {
            changes.Add($"parameter '{name}' added");
        }

        foreach (var (name, _) in localInput.Where(p => !currentInput.ContainsKey(p.Key)))
        {
            changes.Add($"parameter '{name}' removed");
        }

        foreach (var (name, schema) in localInput.Where(p => currentInput.ContainsKey(p.Key)))
        {
            if (!JsonNode.DeepEquals(schema, currentInput[name]))
            {
                changes.Add($"parameter '{name}' changed: {schema?.ToJsonString()} -> {currentInput[name]?.ToJsonString()}");
            }
        }

        var inputRest = new[] { local, current }.Select(f => f["input"] is JsonObject input ? Without(input, "properties") : null).ToArray();
        if (!JsonNode.DeepEquals(inputRest[0], inputRest[1]))
        {
            changes.Add("input's required set, branches or other keywords changed");
        }

        return changes;
    }

    private static JsonObject Without(JsonObject obj, string member)
    {
        var copy = new JsonObject();
        foreach (var (name, value) in obj.Where(m => m.Key != member))
        {
            copy[name] = value?.DeepClone();
        }

        return copy;
    }
}
