using System;
using System.Collections.Generic;
using System.Linq;
using KieGen.Generator.Diagnostics;
using KieGen.Generator.Json;
using KieGen.Generator.Model;

namespace KieGen.Generator.Parsing;

/// <summary>
/// <c>allOf</c>/<c>anyOf</c>/<c>oneOf</c> (and, through the conditions, <c>if</c>/<c>then</c>/<c>else</c>). Branches are
/// parsed for validation only (no C# types of their own); a class gets the union of its branches' properties, each
/// typed once from the branches' declarations merged, so that one request type holds every shape and round-trips it.
/// </summary>
internal sealed partial class SchemaParser
{
    private static readonly (CompositionKind Kind, string Keyword)[] Combinators =
    {
        (CompositionKind.All, "allOf"), (CompositionKind.Any, "anyOf"), (CompositionKind.One, "oneOf"),
    };

    /// <summary>Above zero while parsing a branch: objects and enums then stay JSON checks, not C# types.</summary>
    private int _untypedDepth;

    /// <summary>Type lists, combinators and untyped branch enums, applied to a node the core parser built.</summary>
    private SchemaNode ApplyFormatAdditions(JsonNode json, SchemaNode node, string typeBase)
    {
        var types = TypeList(json);
        if (types.Count > 0)
        {
            node = node with { JsonTypes = types.ToEquatableArray() };
        }

        if (_untypedDepth > 0 && node.HasEnum && !node.IsCSharpEnum && node.Kind is NodeKind.String or NodeKind.Integer)
        {
            // Inside a branch an enum stays a JSON check: its C# type is the class property's, merged from all branches.
            node = node with { JsonTypes = new[] { Keywords.Types.Word(node.Kind) }.ToEquatableArray(), Kind = NodeKind.Json };
        }

        var compositions = new List<Composition>();
        var branchJson = new List<(CompositionKind Kind, JsonNode Json)>();
        foreach (var (kind, keyword) in Combinators)
        {
            var member = json.Find(keyword);
            if (member is null)
            {
                continue;
            }

            if (!RequireKind(member.Value, JsonKind.Array, keyword, "an array of schemas"))
            {
                continue;
            }

            if (member.Value.Items.Count == 0)
            {
                Report(KieDiagnostics.CompositionMistake, member.Value, "'" + keyword + "' must list at least one schema");
                continue;
            }

            var branches = new List<Branch>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < member.Value.Items.Count; i++)
            {
                var item = member.Value.Items[i];
                var title = item.Kind == JsonKind.Object && item.Find("title")?.Value is { Kind: JsonKind.String } t && t.Text.Trim().Length > 0 ? t.Text : null;
                var csharpName = CSharpNames.Unique(new[] { title is null ? "Option" + (i + 1) : CSharpNames.Pascal(title, "V") }, names)[0];
                names.Add(csharpName);
                _untypedDepth++;
                var schema = ParseSchema(item, keyword, typeBase + csharpName);
                _untypedDepth--;
                if (schema is null)
                {
                    continue;
                }

                var target = Dereference(item);
                var isObjectShape = target.Kind == JsonKind.Object && (target.Find("properties") is not null || target.Find("required") is not null) &&
                                    target.Find("type")?.Value is null or { Kind: JsonKind.String, Text: "object" };
                var description = target.Kind == JsonKind.Object && target.Find("description")?.Value is { Kind: JsonKind.String } d ? d.Text : "";
                branches.Add(new Branch(title ?? "option " + (i + 1), csharpName, description, schema, isObjectShape));
                if (isObjectShape)
                {
                    branchJson.Add((kind, target));
                }
            }

            compositions.Add(new Composition(kind, branches.ToEquatableArray()));
        }

        node = ApplyConditions(json, node, typeBase, compositions);
        if (compositions.Count > 0)
        {
            node = node with { Compositions = compositions.ToEquatableArray() };
        }

        return node.Kind == NodeKind.Object && branchJson.Count > 0 ? MergeBranchProperties(node, branchJson, typeBase) : node;
    }

    /// <summary>
    /// A class gets every property its branches declare: allOf parts merge into its shape (their required become
    /// required), anyOf/oneOf branch properties become optional properties checked by the branch rules.
    /// </summary>
    private SchemaNode MergeBranchProperties(SchemaNode node, List<(CompositionKind Kind, JsonNode Json)> branches, string typeBase)
    {
        var shared = node.Properties.ToDictionary(p => p.WireName, p => p, StringComparer.Ordinal);
        var declarations = new Dictionary<string, List<JsonMember>>(StringComparer.Ordinal);
        var order = new List<string>();
        var allOfRequired = new HashSet<string>(StringComparer.Ordinal);
        var fromAllOf = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (kind, json) in branches.OrderBy(b => b.Kind == CompositionKind.All ? 0 : 1))
        {
            if (kind == CompositionKind.All && json.Find("required")?.Value is { Kind: JsonKind.Array } required)
            {
                allOfRequired.UnionWith(required.Items.Where(i => i.Kind == JsonKind.String).Select(i => i.Text));
            }

            if (json.Find("properties")?.Value is not { Kind: JsonKind.Object } properties)
            {
                continue;
            }

            foreach (var property in properties.Members)
            {
                if (kind == CompositionKind.All)
                {
                    fromAllOf.Add(property.Name);
                    CheckAllOfAgreement(property, shared, declarations);
                }

                if (shared.ContainsKey(property.Name) || property.Value.Kind == JsonKind.False)
                {
                    continue; // the class's own declaration types it (a branch's false forbids, adds nothing); the branch rule checks the rest
                }

                if (!declarations.TryGetValue(property.Name, out var list))
                {
                    declarations[property.Name] = list = new List<JsonMember>();
                    order.Add(property.Name);
                }

                list.Add(property);
            }
        }

        // A branch of a class that requires a field nobody declares is a misspelling, not a new field.
        foreach (var (_, json) in branches)
        {
            if (json.Find("required")?.Value is not { Kind: JsonKind.Array } required)
            {
                continue;
            }

            foreach (var item in required.Items.Where(i => i.Kind == JsonKind.String && !shared.ContainsKey(i.Text) && !declarations.ContainsKey(i.Text)))
            {
                Report(KieDiagnostics.UndeclaredRequired, item, item.Text);
            }
        }

        var merged = new JsonNode(JsonKind.Object, 0);
        foreach (var name in order)
        {
            var first = declarations[name][0];
            merged.Members.Add(new JsonMember(name, first.NameStart, first.NameEnd, MergeDeclarations(declarations[name].Select(m => m.Value).ToList())));
        }

        var added = ParseProperties(merged, typeBase, node.ClassName);
        var result = node.Properties.Select(p => allOfRequired.Contains(p.WireName) ? p with { Required = true } : p).ToList();
        foreach (var property in added)
        {
            var clash = result.FirstOrDefault(p => p.CSharpName == property.CSharpName);
            if (clash is not null)
            {
                var at = declarations[property.WireName][0];
                Report(KieDiagnostics.NameCollision, at.NameStart, at.NameEnd,
                    "Parameters '" + clash.WireName + "' and '" + property.WireName + "' both become the C# property '" + property.CSharpName + "'");
                continue;
            }

            result.Add(property with { Required = allOfRequired.Contains(property.WireName) });
        }

        return node with
        {
            Properties = result.ToEquatableArray(),
            BranchProperties = order.Where(n => !fromAllOf.Contains(n)).ToEquatableArray(),
        };
    }

    /// <summary>allOf parts must agree on a property's type, or no value could satisfy them all.</summary>
    private void CheckAllOfAgreement(JsonMember property, Dictionary<string, PropertySpec> shared, Dictionary<string, List<JsonMember>> declarations)
    {
        var type = TypeText(property.Value);
        string? other = null;
        if (shared.TryGetValue(property.Name, out var declared) && declared.Schema.Kind != NodeKind.Json && type is not null && type != Keywords.Types.Word(declared.Schema.Kind))
        {
            other = Keywords.Types.Word(declared.Schema.Kind);
        }
        else if (declarations.TryGetValue(property.Name, out var earlier) && earlier.Select(m => TypeText(m.Value)).FirstOrDefault(t => t is not null && type is not null && t != type) is { } conflicting)
        {
            other = conflicting;
        }

        if (other is not null)
        {
            Report(KieDiagnostics.AllOfConflict, property.NameStart, property.NameEnd, property.Name, "\"" + other + "\" and \"" + type + "\"");
        }
    }

    private static string? TypeText(JsonNode schema) => schema.Kind == JsonKind.Object && schema.Find("type")?.Value is { Kind: JsonKind.String } t ? t.Text : null;

    /// <summary>
    /// One schema for a property that several branches declare: the declaration itself when they agree; else the
    /// shared type with the union of their enums and the keywords they all agree on (looser than each, so the class
    /// never rejects what a branch accepts; the branch rule checks the rest); else any JSON value.
    /// </summary>
    private static JsonNode MergeDeclarations(List<JsonNode> declarations)
    {
        var first = declarations[0];
        if (declarations.All(d => JsonText.Write(d) == JsonText.Write(first)))
        {
            return first;
        }

        var merged = new JsonNode(JsonKind.Object, first.Start) { End = first.End };
        var type = TypeText(first);
        if (type is null || declarations.Any(d => TypeText(d) != type))
        {
            if (first.Kind == JsonKind.Object && first.Find("description") is { } description)
            {
                merged.Members.Add(description);
            }

            return merged;
        }

        foreach (var member in first.Members)
        {
            if (member.Name == "enum")
            {
                if (declarations.All(d => d.Find("enum")?.Value.Kind == JsonKind.Array))
                {
                    var union = new JsonNode(JsonKind.Array, member.Value.Start) { End = member.Value.End };
                    var seen = new HashSet<string>(StringComparer.Ordinal);
                    union.Items.AddRange(declarations.SelectMany(d => d.Find("enum")!.Value.Items).Where(i => seen.Add(JsonText.CanonicalKey(i))));
                    merged.Members.Add(new JsonMember("enum", member.NameStart, member.NameEnd, union));
                }

                continue;
            }

            var text = JsonText.Write(member.Value);
            if (member.Name is "description" or "title" or "x-csharpName" || declarations.All(d => d.Find(member.Name) is { } m && JsonText.Write(m.Value) == text))
            {
                merged.Members.Add(member);
            }
        }

        return merged;
    }
}
