using KieGen.Requests.Support;

namespace KieGen.Catalog.Tests.Infrastructure;

/// <summary>One way a schema file differs from its reference entry.</summary>
/// <param name="Path">The parameter (<c>multi_prompt[].duration</c>, <c>config.mode</c>), or <c>(model)</c>.</param>
/// <param name="Keyword">What differs: a JSON Schema keyword, <c>missing</c>/<c>extra</c> for parameters, or an endpoint.</param>
public sealed record Difference(string Path, string Keyword, string Detail)
{
    public override string ToString() => $"{Path} {Keyword}: {Detail}";
}

/// <summary>
/// Compares a schema file with the reference entry it was written from: parameter names, required set, types, enum
/// sets, defaults, every limit the reference gives, the oneOf variants and the top-level body fields. A schema may add
/// limits the reference only states in prose.
/// </summary>
public static class ReferenceComparison
{
    private static readonly string[] Limits = { "maxLength", "minLength", "minimum", "maximum", "multipleOf", "pattern" };

    public static List<Difference> Compare(JsonElement reference, CatalogFile file)
    {
        var differences = new List<Difference>();
        var parameters = reference.GetProperty("params").EnumerateArray().ToList();
        CompareObject(parameters, file.Input, "", differences);
        CompareVariants(ReferenceModels.Optional(reference, "variants"), file.Input, differences);
        CompareTopLevel(reference.GetProperty("topLevel"), file, differences);
        return differences;
    }

    /// <summary>
    /// Kie's <c>oneOf</c> input: each variant becomes a branch with the same title, keys and required set. A file that
    /// keeps the union of the branches instead reports one <c>(input) oneOf</c> difference.
    /// </summary>
    private static void CompareVariants(JsonElement? variants, JsonElement input, List<Difference> differences)
    {
        var branches = ReferenceModels.Optional(input, "oneOf");
        if (variants is null)
        {
            if (branches is not null)
            {
                differences.Add(new("(input)", "oneOf", "schema has branches the reference does not give"));
            }

            return;
        }

        if (branches is null)
        {
            differences.Add(new("(input)", "oneOf", $"reference has {variants.Value.GetArrayLength()} variants, schema keeps their union"));
            return;
        }

        var expected = variants.Value.EnumerateArray().ToList();
        var actual = branches.Value.EnumerateArray().ToList();
        if (expected.Count != actual.Count)
        {
            differences.Add(new("(input)", "oneOf", $"reference {expected.Count} variants, schema {actual.Count} branches"));
            return;
        }

        for (var i = 0; i < expected.Count; i++)
        {
            var title = expected[i].GetProperty("title").GetString()!;
            var path = $"(oneOf {title})";
            if (ReferenceModels.Optional(actual[i], "title")?.GetString() != title)
            {
                differences.Add(new(path, "title", $"schema branch {i} is titled {ReferenceModels.Optional(actual[i], "title")?.GetString() ?? "(none)"}"));
            }

            var keys = Names(expected[i], "keys");
            // A branch's keys are the members it takes; "key": false is what it excludes (another branch's required key).
            var branchKeys = ReferenceModels.Optional(actual[i], "properties")?.EnumerateObject()
                .Where(p => p.Value.ValueKind != JsonValueKind.False).Select(p => p.Name).ToHashSet(StringComparer.Ordinal)
                ?? new HashSet<string>(StringComparer.Ordinal);
            if (!keys.SetEquals(branchKeys))
            {
                differences.Add(new(path, "properties", $"reference [{string.Join(", ", keys.Order(StringComparer.Ordinal))}], schema [{string.Join(", ", branchKeys.Order(StringComparer.Ordinal))}]"));
            }

            var required = Names(expected[i], "required");
            var branchRequired = Names(actual[i], "required");
            if (!required.SetEquals(branchRequired))
            {
                differences.Add(new(path, "required", $"reference [{string.Join(", ", required.Order(StringComparer.Ordinal))}], schema [{string.Join(", ", branchRequired.Order(StringComparer.Ordinal))}]"));
            }
        }
    }

    /// <summary>Body fields beside <c>model</c>, <c>callBackUrl</c> and <c>input</c> are the file's <c>topLevel</c> properties.</summary>
    private static void CompareTopLevel(JsonElement topLevel, CatalogFile file, List<Difference> differences)
    {
        var expected = topLevel.EnumerateObject().Where(p => p.Name is not ("model" or "callBackUrl")).ToList();
        var declared = ReferenceModels.Optional(file.Json, "topLevel") is { } t && ReferenceModels.Optional(t, "properties") is { } p
            ? p.EnumerateObject().Select(x => x.Name).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in expected.Where(f => !declared.Contains(f.Name)))
        {
            differences.Add(new("(topLevel) " + field.Name, "missing", "documented body field not in the file's topLevel"));
        }

        foreach (var name in declared.Where(n => expected.All(f => f.Name != n)))
        {
            differences.Add(new("(topLevel) " + name, "extra", "topLevel field not in the reference"));
        }
    }

    private static HashSet<string> Names(JsonElement element, string member) =>
        ReferenceModels.Optional(element, member)?.EnumerateArray().Select(x => x.GetString()!).ToHashSet(StringComparer.Ordinal)
        ?? new HashSet<string>(StringComparer.Ordinal);

    private static void CompareObject(IReadOnlyList<JsonElement> parameters, JsonElement schema, string prefix, List<Difference> differences)
    {
        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        var schemaNames = properties.ValueKind == JsonValueKind.Object
            ? properties.EnumerateObject().Select(x => x.Name).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
        var referenceNames = parameters.Select(Name).ToHashSet(StringComparer.Ordinal);

        foreach (var name in referenceNames.Except(schemaNames))
        {
            differences.Add(new(prefix + name, "missing", "documented parameter not in the schema"));
        }

        foreach (var name in schemaNames.Except(referenceNames))
        {
            differences.Add(new(prefix + name, "extra", "schema parameter not in the reference"));
        }

        var schemaRequired = schema.TryGetProperty("required", out var r)
            ? r.EnumerateArray().Select(x => x.GetString()!).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
        var referenceRequired = parameters.Where(x => x.GetProperty("required").ValueKind == JsonValueKind.True).Select(Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in referenceRequired.Except(schemaRequired))
        {
            differences.Add(new(prefix + name, "required", "required in the reference, optional in the schema"));
        }

        foreach (var name in schemaRequired.Except(referenceRequired))
        {
            differences.Add(new(prefix + name, "required", "optional in the reference, required in the schema"));
        }

        foreach (var parameter in parameters.Where(x => schemaNames.Contains(Name(x))))
        {
            CompareParameter(parameter, properties.GetProperty(Name(parameter)), prefix + Name(parameter), differences);
        }
    }

    private static void CompareParameter(JsonElement reference, JsonElement schema, string path, List<Difference> differences)
    {
        var referenceType = ReferenceModels.Optional(reference, "type")?.GetString();
        var schemaType = ReferenceModels.Optional(schema, "type")?.GetString();
        if (referenceType is "string" or "integer" or "number" or "boolean" or "array" or "object" && referenceType != schemaType)
        {
            differences.Add(new(path, "type", $"reference {referenceType}, schema {schemaType ?? "(none)"}"));
        }

        CompareEnum(ReferenceModels.Optional(reference, "enum"), ReferenceModels.Optional(schema, "enum"), path, differences);
        CompareValue(ReferenceModels.Optional(reference, "default"), ReferenceModels.Optional(schema, "default"), path, "default", differences);
        foreach (var keyword in Limits)
        {
            var expected = ReferenceModels.Optional(reference, keyword);
            if (expected is not null)
            {
                CompareValue(expected, ReferenceModels.Optional(schema, keyword), path, keyword, differences);
            }
        }

        if (ReferenceModels.Optional(reference, "format")?.GetString() == "uri" && ReferenceModels.Optional(schema, "format")?.GetString() != "uri")
        {
            differences.Add(new(path, "format", "reference uri, schema none"));
        }

        var deprecated = ReferenceModels.Optional(reference, "deprecated")?.ValueKind == JsonValueKind.True;
        if (deprecated != (ReferenceModels.Optional(schema, "deprecated")?.ValueKind == JsonValueKind.True))
        {
            differences.Add(new(path, "deprecated", $"reference {deprecated}, schema {!deprecated}"));
        }

        if (ReferenceModels.Optional(reference, "items") is { } items)
        {
            CompareItems(items, schema, path, differences);
        }

        if (ReferenceModels.Optional(reference, "properties") is { } nested)
        {
            CompareObject(nested.EnumerateArray().ToList(), schema, path + ".", differences);
        }
    }

    private static void CompareItems(JsonElement items, JsonElement schema, string path, List<Difference> differences)
    {
        // The reference keeps item counts on the item schema; JSON Schema puts them on the array.
        foreach (var keyword in new[] { "minItems", "maxItems" })
        {
            if (ReferenceModels.Optional(items, keyword) is { } expected)
            {
                CompareValue(expected, ReferenceModels.Optional(schema, keyword), path, keyword, differences);
            }
        }

        var schemaItems = ReferenceModels.Optional(schema, "items") ?? default;
        var itemPath = path + "[]";
        var itemType = ReferenceModels.Optional(items, "type")?.GetString();
        if (itemType is not null && itemType != ReferenceModels.Optional(schemaItems, "type")?.GetString())
        {
            differences.Add(new(itemPath, "type", $"reference {itemType}"));
        }

        if (ReferenceModels.Optional(items, "format")?.GetString() == "uri" && ReferenceModels.Optional(schemaItems, "format")?.GetString() != "uri")
        {
            differences.Add(new(itemPath, "format", "reference uri, schema none"));
        }

        CompareEnum(ReferenceModels.Optional(items, "enum"), ReferenceModels.Optional(schemaItems, "enum"), itemPath, differences);
        if (ReferenceModels.Optional(items, "minimum") is { } minimum)
        {
            CompareValue(minimum, ReferenceModels.Optional(schemaItems, "minimum"), itemPath, "minimum", differences);
        }

        if (ReferenceModels.Optional(items, "properties") is { } properties)
        {
            CompareObject(properties.EnumerateArray().ToList(), schemaItems, itemPath + ".", differences);
        }
    }

    private static void CompareEnum(JsonElement? reference, JsonElement? schema, string path, List<Difference> differences)
    {
        if (reference is null && schema is null)
        {
            return;
        }

        var expected = reference?.EnumerateArray().ToList() ?? new List<JsonElement>();
        var actual = schema?.EnumerateArray().ToList() ?? new List<JsonElement>();
        var missing = expected.Where(e => !actual.Any(a => KieJson.DeepEquals(a, e))).Select(e => e.GetRawText()).ToList();
        var added = actual.Where(a => !expected.Any(e => KieJson.DeepEquals(a, e))).Select(a => a.GetRawText()).ToList();
        if (reference is null)
        {
            differences.Add(new(path, "enum", "schema adds an enum the reference does not give: " + string.Join(", ", added)));
        }
        else if (missing.Count > 0 || added.Count > 0)
        {
            differences.Add(new(path, "enum", $"missing [{string.Join(", ", missing)}], added [{string.Join(", ", added)}]"));
        }
    }

    private static void CompareValue(JsonElement? reference, JsonElement? schema, string path, string keyword, List<Difference> differences)
    {
        if (reference is null && schema is null)
        {
            return;
        }

        if (reference is null || schema is null || !KieJson.DeepEquals(reference.Value, schema.Value))
        {
            differences.Add(new(path, keyword, $"reference {reference?.GetRawText() ?? "(none)"}, schema {schema?.GetRawText() ?? "(none)"}"));
        }
    }

    private static string Name(JsonElement parameter) => parameter.GetProperty("name").GetString()!;
}
