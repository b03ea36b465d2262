using System;
using System.Collections.Generic;
using System.Linq;
using KieGen.Generator.Diagnostics;
using KieGen.Generator.Json;
using KieGen.Generator.Model;

namespace KieGen.Generator.Parsing;

/// <summary>
/// Conditional requirements: <c>dependentRequired</c>, <c>if</c>/<c>then</c>/<c>else</c> and <c>not</c>. Their
/// subschemas are parsed like branches (JSON checks, no C# types), and checked against the value's JSON; a condition
/// of the form "P is X" is put into words for the messages ("multi_prompt: is required when multi_shots is true").
/// </summary>
internal sealed partial class SchemaParser
{
    /// <summary>Keywords an <c>if</c> may hold and still read as "P is X and Q is Y".</summary>
    private static readonly HashSet<string> PlainConditionKeywords = new(StringComparer.Ordinal)
    {
        "properties", "required", "type", "description", "title", "$comment",
    };

    /// <summary>Adds the node's <c>not</c> and <c>if</c>/<c>then</c>/<c>else</c> to its compositions, and reads its dependencies.</summary>
    private SchemaNode ApplyConditions(JsonNode json, SchemaNode node, string typeBase, List<Composition> compositions)
    {
        var declared = node.Kind == NodeKind.Object ? node.Properties.Select(p => p.WireName).ToList() : null;
        if (json.Find("not") is { } not && ParseSchemaUntyped(not.Value, "not", typeBase + "Not") is { } negated)
        {
            var forbids = not.Value.Kind == JsonKind.Object && not.Value.Members.All(m => m.Name is "required" or "description" or "$comment") &&
                          not.Value.Find("required")?.Value is { Kind: JsonKind.Array } names
                ? names.Items.Where(i => i.Kind == JsonKind.String).Select(i => i.Text).ToList()
                : new List<string>();
            CheckDeclared(not.Value, declared);
            compositions.Add(new Composition(CompositionKind.Not, new[] { new Branch("not", "Not", "", negated, false) }.ToEquatableArray())
            {
                Forbids = forbids.ToEquatableArray(),
            });
        }

        var condition = ParseConditional(json, typeBase, declared);
        if (condition is not null)
        {
            compositions.Add(condition);
        }

        return node with { Dependencies = ParseDependencies(json, declared).ToEquatableArray() };
    }

    private Composition? ParseConditional(JsonNode json, string typeBase, List<string>? declared)
    {
        var ifMember = json.Find("if");
        var thenMember = json.Find("then");
        var elseMember = json.Find("else");
        if (ifMember is null)
        {
            foreach (var orphan in new[] { thenMember, elseMember }.OfType<JsonMember>())
            {
                Report(KieDiagnostics.ConditionMistake, orphan.NameStart, orphan.NameEnd,
                    "'" + orphan.Name + "' without 'if' has no effect; add the 'if' it depends on, or remove it");
            }

            return null;
        }

        CheckConditionRequires(ifMember.Value);
        var condition = ParseSchemaUntyped(ifMember.Value, "if", typeBase + "If");
        if (thenMember is null && elseMember is null)
        {
            return null; // JSON Schema: an 'if' alone constrains nothing (its mistakes are still reported)
        }

        var branches = new List<Branch>();
        if (condition is not null)
        {
            branches.Add(new Branch("if", "If", "", condition, false));
        }

        foreach (var (member, title) in new[] { (thenMember, "then"), (elseMember, "else") })
        {
            if (member is null)
            {
                continue;
            }

            CheckDeclared(member.Value, declared);
            if (ParseSchemaUntyped(member.Value, title, typeBase + CSharpNames.UpperFirst(title)) is { } schema)
            {
                branches.Add(new Branch(title, CSharpNames.UpperFirst(title), "", schema, false));
            }
        }

        if (branches.Count != 1 + (thenMember is null ? 0 : 1) + (elseMember is null ? 0 : 1))
        {
            return null; // a part had errors, reported where they are
        }

        var words = ConditionWords(ifMember.Value);
        var conditional = new Composition(CompositionKind.Conditional, branches.ToEquatableArray())
        {
            When = words is null ? "when the value matches 'if'" : "when " + words,
            Otherwise = words is null ? "when the value does not match 'if'" : "unless " + words,
        };
        return words is not null && thenMember is not null ? WithConstantCheck(conditional, ifMember.Value, thenMember.Value) : conditional;
    }

    /// <summary>
    /// Records "when P equals X (or is present), Q is required / forbidden" for the analyzer: an <c>if</c> testing one
    /// member by <c>const</c> (or only requiring it), and a <c>then</c> made only of <c>required</c>,
    /// <c>"q": false</c> members and <c>not: {"required": ["q"]}</c>.
    /// </summary>
    private static Composition WithConstantCheck(Composition conditional, JsonNode condition, JsonNode then)
    {
        var properties = condition.Find("properties")?.Value;
        var required = condition.Find("required")?.Value is { Kind: JsonKind.Array } list ? list.Items.Where(i => i.Kind == JsonKind.String).Select(i => i.Text).ToList() : new List<string>();
        string? trigger;
        string? value = null;
        if (properties is { Kind: JsonKind.Object, Members.Count: 1 } && properties.Members[0].Value.Find("const")?.Value is { } constant)
        {
            trigger = properties.Members[0].Name;
            value = JsonText.Write(constant);
        }
        else if (properties is null && required.Count == 1)
        {
            trigger = required[0];
        }
        else
        {
            return conditional;
        }

        if (then.Kind != JsonKind.Object || then.Members.Any(m => m.Name is not ("required" or "properties" or "not" or "description" or "$comment")))
        {
            return conditional;
        }

        var requires = then.Find("required")?.Value is { Kind: JsonKind.Array } names ? names.Items.Select(i => i.Text).ToList() : new List<string>();
        var forbids = new List<string>();
        if (then.Find("properties")?.Value is { } forbidden)
        {
            if (forbidden.Members.Any(m => m.Value.Kind != JsonKind.False))
            {
                return conditional;
            }

            forbids.AddRange(forbidden.Members.Select(m => m.Name));
        }

        if (then.Find("not")?.Value is { } not)
        {
            if (not.Kind != JsonKind.Object || not.Members.Any(m => m.Name != "required") || not.Find("required")?.Value is not { Kind: JsonKind.Array, Items.Count: 1 } single)
            {
                return conditional;
            }

            forbids.Add(single.Items[0].Text);
        }

        return conditional with { Trigger = trigger, TriggerJson = value, ThenRequires = requires.ToEquatableArray(), ThenForbids = forbids.ToEquatableArray() };
    }

    /// <summary>A branch-like subschema: a JSON check, no C# types; the schema <c>false</c> allowed.</summary>
    private SchemaNode? ParseSchemaUntyped(JsonNode json, string keyword, string typeBase)
    {
        _untypedDepth++;
        var schema = ParseSchema(json, keyword, typeBase);
        _untypedDepth--;
        return schema;
    }

    /// <summary>
    /// "multi_shots is true", "mode is one of \"pro\", \"max\"", "seed is present": the condition of an <c>if</c> that
    /// only tests members; null for any other <c>if</c>.
    /// </summary>
    private static string? ConditionWords(JsonNode condition)
    {
        if (condition.Kind != JsonKind.Object || condition.Members.Any(m => !PlainConditionKeywords.Contains(m.Name)) ||
            condition.Find("type")?.Value is not (null or { Kind: JsonKind.String, Text: "object" }))
        {
            return null;
        }

        var parts = new List<string>();
        var tested = new HashSet<string>(StringComparer.Ordinal);
        if (condition.Find("properties")?.Value is { } properties)
        {
            if (properties.Kind != JsonKind.Object)
            {
                return null;
            }

            foreach (var property in properties.Members)
            {
                var test = property.Value;
                if (test.Kind != JsonKind.Object || test.Members.Any(m => m.Name is not ("const" or "enum" or "description" or "$comment" or "type")))
                {
                    return null;
                }

                if (test.Find("const")?.Value is { } constant)
                {
                    parts.Add(property.Name + " is " + JsonText.Write(constant));
                }
                else if (test.Find("enum")?.Value is { Kind: JsonKind.Array } values && values.Items.Count > 0)
                {
                    parts.Add(property.Name + (values.Items.Count == 1 ? " is " : " is one of ") + string.Join(", ", values.Items.Select(JsonText.Write)));
                }
                else
                {
                    return null;
                }

                tested.Add(property.Name);
            }
        }

        if (condition.Find("required")?.Value is { Kind: JsonKind.Array } required)
        {
            parts.AddRange(required.Items.Where(i => i.Kind == JsonKind.String && !tested.Contains(i.Text)).Select(i => i.Text + " is present"));
        }

        return parts.Count == 0 ? null : string.Join(" and ", parts);
    }

    /// <summary>
    /// An <c>if</c> that tests a member it does not require also holds when the member is absent (JSON Schema), which
    /// turns "when P is X, Q is required" into "Q is always required unless P is something else": reported.
    /// </summary>
    private void CheckConditionRequires(JsonNode condition)
    {
        if (condition.Kind != JsonKind.Object || condition.Find("properties")?.Value is not { Kind: JsonKind.Object } properties)
        {
            return;
        }

        var required = condition.Find("required")?.Value is { Kind: JsonKind.Array } list
            ? new HashSet<string>(list.Items.Where(i => i.Kind == JsonKind.String).Select(i => i.Text), StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in properties.Members.Where(p => !required.Contains(p.Name)))
        {
            Report(KieDiagnostics.ConditionMistake, property.NameStart, property.NameEnd,
                "'if' tests '" + property.Name + "' but does not require it, so the condition also holds when '" + property.Name +
                "' is absent; add \"required\": [" + JsonText.Quote(property.Name) + "] to the 'if'");
        }
    }

    /// <summary>In a request class, the members a condition requires or constrains must be its declared parameters.</summary>
    private void CheckDeclared(JsonNode schema, List<string>? declared)
    {
        if (declared is null || schema.Kind != JsonKind.Object)
        {
            return;
        }

        if (schema.Find("required")?.Value is { Kind: JsonKind.Array } required)
        {
            foreach (var item in required.Items.Where(i => i.Kind == JsonKind.String && !declared.Contains(i.Text)))
            {
                Report(KieDiagnostics.UndeclaredRequired, item, item.Text);
            }
        }

        if (schema.Find("properties")?.Value is { Kind: JsonKind.Object } properties)
        {
            foreach (var property in properties.Members.Where(p => !declared.Contains(p.Name)))
            {
                Report(KieDiagnostics.InvalidValue, property.NameStart, property.NameEnd, "properties", JsonText.Quote(property.Name),
                    "a condition can only constrain parameters the object declares");
            }
        }
    }

    /// <summary><c>dependentRequired</c>: an object mapping a member name to the names it makes required.</summary>
    private List<Dependency> ParseDependencies(JsonNode json, List<string>? declared)
    {
        var dependencies = new List<Dependency>();
        var member = json.Find("dependentRequired");
        if (member is null)
        {
            return dependencies;
        }

        if (!RequireKind(member.Value, JsonKind.Object, "dependentRequired", "an object mapping a member name to the array of names it makes required"))
        {
            return dependencies;
        }

        foreach (var entry in member.Value.Members)
        {
            if (entry.Value.Kind != JsonKind.Array || entry.Value.Items.Any(i => i.Kind != JsonKind.String))
            {
                WrongType(entry.Value, "dependentRequired", "an object mapping a member name to the array of names it makes required");
                continue;
            }

            var names = new List<string>();
            foreach (var item in entry.Value.Items)
            {
                if (names.Contains(item.Text))
                {
                    Report(KieDiagnostics.InvalidValue, item, "dependentRequired", JsonText.Quote(item.Text), "it is listed more than once");
                }
                else
                {
                    names.Add(item.Text);
                }
            }

            if (declared is not null)
            {
                foreach (var (name, start, end) in new[] { (entry.Name, entry.NameStart, entry.NameEnd) }
                             .Concat(entry.Value.Items.Select(i => (i.Text, i.Start, i.End))).Where(n => !declared.Contains(n.Item1)))
                {
                    Report(KieDiagnostics.InvalidValue, start, end, "dependentRequired", JsonText.Quote(name), "it is not in 'properties'");
                }
            }

            if (names.Count > 0)
            {
                dependencies.Add(new Dependency(entry.Name, names.ToEquatableArray())); // an empty list requires nothing
            }
        }

        return dependencies;
    }
}
