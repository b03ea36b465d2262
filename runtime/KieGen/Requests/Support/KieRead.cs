using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text.Json;
using KieGen.Validation;

namespace KieGen.Requests.Support;

/// <summary>
/// Reads one JSON value into a typed value, reporting a type mismatch at <paramref name="path"/>. Called by generated
/// code; not meant for direct use.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate bool KieReader<T>(JsonElement json, string path, List<KieValidationError> errors, out T value);

/// <summary>
/// Checks a typed value against its schema node, adding each violation at <paramref name="path"/>. Called by generated
/// code; not meant for direct use.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate void KieChecker<T>(T value, string path, List<KieValidationError> errors);

/// <summary>Typed readers over untrusted JSON. Called by generated code (its <c>TryParse</c> methods); not meant for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KieRead
{
    /// <summary>
    /// A generated type's <c>TryParse</c>: reads untrusted JSON with <paramref name="read"/> and never throws. Text the
    /// runtime cannot decode (a lone surrogate in a property name, invalid UTF-8) becomes an error, not an exception.
    /// Succeeds when no finding is an error: warnings are returned beside the request.
    /// </summary>
    public static bool Request<T>(JsonElement json, KieReader<T> read, [NotNullWhen(true)] out T? request, out IReadOnlyList<KieValidationError> errors)
        where T : class
    {
        var list = new List<KieValidationError>();
        errors = list;
        try
        {
            // Warnings (advisory limits, members Kie ignores) are reported but never make the read fail.
            _ = read(json, "", list, out var value);
            if (value is not null && !KieCheck.HasErrors(list))
            {
                request = value;
                return true;
            }
        }
        catch (InvalidOperationException e)
        {
            list.Add(new KieValidationError("", "json", "cannot be read: " + e.Message));
        }

        request = null;
        return false;
    }

    /// <summary>A generated type's <c>TryParse</c> from UTF-8 bytes; malformed or too deeply nested JSON becomes an error.</summary>
    public static bool Request<T>(ReadOnlySpan<byte> utf8Json, KieReader<T> read, [NotNullWhen(true)] out T? request, out IReadOnlyList<KieValidationError> errors)
        where T : class
    {
        JsonElement json;
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            json = JsonElement.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            request = null;
            errors = new[] { new KieValidationError("", "json", "is not valid JSON: " + e.Message) };
            return false;
        }

        return Request(json, read, out request, out errors);
    }

    /// <summary>Reads a JSON string.</summary>
    public static bool String(JsonElement json, string path, List<KieValidationError> errors, out string value)
    {
        if (json.ValueKind == JsonValueKind.String)
        {
            try
            {
                value = json.GetString()!;
                return true;
            }
            catch (InvalidOperationException)
            {
                // A lone surrogate ("\ud800") or invalid UTF-8: valid JSON tokens, but not text any API can carry.
                value = "";
                errors.Add(new KieValidationError(path, "type", "must be valid Unicode text (has a lone surrogate or invalid UTF-8)"));
                return false;
            }
        }

        value = "";
        return TypeMismatch(errors, path, "a string", json);
    }

    /// <summary>Reads a JSON integer; a number with a zero fraction (<c>1.0</c>) is an integer, as in JSON Schema.</summary>
    public static bool Int64(JsonElement json, string path, List<KieValidationError> errors, out long value)
    {
        if (json.ValueKind == JsonValueKind.Number)
        {
            if (json.TryGetInt64(out value))
            {
                return true;
            }

            var number = json.GetDouble();
            if (number == System.Math.Floor(number) && number >= long.MinValue && number < 9.2233720368547758E18)
            {
                value = (long)number;
                return true;
            }
        }

        value = 0;
        return TypeMismatch(errors, path, "an integer", json);
    }

    /// <summary>Reads a JSON number.</summary>
    public static bool Double(JsonElement json, string path, List<KieValidationError> errors, out double value)
    {
        if (json.ValueKind == JsonValueKind.Number && json.TryGetDouble(out value) && !double.IsInfinity(value))
        {
            return true;
        }

        value = 0;
        return TypeMismatch(errors, path, "a number", json);
    }

    /// <summary>Reads a JSON boolean.</summary>
    public static bool Boolean(JsonElement json, string path, List<KieValidationError> errors, out bool value)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.True:
                value = true;
                return true;
            case JsonValueKind.False:
                value = false;
                return true;
            default:
                value = false;
                return TypeMismatch(errors, path, "a boolean", json);
        }
    }

    /// <summary>Checks that a value is a JSON object.</summary>
    public static bool Object(JsonElement json, string path, List<KieValidationError> errors)
    {
        return json.ValueKind == JsonValueKind.Object || TypeMismatch(errors, path, "an object", json);
    }

    /// <summary>Reads a JSON array with a reader per item; every item's problems are reported.</summary>
    public static bool Array<T>(JsonElement json, string path, List<KieValidationError> errors, KieReader<T> readItem, out IReadOnlyList<T> value)
    {
        if (json.ValueKind != JsonValueKind.Array)
        {
            value = System.Array.Empty<T>();
            return TypeMismatch(errors, path, "an array", json);
        }

        var items = new T[json.GetArrayLength()];
        var ok = true;
        var index = 0;
        foreach (var item in json.EnumerateArray())
        {
            ok &= readItem(item, KieCheck.Index(path, index), errors, out items[index]);
            index++;
        }

        value = items;
        return ok;
    }

    /// <summary>Reads a JSON array whose items may be any JSON value, each kept as it came (cloned).</summary>
    public static bool Array(JsonElement json, string path, List<KieValidationError> errors, out IReadOnlyList<JsonElement> value)
    {
        if (json.ValueKind != JsonValueKind.Array)
        {
            value = System.Array.Empty<JsonElement>();
            return TypeMismatch(errors, path, "an array", json);
        }

        var items = new JsonElement[json.GetArrayLength()];
        var index = 0;
        foreach (var item in json.EnumerateArray())
        {
            items[index++] = item.Clone();
        }

        value = items;
        return true;
    }

    /// <summary>
    /// After a typed read: runs the node's checks on what was read. True when the value was read and passed, so a
    /// generated reader is one line: <c>Checked(String(json, path, errors, out value), value, path, errors, CheckPrompt)</c>.
    /// </summary>
    public static bool Checked<T>(bool read, T value, string path, List<KieValidationError> errors, KieChecker<T> check)
    {
        if (!read)
        {
            return false;
        }

        var mark = errors.Count;
        check(value, path, errors);
        return !KieCheck.HasErrors(errors, mark);
    }

    /// <summary>
    /// Reads a string enum: <paramref name="index"/> is the position of the value in <paramref name="wire"/> (generated
    /// enums declare their members in that order, from 0), or 0 with an error when the value is not one of them.
    /// </summary>
    public static bool StringEnum(JsonElement json, string path, List<KieValidationError> errors, JsonEncodedText[] wire, string allowedText, out int index)
    {
        index = 0;
        if (!String(json, path, errors, out var text))
        {
            return false;
        }

        // Compared encoded: a member's Value is its escaped JSON text ("\u002B1" for "+1"), and encoding the text
        // read (valid Unicode, String checked it) the same way gives the same escapes.
        var encoded = JsonEncodedText.Encode(text);
        for (var i = 0; i < wire.Length; i++)
        {
            if (wire[i].Equals(encoded))
            {
                index = i;
                return true;
            }
        }

        return UnknownEnumValue(errors, path, text, allowedText);
    }

    /// <summary>
    /// Reads a string enum into a generated enum type: its members are declared from 0 in wire order over
    /// <see cref="int"/>, so the position in <paramref name="wire"/> is the value (the default member when unknown).
    /// </summary>
    public static bool StringEnum<TEnum>(JsonElement json, string path, List<KieValidationError> errors, JsonEncodedText[] wire, string allowedText, out TEnum value)
        where TEnum : struct, Enum
    {
        var known = StringEnum(json, path, errors, wire, allowedText, out int index);
        // Reinterprets the int as the enum without boxing; generated enums are int-based (checked at the first use).
        value = Unsafe.SizeOf<TEnum>() == sizeof(int) ? Unsafe.As<int, TEnum>(ref index) : throw new NotSupportedException(typeof(TEnum) + " is not int-based.");
        return known;
    }

    /// <summary>Reports an enumerated string that is not one of the allowed values.</summary>
    public static bool UnknownEnumValue(List<KieValidationError> errors, string path, string value, string allowedText)
    {
        errors.Add(new KieValidationError(path, "enum", $"'{value}' is not allowed; must be one of {allowedText}"));
        return false;
    }

    /// <summary>Reports a JSON value of the wrong type.</summary>
    public static bool TypeMismatch(List<KieValidationError> errors, string path, string expected, JsonElement actual)
    {
        errors.Add(new KieValidationError(path, "type", $"must be {expected} (was {KieJson.KindName(actual.ValueKind)})"));
        return false;
    }
}
