using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using KieGen.Generator.Diagnostics;
using KieGen.Generator.Json;
using KieGen.Generator.Model;
using KieGen.Generator.Naming;

namespace KieGen.Generator.Parsing;

/// <summary><c>enum</c> and <c>x-enumNames</c>: allowed values and the C# member names they become.</summary>
internal sealed partial class SchemaParser
{
    private List<EnumMember> ParseEnum(JsonNode json, JsonNode enumNode, NodeKind kind)
    {
        var members = new List<EnumMember>();
        if (!RequireKind(enumNode, JsonKind.Array, "enum", "an array of allowed values"))
        {
            return members;
        }

        if (enumNode.Items.Count == 0)
        {
            Report(KieDiagnostics.EmptyEnum, enumNode);
            return members;
        }

        var overrides = ParseEnumNames(json);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rawNames = new List<string>();
        var wires = new List<(string Json, string Display)>();
        foreach (var item in enumNode.Items)
        {
            if (!MatchesKind(item, kind))
            {
                Report(KieDiagnostics.InvalidValue, item, "enum", JsonText.Write(item), "it is not " + KindText(kind));
                continue;
            }

            // An integer in any JSON spelling (1.0, 1e1) is that integer: one canonical text for code and wire.
            var wire = kind == NodeKind.Integer && JsonNumbers.TryToInt64(item.Text, out var number)
                ? number.ToString(CultureInfo.InvariantCulture)
                : JsonText.Write(item);
            if (!seen.Add(kind == NodeKind.Integer ? wire : JsonText.CanonicalKey(item)))
            {
                Report(KieDiagnostics.DuplicateEnumValue, item, JsonText.Write(item));
                continue;
            }

            if (item.Kind == JsonKind.String && HasLoneSurrogate(item.Text))
            {
                Report(KieDiagnostics.InvalidValue, item, "enum", JsonText.Write(item), "an enum value must be valid Unicode text (it has a lone UTF-16 surrogate)");
                continue;
            }

            var display = item.Kind == JsonKind.String ? item.Text : wire;
            var named = overrides.TryGetValue(display, out var name);
            if (named)
            {
                used.Add(display);
            }

            rawNames.Add(named ? name.Name : CSharpNames.Pascal(display, "V"));
            wires.Add((wire, display));
        }

        foreach (var entry in overrides)
        {
            if (!used.Contains(entry.Key))
            {
                Report(KieDiagnostics.InvalidValue, entry.Value.Entry.NameStart, entry.Value.Entry.NameEnd, "x-enumNames", JsonText.Quote(entry.Key),
                    "it is not one of the enum values");
            }
        }

        var unique = CSharpNames.Unique(rawNames, new HashSet<string>(StringComparer.Ordinal) { NameRules.EnumValueField });
        for (var i = 0; i < wires.Count; i++)
        {
            members.Add(new EnumMember(wires[i].Json, wires[i].Display, unique[i]));
        }

        return members;
    }

    private Dictionary<string, (string Name, JsonMember Entry)> ParseEnumNames(JsonNode json)
    {
        var result = new Dictionary<string, (string Name, JsonMember Entry)>(StringComparer.Ordinal);
        var member = json.Find("x-enumNames");
        if (member is null)
        {
            return result;
        }

        if (!RequireKind(member.Value, JsonKind.Object, "x-enumNames", "an object mapping enum values to C# names"))
        {
            return result;
        }

        foreach (var entry in member.Value.Members)
        {
            var name = entry.Value.Kind == JsonKind.String ? CSharpNames.WithoutFormattingCharacters(entry.Value.Text) : "";
            if (!CSharpNames.IsValidIdentifier(name))
            {
                Report(KieDiagnostics.InvalidValue, entry.Value, "x-enumNames", JsonText.Write(entry.Value), "each name must be a C# identifier");
                continue;
            }

            if (name == NameRules.EnumValueField)
            {
                Report(KieDiagnostics.NameCollision, entry.Value, "'x-enumNames' " + JsonText.Write(entry.Value) + " is the name .NET reserves for an enum's underlying value");
                continue;
            }

            result[entry.Name] = (name, entry);
        }

        return result;
    }
}
