using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace KieGen.Import;

/// <summary>
/// Turns a schema inside an OpenAPI document into a self-contained one: <c>$ref</c>s are resolved in the same document
/// (keys matched literally, then percent-decoded: Kie writes <c>response%20not%20with%20recordId</c> for the key
/// <c>response not with recordId</c>, and keeps the trailing space of <c>Error </c>), cycles are errors, Apidog's
/// <c>x-apidog-*</c> bookkeeping is dropped, and OpenAPI 3.0 spellings become JSON Schema ones.
/// </summary>
internal sealed class SchemaInliner
{
    /// <summary>
    /// Keywords KieGen does not implement: converting them would silently drop a constraint. Conditions
    /// (<c>dependentRequired</c>, <c>if</c>/<c>then</c>/<c>else</c>, <c>not</c>) are part of the format and kept.
    /// </summary>
    private static readonly HashSet<string> Unsupported = new(StringComparer.Ordinal)
    {
        "prefixItems", "additionalItems", "contains", "minContains", "maxContains", "patternProperties",
        "propertyNames", "dependentSchemas", "dependencies", "unevaluatedItems", "unevaluatedProperties",
        "minProperties", "maxProperties", "$dynamicRef", "$dynamicAnchor",
    };

    /// <summary>Annotations of OpenAPI that say nothing about valid requests.</summary>
    private static readonly HashSet<string> Dropped = new(StringComparer.Ordinal) { "xml", "externalDocs", "discriminator", "readOnly", "writeOnly" };

    private readonly JsonNode _document;
    private readonly List<string> _repairs;
    private readonly Stack<string> _expanding = new();
    private const int MaxDepth = 64;

    public SchemaInliner(JsonNode document, List<string> repairs)
    {
        _document = document;
        _repairs = repairs;
    }

    /// <summary>Resolves a reference such as <c>#/components/schemas/Input%20parameters</c>; throws naming <paramref name="at"/>.</summary>
    public (JsonNode Node, string Pointer) Resolve(string reference, string at)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new KieImportException(at, $"the reference '{reference}' points outside this document; only '#/...' references are supported");
        }

        JsonNode? node = _document;
        var pointer = "";
        foreach (var raw in reference[2..].Split('/'))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (node is JsonObject obj)
            {
                // Literal first: a key may itself contain '%'. Then the percent-decoded spelling Kie uses for spaces.
                var key = obj.ContainsKey(token) ? token : Uri.UnescapeDataString(token);
                if (!obj.TryGetPropertyValue(key, out node) || node is null)
                {
                    throw new KieImportException(at, $"the reference '{reference}' names '{key}', which {(pointer.Length == 0 ? "the document" : pointer)} does not have");
                }

                pointer += "/" + Escape(key);
            }
            else if (node is JsonArray array && int.TryParse(token, out var index) && index >= 0 && index < array.Count && array[index] is { } item)
            {
                node = item;
                pointer += "/" + token;
            }
            else
            {
                throw new KieImportException(at, $"the reference '{reference}' cannot be followed past {(pointer.Length == 0 ? "the root" : pointer)}");
            }
        }

        return (node!, pointer);
    }

    /// <summary>Follows references until a value that is not one.</summary>
    public (JsonNode Node, string Pointer) Follow(JsonNode node, string pointer)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (node is JsonObject obj && obj["$ref"] is JsonValue value && value.TryGetValue<string>(out var reference))
        {
            if (!seen.Add(reference))
            {
                throw new KieImportException(pointer, $"the reference '{reference}' leads back to itself");
            }

            (node, pointer) = Resolve(reference, pointer + "/$ref");
        }

        return (node, pointer);
    }

    /// <summary>A self-contained copy of the schema at <paramref name="pointer"/>.</summary>
    public JsonNode Inline(JsonNode schema, string pointer) => InlineSchema(schema, pointer, 0);

    private JsonNode InlineSchema(JsonNode schema, string pointer, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new KieImportException(pointer, $"schemas are nested more than {MaxDepth} deep");
        }

        if (schema is JsonValue v && v.TryGetValue<bool>(out _))
        {
            return schema.DeepClone();
        }

        if (schema is not JsonObject obj)
        {
            throw new KieImportException(pointer, $"a schema must be an object or a boolean, not {schema.GetValueKind()}");
        }

        if (obj["$ref"] is JsonValue r && r.TryGetValue<string>(out var reference))
        {
            if (_expanding.Contains(reference))
            {
                throw new KieImportException(pointer + "/$ref", $"the reference '{reference}' is circular ({string.Join(" -> ", _expanding.Reverse().Append(reference))}); a request type cannot nest itself");
            }

            var (target, targetPointer) = Resolve(reference, pointer + "/$ref");
            _expanding.Push(reference);
            var resolved = InlineSchema(target, targetPointer, depth + 1);
            _expanding.Pop();
            if (obj.Count == 1)
            {
                return resolved;
            }

            // Siblings of $ref (allowed in 3.1) refine the target: they win over its own members.
            var merged = resolved as JsonObject ?? throw new KieImportException(pointer, "a boolean schema cannot be refined by the members beside its $ref");
            foreach (var (name, value) in Members(obj, pointer, depth).Where(m => m.Key != "$ref"))
            {
                merged[name] = value;
            }

            return merged;
        }

        var result = new JsonObject();
        foreach (var (name, value) in Members(obj, pointer, depth))
        {
            result[name] = value;
        }

        if (result["nullable"] is JsonValue nullable && nullable.TryGetValue<bool>(out var isNullable))
        {
            result.Remove("nullable");
            if (isNullable && result["type"] is JsonValue t && t.TryGetValue<string>(out var type))
            {
                result["type"] = new JsonArray(type, "null");
                _repairs.Add($"{pointer}: OpenAPI 3.0 'nullable: true' written as \"type\": [\"{type}\", \"null\"]");
            }
        }

        return result;
    }

    private IEnumerable<KeyValuePair<string, JsonNode?>> Members(JsonObject obj, string pointer, int depth)
    {
        foreach (var (name, value) in obj)
        {
            var at = pointer + "/" + Escape(name);
            if (name.StartsWith("x-apidog", StringComparison.Ordinal) || Dropped.Contains(name))
            {
                continue;
            }

            if (Unsupported.Contains(name))
            {
                throw new KieImportException(at, $"'{name}' is a JSON Schema keyword KieGen does not support; converting without it would drop a constraint");
            }

            switch (name)
            {
                case "properties" or "$defs" or "definitions" when value is JsonObject map:
                    var properties = new JsonObject();
                    foreach (var (key, schema) in map)
                    {
                        properties[key] = InlineSchema(schema ?? throw new KieImportException(at + "/" + Escape(key), "a schema cannot be null"), at + "/" + Escape(key), depth + 1);
                    }

                    yield return new(name, properties);
                    break;
                case "items" or "additionalProperties" or "not" or "if" or "then" or "else" when value is JsonObject:
                    yield return new(name, InlineSchema(value, at, depth + 1));
                    break;
                case "allOf" when value is JsonArray all && all.Any(s => s is JsonValue sv && sv.GetValueKind() == System.Text.Json.JsonValueKind.String):
                    // Kie's pages sometimes carry an allOf of plain strings (leftover labels): no constraint in it.
                    var schemas = all.Where(s => s is JsonObject).ToList();
                    _repairs.Add($"{at}: dropped {all.Count - schemas.Count} string entr{(all.Count - schemas.Count == 1 ? "y" : "ies")} of allOf, which are not schemas");
                    if (schemas.Count > 0)
                    {
                        yield return new(name, new JsonArray(schemas.Select((s, i) => (JsonNode?)InlineSchema(s!, at + "/" + i, depth + 1)).ToArray()));
                    }

                    break;
                case "allOf" or "anyOf" or "oneOf" when value is JsonArray branches:
                    yield return new(name, new JsonArray(branches.Select((s, i) => (JsonNode?)InlineSchema(s ?? throw new KieImportException(at + "/" + i, "a schema cannot be null"), at + "/" + i, depth + 1)).ToArray()));
                    break;
                case "example":
                    // OpenAPI 3.0's single example is JSON Schema's examples list.
                    yield return new("examples", new JsonArray(value?.DeepClone()));
                    break;
                default:
                    yield return new(name, value?.DeepClone());
                    break;
            }
        }
    }

    /// <summary>Escapes a key for a JSON pointer (RFC 6901).</summary>
    public static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
