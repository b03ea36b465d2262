using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using KieGen.Generator.Diagnostics;
using KieGen.Generator.Json;
using KieGen.Generator.Model;

namespace KieGen.Generator.Parsing;

/// <summary>Typed reads of keyword values (type, counts, numbers, strings, booleans) and the checks that relate keywords.</summary>
internal sealed partial class SchemaParser
{
    private NodeKind? ParseType(JsonNode json, bool isRoot)
    {
        var member = json.Find("type");
        if (member is null)
        {
            return isRoot ? NodeKind.Object : NodeKind.Json;
        }

        if (member.Value.Kind == JsonKind.Array || member.Value is { Kind: JsonKind.String, Text: "null" })
        {
            return ParseTypeList(member.Value, isRoot);
        }

        if (member.Value.Kind != JsonKind.String)
        {
            Report(KieDiagnostics.UnsupportedType, member.Value, JsonText.Write(member.Value));
            return null;
        }

        var kind = Keywords.Types.Find(member.Value.Text);
        if (kind is null || (isRoot && kind != NodeKind.Object))
        {
            Report(KieDiagnostics.UnsupportedType, member.Value,
                isRoot ? JsonText.Quote(member.Value.Text) + " for 'input' (the parameters must be an object)" : JsonText.Quote(member.Value.Text));
            return null;
        }

        return kind;
    }

    /// <summary>An untyped enum or const of one JSON type means exactly that type (no other value can pass).</summary>
    private static NodeKind? Infer(JsonNode? enumNode, JsonNode? constNode)
    {
        var values = enumNode?.Kind == JsonKind.Array ? enumNode.Items : constNode is null ? null : new List<JsonNode> { constNode };
        if (values is null || values.Count == 0)
        {
            return NodeKind.Json;
        }

        if (values.All(v => v.Kind == JsonKind.String))
        {
            return NodeKind.String;
        }

        if (values.All(v => v.Kind == JsonKind.True || v.Kind == JsonKind.False))
        {
            return NodeKind.Boolean;
        }

        if (values.All(v => v.IsInteger) && values.All(v => JsonNumbers.TryToInt64(v.Text, out _)))
        {
            return NodeKind.Integer;
        }

        return values.All(v => v.IsNumber) ? NodeKind.Number : NodeKind.Json;
    }

    private static bool MatchesKind(JsonNode value, NodeKind kind) => kind switch
    {
        NodeKind.String => value.Kind == JsonKind.String,
        NodeKind.Integer => value.IsInteger && JsonNumbers.TryToInt64(value.Text, out _),
        NodeKind.Number => value.IsNumber,
        NodeKind.Boolean => value.Kind is JsonKind.True or JsonKind.False,
        NodeKind.Array => value.Kind == JsonKind.Array,
        NodeKind.Object => value.Kind == JsonKind.Object,
        _ => true,
    };

    private static string KindText(NodeKind kind) => kind switch
    {
        NodeKind.String => "a string",
        NodeKind.Integer => "an integer",
        NodeKind.Number => "a number",
        NodeKind.Boolean => "a boolean",
        NodeKind.Array => "an array",
        NodeKind.Object => "an object",
        _ => "a JSON value",
    };

    private void CheckApplies(JsonNode json, NodeKind kind, NodeKind domain, params string[] keywords)
    {
        var applies = kind == NodeKind.Json || kind == domain ||
                      (domain == NodeKind.Integer && kind == NodeKind.Number);
        if (applies)
        {
            return;
        }

        foreach (var keyword in keywords)
        {
            var member = json.Find(keyword);
            if (member is not null)
            {
                Report(KieDiagnostics.InvalidValue, member.NameStart, member.NameEnd, keyword, JsonText.Write(member.Value),
                    "it does not apply to " + KindText(kind) + " (type \"" + json.Find("type")?.Value.Text + "\")");
            }
        }
    }

    private void CheckMinMax<T>(JsonNode json, string minName, T? min, string maxName, T? max)
        where T : struct, IComparable<T>
    {
        if (min is { } lo && max is { } hi && lo.CompareTo(hi) > 0)
        {
            var minMember = json.Find(minName)!;
            Report(KieDiagnostics.MinAboveMax, minMember.Value, minName, minMember.Value.Text, maxName, json.Find(maxName)!.Value.Text);
        }
    }

    private long? Count(JsonNode json, string name)
    {
        var member = json.Find(name);
        if (member is null)
        {
            return null;
        }

        if (member.Value.IsInteger && JsonNumbers.TryToInt64(member.Value.Text, out var value) && value >= 0 && value <= int.MaxValue)
        {
            return value;
        }

        WrongType(member.Value, name, "a non-negative integer");
        return null;
    }

    /// <summary>A bound as an exact decimal (every long, and decimal fractions, without binary rounding).</summary>
    private decimal? Bound(JsonNode json, string name)
    {
        var member = json.Find(name);
        if (member is null)
        {
            return null;
        }

        if (member.Value.IsNumber &&
            decimal.TryParse(member.Value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        WrongType(member.Value, name, "a number between -7.9e28 and 7.9e28");
        return null;
    }

    private double? Number(JsonNode json, string name)
    {
        var member = json.Find(name);
        if (member is null)
        {
            return null;
        }

        if (member.Value.IsNumber)
        {
            return JsonNumbers.ToDouble(member.Value.Text);
        }

        WrongType(member.Value, name, "a number");
        return null;
    }

    private sealed class Located
    {
        public Located(string value, JsonNode node)
        {
            Value = value;
            Node = node;
        }

        public string Value { get; }

        public JsonNode Node { get; }
    }

    private Located? RequiredString(JsonNode root, string name, string? what)
    {
        var member = root.Find(name);
        if (member is null)
        {
            if (what is not null)
            {
                Report(KieDiagnostics.MissingField, root.Start, root.Start + 1, name, what);
            }

            return null;
        }

        if (!RequireKind(member.Value, JsonKind.String, name, "a string"))
        {
            return null;
        }

        return new Located(member.Value.Text, member.Value);
    }

    private string? OptionalString(JsonNode json, string name)
    {
        var member = json.Find(name);
        if (member is null)
        {
            return null;
        }

        if (!RequireKind(member.Value, JsonKind.String, name, "a string"))
        {
            return null;
        }

        return member.Value.Text;
    }

    private bool? OptionalBool(JsonNode json, string name)
    {
        var member = json.Find(name);
        if (member is null)
        {
            return null;
        }

        if (member.Value.Kind is JsonKind.True or JsonKind.False)
        {
            return member.Value.Kind == JsonKind.True;
        }

        WrongType(member.Value, name, "true or false");
        return null;
    }

    private void CheckDuplicateMembers(JsonNode node)
    {
        if (node.Kind == JsonKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in node.Members)
            {
                if (!seen.Add(member.Name))
                {
                    Report(KieDiagnostics.DuplicateProperty, member.NameStart, member.NameEnd, member.Name);
                }

                CheckDuplicateMembers(member.Value);
            }
        }
        else if (node.Kind == JsonKind.Array)
        {
            foreach (var item in node.Items)
            {
                CheckDuplicateMembers(item);
            }
        }
    }

    private void ReportUnknown(JsonMember member, IEnumerable<string> known)
    {
        var suggestion = Keywords.Suggest(member.Name, known);
        Report(KieDiagnostics.UnknownKeyword, member.NameStart, member.NameEnd, member.Name,
            suggestion is null ? "" : "; did you mean '" + suggestion + "'?");
    }
}
