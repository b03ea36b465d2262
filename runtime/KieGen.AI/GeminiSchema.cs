using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace KieGen.AI;

/// <summary>
/// A tool's JSON Schema in the OpenAPI subset Gemini's <c>parameters</c> and <c>responseSchema</c> take: type names
/// in capitals (as Kie's example writes <c>"OBJECT"</c>), <c>["string", "null"]</c> as <c>nullable</c>, and only the
/// keywords Gemini knows; the rest (<c>$schema</c>, <c>additionalProperties</c>, ...) is left out, as Gemini refuses it.
/// </summary>
internal static class GeminiSchema
{
    private static readonly HashSet<string> Kept = new(StringComparer.Ordinal)
    {
        "format", "title", "description", "nullable", "enum", "required", "minItems", "maxItems", "minProperties",
        "maxProperties", "minLength", "maxLength", "pattern", "example", "default", "minimum", "maximum", "propertyOrdering",
    };

    public static void Write(Utf8JsonWriter w, JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            w.WriteStartObject();
            w.WriteEndObject();
            return;
        }

        w.WriteStartObject();
        foreach (var property in schema.EnumerateObject())
        {
            switch (property.Name)
            {
                case "type":
                    WriteType(w, property.Value);
                    break;
                case "properties" when property.Value.ValueKind == JsonValueKind.Object:
                    w.WriteStartObject("properties");
                    foreach (var member in property.Value.EnumerateObject())
                    {
                        w.WritePropertyName(member.Name);
                        Write(w, member.Value);
                    }

                    w.WriteEndObject();
                    break;
                case "items":
                    w.WritePropertyName("items");
                    Write(w, property.Value);
                    break;
                case "anyOf" when property.Value.ValueKind == JsonValueKind.Array:
                    w.WriteStartArray("anyOf");
                    foreach (var option in property.Value.EnumerateArray())
                    {
                        Write(w, option);
                    }

                    w.WriteEndArray();
                    break;
                case var name when Kept.Contains(name):
                    property.WriteTo(w);
                    break;
            }
        }

        w.WriteEndObject();
    }

    public static string ToJson(JsonElement schema)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            Write(w, schema);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteType(Utf8JsonWriter w, JsonElement type)
    {
        if (type.ValueKind == JsonValueKind.String)
        {
            w.WriteString("type", type.GetString()!.ToUpperInvariant());
            return;
        }

        if (type.ValueKind == JsonValueKind.Array)
        {
            var names = type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList();
            if (names.FirstOrDefault(n => n != "null") is { } single)
            {
                w.WriteString("type", single.ToUpperInvariant());
            }

            if (names.Contains("null"))
            {
                w.WriteBoolean("nullable", true);
            }
        }
    }
}
