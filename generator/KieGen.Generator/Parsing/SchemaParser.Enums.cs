using System;
using System.Collections.Generic;
using System.Linq;
using KieGen.Generator.Diagnostics;
using KieGen.Generator.Json;
using KieGen.Generator.Model;

namespace KieGen.Generator.Parsing;

/// <summary><c>enum</c> and <c>x-enumNames</c>: allowed values and the C# member names they become.</summary>
internal sealed partial class SchemaParser
{
    private List<EnumMember> ParseEnum(JsonNode json, JsonNode enumNode, NodeKind kind)
    {
        var members = new List<EnumMember>();
        if (enumNode.Kind != JsonKind.Array)
        {
            Report(KieDiagnostics.WrongKeywordType, enumNode, "enum", "an array of allowed values");
            return members;
        }

        if (enumNode.Items.Count == 0)
        {
            Report(KieDiagnostics.EmptyEnum, enumNode);
            return members;
        }

        var overrides = ParseEnumNames(json);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rawNames = new List<string>();
        var values = new List<JsonNode>();
        foreach (var item in enumNode.Items)
        {
            if (!seen.Add(JsonText.CanonicalKey(item)))
            {
                Report(KieDiagnostics.DuplicateEnumValue, item, JsonText.Write(item));
                continue;
            }

            if (!MatchesKind(item, kind))
            {
                Report(KieDiagnostics.InvalidValue, item, "enum", JsonText.Write(item), "it is not " + KindText(kind));
                continue;
            }

            var wire = item.Kind == JsonKind.String ? item.Text : JsonText.Write(item);
            rawNames.Add(overrides.TryGetValue(wire, out var name) ? name : CSharpNames.Pascal(wire, "V"));
            values.Add(item);
        }

        var unique = CSharpNames.Unique(rawNames, new HashSet<string>(StringComparer.Ordinal));
        for (var i = 0; i < values.Count; i++)
        {
            var display = values[i].Kind == JsonKind.String ? values[i].Text : JsonText.Write(values[i]);
            members.Add(new EnumMember(JsonText.Write(values[i]), display, unique[i]));
        }

        return members;
    }

    private Dictionary<string, string> ParseEnumNames(JsonNode json)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var member = json.Find("x-enumNames");
        if (member is null)
        {
            return result;
        }

        if (member.Value.Kind != JsonKind.Object)
        {
            Report(KieDiagnostics.WrongKeywordType, member.Value, "x-enumNames", "an object mapping enum values to C# names");
            return result;
        }

        foreach (var entry in member.Value.Members)
        {
            if (entry.Value.Kind != JsonKind.String || !CSharpNames.IsValidIdentifier(entry.Value.Text))
            {
                Report(KieDiagnostics.InvalidValue, entry.Value, "x-enumNames", JsonText.Write(entry.Value), "each name must be a C# identifier");
                continue;
            }

            result[entry.Name] = entry.Value.Text;
        }

        return result;
    }
}
