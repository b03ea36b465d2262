using System;
using System.Collections.Generic;
using System.Linq;
using KieGen.Generator.Diagnostics;
using KieGen.Generator.Json;
using KieGen.Generator.Model;

namespace KieGen.Generator.Parsing;

/// <summary>Type lists (<c>"type": ["string", "null"]</c>) and <c>"type": "null"</c>: JSON values checked by kind.</summary>
internal sealed partial class SchemaParser
{
    /// <summary><c>"type": [..]</c> or <c>"type": "null"</c>: the listed JSON types (checked on JSON); empty otherwise.</summary>
    private static List<string> TypeList(JsonNode json)
    {
        var type = json.Find("type")?.Value;
        if (type is { Kind: JsonKind.String, Text: "null" })
        {
            return new List<string> { "null" };
        }

        if (type is not { Kind: JsonKind.Array })
        {
            return new List<string>();
        }

        var names = type.Items.Where(i => i.Kind == JsonKind.String).Select(i => i.Text).Distinct(StringComparer.Ordinal).ToList();
        return names.Count == 1 && names[0] != "null" ? new List<string>() : names;
    }

    /// <summary>
    /// Reads a type list (or <c>"null"</c>) for <see cref="ParseType"/>: one non-null type is that type; anything
    /// else (null included) is a JSON value checked by kind. Reports unknown names and repeats; null on error.
    /// </summary>
    private NodeKind? ParseTypeList(JsonNode type, bool isRoot)
    {
        var names = new List<string>();
        var items = type.Kind == JsonKind.Array ? type.Items : new List<JsonNode> { type };
        if (items.Count == 0)
        {
            Report(KieDiagnostics.UnsupportedType, type, "[] (an empty type list allows nothing)");
            return null;
        }

        foreach (var item in items)
        {
            if (item.Kind != JsonKind.String || (item.Text != "null" && Keywords.Types.Find(item.Text) is null))
            {
                Report(KieDiagnostics.UnsupportedType, item, JsonText.Write(item));
                return null;
            }

            if (names.Contains(item.Text))
            {
                Report(KieDiagnostics.InvalidValue, item, "type", JsonText.Write(item), "it is listed more than once");
                return null;
            }

            names.Add(item.Text);
        }

        if (names.Count == 1 && Keywords.Types.Find(names[0]) is { } single)
        {
            // ["string"] is "string".
            if (isRoot && single != NodeKind.Object)
            {
                Report(KieDiagnostics.UnsupportedType, type, JsonText.Write(type) + " for 'input' (the parameters must be an object)");
                return null;
            }

            return single;
        }

        if (isRoot)
        {
            Report(KieDiagnostics.UnsupportedType, type, JsonText.Write(type) + " for 'input' (the parameters must be an object)");
            return null;
        }

        return NodeKind.Json;
    }
}
