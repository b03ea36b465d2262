using System;
using System.Collections.Generic;
using System.Linq;
using KieGen.Generator.Diagnostics;
using KieGen.Generator.Json;
using KieGen.Generator.Model;

namespace KieGen.Generator.Parsing;

/// <summary>
/// <c>$ref</c>/<c>$defs</c>, <c>allOf</c>/<c>anyOf</c>/<c>oneOf</c> and type lists. Branches are parsed for
/// validation only (no C# types of their own); a class gets the union of its branches' properties, each typed once
/// from the branches' declarations merged, so that one request type holds every shape and round-trips it.
/// </summary>
internal sealed partial class SchemaParser
{
    /// <summary>Keywords beside <c>$ref</c> that only annotate; any other sibling also constrains (as an allOf).</summary>
    private static readonly HashSet<string> ReferenceAnnotations = new(StringComparer.Ordinal)
    {
        "$ref", "$comment", "description", "title", "default", "deprecated", "examples",
    };

    private static readonly string[] JsonTypeNames = { "string", "integer", "number", "boolean", "array", "object", "null" };

    private static readonly (CompositionKind Kind, string Keyword)[] Combinators =
    {
        (CompositionKind.All, "allOf"), (CompositionKind.Any, "anyOf"), (CompositionKind.One, "oneOf"),
    };

    private readonly Dictionary<string, JsonNode> _definitions = new(StringComparer.Ordinal);
    private readonly List<string> _definitionOrder = new();
    private readonly Dictionary<string, SchemaNode?> _parsedDefinitions = new(StringComparer.Ordinal);
    private readonly List<string> _resolving = new();

    /// <summary>Above zero while parsing a branch: objects and enums then stay JSON checks, not C# types.</summary>
    private int _untypedDepth;

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
            node = node with { JsonTypes = new[] { node.Kind == NodeKind.String ? "string" : "integer" }.ToEquatableArray(), Kind = NodeKind.Json };
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
        if (shared.TryGetValue(property.Name, out var declared) && declared.Schema.Kind != NodeKind.Json && type is not null && type != KindName(declared.Schema.Kind))
        {
            other = KindName(declared.Schema.Kind);
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

    private static string KindName(NodeKind kind) => kind switch
    {
        NodeKind.Object => "object",
        _ => kind.ToString().ToLowerInvariant(),
    };

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
            if (item.Kind != JsonKind.String || !JsonTypeNames.Contains(item.Text))
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

        if (names.Count == 1 && names[0] != "null")
        {
            // ["string"] is "string".
            NodeKind single = names[0] switch
            {
                "string" => NodeKind.String,
                "integer" => NodeKind.Integer,
                "number" => NodeKind.Number,
                "boolean" => NodeKind.Boolean,
                "array" => NodeKind.Array,
                _ => NodeKind.Object,
            };
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
