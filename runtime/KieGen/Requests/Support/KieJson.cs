using System;
using System.Buffers;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Json;

namespace KieGen.Requests.Support;

/// <summary>JSON helpers: structural equality and literal values. Called by generated code; not meant for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KieJson
{
    /// <summary>The wire text of a string enum member (members are declared from 0 in wire order).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a declared member (a cast from a number).</exception>
    public static JsonEncodedText EnumWire(JsonEncodedText[] wire, int value, string enumName) =>
        (uint)value < (uint)wire.Length ? wire[value] : throw new ArgumentOutOfRangeException(nameof(value), value, "Not a value of " + enumName + "; call Validate() first.");

    /// <summary>Writes a request's members with its generated writer, after checking the writer a caller passed.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is <see langword="null"/>.</exception>
    public static void Members<T>(Utf8JsonWriter writer, T value, Action<Utf8JsonWriter, T> write)
    {
        ArgumentNullException.ThrowIfNull(writer);
        write(writer, value);
    }

    /// <summary>Parses a JSON literal embedded in generated code into a detached element.</summary>
    public static JsonElement Literal(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>Writes a typed value with its generated writer and reads it back as JSON (for enum/const/uniqueItems on structures).</summary>
    public static JsonElement Element<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer, value);
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }

    /// <summary>Every item as JSON, for structural comparison.</summary>
    public static JsonElement[] Elements<T>(IReadOnlyList<T> items, Action<Utf8JsonWriter, T> write)
    {
        var result = new JsonElement[items.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Element(items[i], write);
        }

        return result;
    }

    /// <summary>JSON Schema equality: numbers by value (1 equals 1.0), objects regardless of member order.</summary>
    public static bool DeepEquals(JsonElement left, JsonElement right)
    {
        if (left.ValueKind != right.ValueKind)
        {
            return false;
        }

        switch (left.ValueKind)
        {
            case JsonValueKind.Number:
                if (left.TryGetDecimal(out var l) && right.TryGetDecimal(out var r))
                {
                    return l == r;
                }

                return left.GetDouble() == right.GetDouble();
            case JsonValueKind.String:
                return left.ValueEquals(right.GetString());
            case JsonValueKind.Array:
                if (left.GetArrayLength() != right.GetArrayLength())
                {
                    return false;
                }

                using (var a = left.EnumerateArray().GetEnumerator())
                using (var b = right.EnumerateArray().GetEnumerator())
                {
                    while (a.MoveNext() && b.MoveNext())
                    {
                        if (!DeepEquals(a.Current, b.Current))
                        {
                            return false;
                        }
                    }
                }

                return true;
            case JsonValueKind.Object:
                var count = 0;
                foreach (var property in left.EnumerateObject())
                {
                    count++;
                    if (!right.TryGetProperty(property.Name, out var other) || !DeepEquals(property.Value, other))
                    {
                        return false;
                    }
                }

                foreach (var _ in right.EnumerateObject())
                {
                    count--;
                }

                return count == 0;
            default:
                return true; // true, false, null: equal kinds are equal values
        }
    }

    /// <summary>A readable name for a JSON value kind, used in messages.</summary>
    public static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "missing",
    };
}
