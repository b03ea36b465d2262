using System;
using System.Linq;
using System.Text.Json.Nodes;

namespace KieGen.Cli;

/// <summary>
/// A schema file without its wording (titles, descriptions, examples, comments), so two files can be compared by what
/// they accept. Only keys in schema positions are dropped: a parameter named <c>title</c> (Suno has one) stays.
/// </summary>
internal static class SchemaWording
{
    private static readonly string[] Wording = ["title", "description", "examples", "$comment"];

    // Keywords whose value is one schema, a list of schemas, or a map of name to schema.
    private static readonly string[] OneSchema = ["items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames"];
    private static readonly string[] SchemaLists = ["allOf", "anyOf", "oneOf", "prefixItems"];
    private static readonly string[] SchemaMaps = ["properties", "$defs", "definitions", "patternProperties", "dependentSchemas"];

    /// <summary>A copy of a whole schema file without wording: the file's own title and description, and those of its
    /// <c>input</c>, <c>topLevel</c> and <c>output</c> schemas.</summary>
    public static JsonObject Without(JsonObject file)
    {
        var copy = (JsonObject)file.DeepClone();
        copy.Remove("title");
        copy.Remove("description");
        foreach (var member in new[] { "input", "topLevel", "output" })
        {
            if (copy[member] is JsonObject schema)
            {
                Strip(schema);
            }
        }

        return copy;
    }

    private static void Strip(JsonObject schema)
    {
        foreach (var key in Wording)
        {
            schema.Remove(key);
        }

        foreach (var (key, value) in schema.ToList())
        {
            switch (value)
            {
                case JsonObject one when OneSchema.Contains(key, StringComparer.Ordinal):
                    Strip(one);
                    break;
                case JsonArray list when SchemaLists.Contains(key, StringComparer.Ordinal):
                    foreach (var item in list.OfType<JsonObject>())
                    {
                        Strip(item);
                    }

                    break;
                case JsonObject map when SchemaMaps.Contains(key, StringComparer.Ordinal):
                    foreach (var item in map.Select(m => m.Value).OfType<JsonObject>())
                    {
                        Strip(item);
                    }

                    break;
            }
        }
    }
}
