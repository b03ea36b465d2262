using System;
using System.Collections.Generic;
using System.Linq;
using KieGen.Generator.Diagnostics;
using KieGen.Generator.Json;
using KieGen.Generator.Model;

namespace KieGen.Generator.Parsing;

/// <summary>
/// <c>$ref</c> and <c>$defs</c>/<c>definitions</c>: collecting a file's definitions, resolving a reference to the
/// shared definition's node (one C# type however often it is referenced), cycles, and keywords beside a reference.
/// </summary>
internal sealed partial class SchemaParser
{
    /// <summary>Keywords beside <c>$ref</c> that only annotate; any other sibling also constrains (as an allOf).</summary>
    private static readonly HashSet<string> ReferenceAnnotations = new(StringComparer.Ordinal)
    {
        "$ref", "$comment", "description", "title", "default", "deprecated", "examples",
    };

    private readonly Dictionary<string, JsonNode> _definitions = new(StringComparer.Ordinal);
    private readonly List<string> _definitionOrder = new();
    private readonly Dictionary<string, SchemaNode?> _parsedDefinitions = new(StringComparer.Ordinal);
    private readonly List<string> _resolving = new();

    /// <summary>Collects <c>$defs</c>/<c>definitions</c> of the file and of <c>input</c>, before anything refers to them.</summary>
    private void CollectDefinitions(JsonNode root, JsonNode input)
    {
        foreach (var container in new[] { root, input }.Where(c => c.Kind == JsonKind.Object))
        {
            foreach (var keyword in new[] { "$defs", "definitions" })
            {
                var member = container.Find(keyword);
                if (member is null)
                {
                    continue;
                }

                if (!RequireKind(member.Value, JsonKind.Object, keyword, "an object mapping names to schemas"))
                {
                    continue;
                }

                foreach (var definition in member.Value.Members)
                {
                    var key = keyword + "/" + definition.Name;
                    if (_definitions.ContainsKey(key))
                    {
                        Report(KieDiagnostics.InvalidValue, definition.NameStart, definition.NameEnd, keyword, JsonText.Quote(definition.Name),
                            "it is defined both at the file level and in 'input'; keep one");
                        continue;
                    }

                    _definitions.Add(key, definition.Value);
                    _definitionOrder.Add(key);
                }
            }
        }
    }

    /// <summary>Parses the definitions nothing refers to, so that their mistakes are reported too.</summary>
    private void ParseUnusedDefinitions()
    {
        foreach (var key in _definitionOrder.Where(k => !_parsedDefinitions.ContainsKey(k)).ToList())
        {
            ResolveDefinition(key, null);
        }
    }

    /// <summary>
    /// A schema with <c>$ref</c>: annotations only → the shared definition's node (one C# type however often it is
    /// referenced); other keywords beside it → those keywords plus an allOf of the definition.
    /// </summary>
    private bool TryParseReference(JsonNode json, string typeBase, string? className, bool isRoot, out SchemaNode? node)
    {
        node = null;
        var member = json.Find("$ref");
        if (member is null)
        {
            return false;
        }

        if (!RequireKind(member.Value, JsonKind.String, "$ref", "a string such as \"#/$defs/name\""))
        {
            return true;
        }

        var key = DefinitionKey(member.Value.Text);
        if (key is null || !_definitions.ContainsKey(key))
        {
            Report(KieDiagnostics.UnresolvedReference, member.Value, member.Value.Text,
                key is null
                    ? "is not supported: only \"#/$defs/<name>\" and \"#/definitions/<name>\" of the same file are"
                    : "names no definition in this file's '$defs' or 'definitions' (file level or in 'input')");
            return true;
        }

        if (json.Members.Any(m => !ReferenceAnnotations.Contains(m.Name) && !m.Name.StartsWith("x-", StringComparison.Ordinal)))
        {
            // Draft 2020-12: keywords beside $ref apply too. Parse them with the definition as an allOf part.
            var rest = new JsonNode(JsonKind.Object, json.Start) { End = json.End };
            var allOf = new JsonNode(JsonKind.Array, member.NameStart) { End = member.Value.End };
            var reference = new JsonNode(JsonKind.Object, member.NameStart) { End = member.Value.End };
            reference.Members.Add(member);
            allOf.Items.Add(reference);
            foreach (var sibling in json.Members.Where(m => m.Name != "$ref"))
            {
                if (sibling.Name == "allOf" && sibling.Value.Kind == JsonKind.Array)
                {
                    allOf.Items.AddRange(sibling.Value.Items);
                    continue;
                }

                rest.Members.Add(sibling);
            }

            rest.Members.Add(new JsonMember("allOf", member.NameStart, member.NameEnd, allOf));
            node = ParseSchema(rest, "$ref", typeBase, className, isRoot);
            return true;
        }

        if (json.Find("x-kie-advisory") is { } advisory)
        {
            // Its keywords are the definition's, not this schema's: relaxing them here would relax every use.
            Report(KieDiagnostics.InvalidAdvisory, advisory.NameStart, advisory.NameEnd,
                "beside a bare '$ref' names keywords of the definition; put it in the definition, beside the keywords it names");
            return true;
        }

        SchemaNode? target;
        if (isRoot)
        {
            // The parameters object itself is a reference: it must become the request class, so parse it afresh.
            if (!Enter(key, member.Value))
            {
                return true;
            }

            target = ParseSchema(_definitions[key], "$ref", typeBase, className, isRoot: true);
            _resolving.RemoveAt(_resolving.Count - 1);
            node = target;
            return true;
        }

        target = ResolveDefinition(key, member.Value);
        if (target is null)
        {
            return true;
        }

        var description = json.Find("description")?.Value is { Kind: JsonKind.String } d ? d.Text : null;
        var deprecated = json.Find("deprecated")?.Value.Kind == JsonKind.True;
        var defaultValue = json.Find("default")?.Value;
        node = Renumber(target) with
        {
            Description = description ?? target.Description,
            Deprecated = deprecated || target.Deprecated,
            DefaultJson = defaultValue is null ? target.DefaultJson : JsonText.Write(defaultValue),
        };
        return true;
    }

    /// <summary>
    /// A copy of a definition's tree with fresh node ids: each use gets helpers of its own (named after where it is
    /// used), while the C# class and enum names, and so the types, stay shared.
    /// </summary>
    private SchemaNode Renumber(SchemaNode node) => node with
    {
        Id = NextId(),
        Items = node.Items is null ? null : Renumber(node.Items),
        AdditionalSchema = node.AdditionalSchema is null ? null : Renumber(node.AdditionalSchema),
        Properties = node.Properties.Select(p => p with { Schema = Renumber(p.Schema) }).ToEquatableArray(),
        Compositions = node.Compositions.Select(c => c with { Branches = c.Branches.Select(b => b with { Schema = Renumber(b.Schema) }).ToEquatableArray() }).ToEquatableArray(),
    };

    private SchemaNode? ResolveDefinition(string key, JsonNode? site)
    {
        if (_parsedDefinitions.TryGetValue(key, out var done))
        {
            return done;
        }

        if (!Enter(key, site))
        {
            return null;
        }

        var saved = _untypedDepth;
        _untypedDepth = 0; // a definition is one C# type, whoever refers to it
        var name = key.Substring(key.IndexOf('/') + 1);
        var node = ParseSchema(_definitions[key], name, CSharpNames.Pascal(name, "V"));
        _untypedDepth = saved;
        _resolving.RemoveAt(_resolving.Count - 1);
        _parsedDefinitions[key] = node;
        return node;
    }

    /// <summary>Pushes a definition being resolved; a definition already on the stack is a cycle, reported at the $ref.</summary>
    private bool Enter(string key, JsonNode? site)
    {
        if (_resolving.Contains(key))
        {
            if (site is not null)
            {
                var chain = _resolving.SkipWhile(k => k != key).Concat(new[] { key }).Select(k => "#/" + k);
                Report(KieDiagnostics.ReferenceCycle, site, site.Text, string.Join(" -> ", chain));
            }

            return false;
        }

        _resolving.Add(key);
        return true;
    }

    /// <summary><c>#/$defs/name</c> or <c>#/definitions/name</c> (JSON Pointer and URI escapes undone) → "$defs/name"; else null.</summary>
    private static string? DefinitionKey(string pointer)
    {
        foreach (var keyword in new[] { "$defs", "definitions" })
        {
            var prefix = "#/" + keyword + "/";
            if (!pointer.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var name = Uri.UnescapeDataString(pointer.Substring(prefix.Length));
            if (name.IndexOf('/') >= 0)
            {
                return null;
            }

            return keyword + "/" + name.Replace("~1", "/").Replace("~0", "~");
        }

        return null;
    }

    /// <summary>The JSON a branch stands for: a pure <c>$ref</c> is followed (for merging its properties).</summary>
    private JsonNode Dereference(JsonNode json)
    {
        for (var hops = 0; hops < 32 && json.Kind == JsonKind.Object && json.Members.Count == 1 &&
             json.Find("$ref")?.Value is { Kind: JsonKind.String } pointer &&
             DefinitionKey(pointer.Text) is { } key && _definitions.TryGetValue(key, out var target); hops++)
        {
            json = target;
        }

        return json;
    }
}
