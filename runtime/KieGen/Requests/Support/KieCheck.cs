using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.RegularExpressions;
using KieGen.Validation;

namespace KieGen.Requests.Support;

/// <summary>Constraint checks. Called by generated code (its <c>Validate()</c> methods); not meant for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KieCheck
{
    /// <summary>A generated <c>Validate()</c>: every violation of <paramref name="value"/>, empty when it is valid.</summary>
    public static IReadOnlyList<KieValidationError> Validate<T>(T value, KieChecker<T> check)
    {
        var errors = new List<KieValidationError>();
        check(value, "", errors);
        return errors;
    }

    /// <summary>Reports each of <paramref name="required"/> that the JSON object lacks, in that order.</summary>
    public static void Required(List<KieValidationError> errors, string path, JsonElement json, string[] required)
    {
        foreach (var name in required)
        {
            Required(errors, Member(path, name), json.TryGetProperty(name, out _));
        }
    }

    /// <summary>Reports a value of a string enum that is not one of its <paramref name="count"/> declared members.</summary>
    public static void Declared(List<KieValidationError> errors, string path, int value, int count, string allowedText)
    {
        if ((uint)value >= (uint)count)
        {
            errors.Add(new KieValidationError(path, "enum", "must be one of " + allowedText));
        }
    }

    /// <summary>Reports a missing required parameter.</summary>
    public static void Required(List<KieValidationError> errors, string path, bool present)
    {
        if (!present)
        {
            errors.Add(new KieValidationError(path, "required", "is required"));
        }
    }

    /// <summary>Checks <c>minLength</c>/<c>maxLength</c>, counted in Unicode code points as JSON Schema counts.</summary>
    public static void Length(List<KieValidationError> errors, string path, string value, long? min, long? max)
    {
        var length = CodePointLength(value);
        if (min is { } lo && length < lo)
        {
            errors.Add(new KieValidationError(path, "minLength", $"must be at least {lo} characters long (was {length})"));
        }

        if (max is { } hi && length > hi)
        {
            errors.Add(new KieValidationError(path, "maxLength", $"must be at most {hi} characters long (was {length})"));
        }
    }

    /// <summary>Counts Unicode code points (a surrogate pair is one character).</summary>
    public static int CodePointLength(string value)
    {
        var length = value.Length;
        for (var i = 0; i < value.Length - 1; i++)
        {
            if (char.IsHighSurrogate(value[i]) && char.IsLowSurrogate(value[i + 1]))
            {
                length--;
                i++;
            }
        }

        return length;
    }

    /// <summary>Checks <c>pattern</c> (unanchored, as JSON Schema specifies).</summary>
    public static void Pattern(List<KieValidationError> errors, string path, string value, Regex regex)
    {
        if (!regex.IsMatch(value))
        {
            errors.Add(new KieValidationError(path, "pattern", $"must match the pattern {regex}"));
        }
    }

    /// <summary>Checks <c>format: uri</c>: an absolute URI with a scheme.</summary>
    public static void Uri(List<KieValidationError> errors, string path, string value)
    {
        if (!IsAbsoluteUri(value))
        {
            errors.Add(new KieValidationError(path, "format", "must be an absolute URI such as https://example.com/image.png"));
        }
    }

    /// <summary>True for an absolute URI that names its scheme (a bare path is not one, even on Unix).</summary>
    public static bool IsAbsoluteUri(string value)
    {
        var colon = value.IndexOf(':');
        if (colon < 1 || !IsAsciiLetter(value[0]))
        {
            return false;
        }

        for (var i = 1; i < colon; i++)
        {
            var c = value[i];
            if (!(IsAsciiLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))
            {
                return false;
            }
        }

        return System.Uri.TryCreate(value, UriKind.Absolute, out _);
    }

    /// <summary>Checks <c>minimum</c>, <c>maximum</c>, <c>exclusiveMinimum</c> and <c>exclusiveMaximum</c>.</summary>
    public static void Range(
        List<KieValidationError> errors, string path, double value, double? min, double? max, double? exclusiveMin, double? exclusiveMax) =>
        Bounds(errors, path, value, min, max, exclusiveMin, exclusiveMax);

    /// <summary>Bounds of an integer, compared exactly over the whole <see cref="long"/> range (no rounding through double).</summary>
    public static void Range(
        List<KieValidationError> errors, string path, long value, long? min, long? max, long? exclusiveMin, long? exclusiveMax) =>
        Bounds(errors, path, value, min, max, exclusiveMin, exclusiveMax);

    /// <summary>
    /// The one body of both <c>Range</c> overloads: the type's own comparison operators (a NaN double breaks no
    /// bound, as before), and its shortest round-trip invariant text.
    /// </summary>
    private static void Bounds<T>(List<KieValidationError> errors, string path, T value, T? min, T? max, T? exclusiveMin, T? exclusiveMax)
        where T : struct, IComparisonOperators<T, T, bool>, IFormattable
    {
        if (min is { } lo && value < lo)
        {
            errors.Add(new KieValidationError(path, "minimum", $"must be at least {Format(lo)} (was {Format(value)})"));
        }

        if (max is { } hi && value > hi)
        {
            errors.Add(new KieValidationError(path, "maximum", $"must be at most {Format(hi)} (was {Format(value)})"));
        }

        if (exclusiveMin is { } xlo && value <= xlo)
        {
            errors.Add(new KieValidationError(path, "exclusiveMinimum", $"must be greater than {Format(xlo)} (was {Format(value)})"));
        }

        if (exclusiveMax is { } xhi && value >= xhi)
        {
            errors.Add(new KieValidationError(path, "exclusiveMaximum", $"must be less than {Format(xhi)} (was {Format(value)})"));
        }
    }

    /// <summary>
    /// A builder's result: the request when it has no errors, else an exception listing them. Warnings (advisory
    /// limits) do not stop it unless <paramref name="strict"/>. A missing value-type parameter was filled with its
    /// default only to build; its own checks would mislead, so a violation at a missing parameter's path is dropped.
    /// </summary>
    public static T Built<T>(T request, List<KieValidationError> missing, IReadOnlyList<KieValidationError> violations, string modelId, bool strict = false)
    {
        var errors = missing;
        foreach (var error in violations)
        {
            if (!missing.Exists(m => m.Path == error.Path))
            {
                errors.Add(error);
            }
        }

        return Blocking(errors, strict) is { Count: > 0 } blocking ? throw new KieValidationException(modelId, blocking) : request;
    }

    /// <summary>
    /// The findings that stop a request: its errors, or with <paramref name="strict"/> every finding (a warning is a
    /// documented limit, which strict validation enforces).
    /// </summary>
    public static IReadOnlyList<KieValidationError> Blocking(IReadOnlyList<KieValidationError> findings, bool strict)
    {
        if (strict || !HasErrors(findings))
        {
            return strict ? findings : Array.Empty<KieValidationError>();
        }

        var errors = new List<KieValidationError>();
        foreach (var finding in findings)
        {
            if (finding.IsError)
            {
                errors.Add(finding);
            }
        }

        return errors;
    }

    /// <summary>True when any finding from index <paramref name="from"/> on is an error (not a warning).</summary>
    public static bool HasErrors(IReadOnlyList<KieValidationError> findings, int from = 0)
    {
        for (var i = from; i < findings.Count; i++)
        {
            if (findings[i].IsError)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Turns the errors a schema node's checks added (from <paramref name="mark"/> on) into warnings where the schema
    /// marks the keyword advisory (<c>x-kie-advisory</c>), each carrying the schema's reason. Only findings at the
    /// node's own <paramref name="path"/> are touched, or for <c>required</c> at the named member's path, never those of
    /// nested values.
    /// </summary>
    public static void Advise(List<KieValidationError> errors, int mark, string path, KieAdvisory[] advisories)
    {
        for (var i = mark; i < errors.Count; i++)
        {
            var error = errors[i];
            if (!error.IsError)
            {
                continue;
            }

            foreach (var advisory in advisories)
            {
                if (advisory.Keyword == error.Keyword &&
                    error.Path == (advisory.Member is null ? path : Member(path, advisory.Member)))
                {
                    errors[i] = error.AsWarning(advisory.Reason);
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Reports, as a warning, a member of a JSON object that its schema does not declare: Kie ignores members it does
    /// not know, so its value would be silently lost, but a member Kie added after the schema was written must still
    /// pass. Names the declared member it most likely meant.
    /// </summary>
    public static void Undeclared(List<KieValidationError> errors, string path, string name, string[] declared)
    {
        var message = "is not a parameter of this model; Kie ignores members it does not know";
        if (KieNames.Closest(name, declared) is { } meant)
        {
            message += "; did you mean " + meant + "?";
        }

        errors.Add(new KieValidationError(Member(path, name), "undeclared", message, KieValidationSeverity.Warning,
            "undeclared members are sent as given (a parameter Kie added after the schema was written), but Kie drops those it does not know"));
    }

    /// <summary>
    /// Reports, as a warning, a value its schema marks deprecated (<c>x-enumDeprecated</c>): still allowed, since Kie
    /// may still accept it, but no longer offered. <paramref name="message"/> names the value, its status and its
    /// replacement; <paramref name="reason"/> is the schema's.
    /// </summary>
    public static void Deprecated(List<KieValidationError> errors, string path, string message, string reason) =>
        errors.Add(new KieValidationError(path, "deprecated", message, KieValidationSeverity.Warning, reason));

    /// <summary>Checks <c>multipleOf</c> exactly where decimal arithmetic can, otherwise with a relative tolerance.</summary>
    public static void MultipleOf(List<KieValidationError> errors, string path, double value, double step)
    {
        if (!IsMultipleOf(value, step))
        {
            errors.Add(new KieValidationError(path, "multipleOf", $"must be a multiple of {Format(step)} (was {Format(value)})"));
        }
    }

    /// <summary>True when <paramref name="value"/> is an integral multiple of <paramref name="step"/>.</summary>
    public static bool IsMultipleOf(double value, double step)
    {
        if (double.IsInfinity(value) || double.IsNaN(value))
        {
            return false;
        }

        // Decimal keeps 0.0075 / 0.0001 exact where binary floating point does not.
        if (Math.Abs(value) < 7.9e27 && Math.Abs(step) >= 1e-27)
        {
            try
            {
                return decimal.Remainder((decimal)value, (decimal)step) == 0m;
            }
            catch (OverflowException)
            {
            }
        }

        var quotient = value / step;
        if (double.IsInfinity(quotient))
        {
            return false;
        }

        return Math.Abs(quotient - Math.Round(quotient)) <= 1e-9 * Math.Max(1.0, Math.Abs(quotient));
    }

    /// <summary>Checks <c>minItems</c>/<c>maxItems</c>.</summary>
    public static void Count(List<KieValidationError> errors, string path, int count, long? min, long? max)
    {
        if (min is { } lo && count < lo)
        {
            errors.Add(new KieValidationError(path, "minItems", $"must have at least {lo} items (had {count})"));
        }

        if (max is { } hi && count > hi)
        {
            errors.Add(new KieValidationError(path, "maxItems", $"must have at most {hi} items (had {count})"));
        }
    }

    /// <summary>Checks <c>uniqueItems</c> for items with value equality.</summary>
    public static void Unique<T>(List<KieValidationError> errors, string path, IReadOnlyList<T> items, IEqualityComparer<T>? comparer = null)
    {
        comparer ??= EqualityComparer<T>.Default;
        for (var i = 1; i < items.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (comparer.Equals(items[i], items[j]))
                {
                    errors.Add(new KieValidationError(path, "uniqueItems", $"items {j} and {i} are equal; items must be unique"));
                    return;
                }
            }
        }
    }

    /// <summary>Checks that a value is one of the allowed ones (<c>enum</c> on numbers and booleans).</summary>
    public static void OneOf<T>(List<KieValidationError> errors, string path, T value, T[] allowed, string allowedText)
        where T : IEquatable<T>
    {
        foreach (var candidate in allowed)
        {
            if (candidate.Equals(value))
            {
                return;
            }
        }

        errors.Add(new KieValidationError(path, "enum", "must be one of " + allowedText));
    }

    /// <summary>Checks <c>const</c> on a typed value.</summary>
    public static void Const<T>(List<KieValidationError> errors, string path, T value, T expected, string expectedText)
        where T : IEquatable<T>
    {
        if (!expected.Equals(value))
        {
            errors.Add(new KieValidationError(path, "const", "must be " + expectedText));
        }
    }

    /// <summary>Checks <c>enum</c> on an untyped (any JSON) value, with JSON equality.</summary>
    public static void EnumJson(List<KieValidationError> errors, string path, JsonElement value, JsonElement[] allowed, string allowedText)
    {
        foreach (var candidate in allowed)
        {
            if (KieJson.DeepEquals(value, candidate))
            {
                return;
            }
        }

        errors.Add(new KieValidationError(path, "enum", "must be one of " + allowedText));
    }

    /// <summary>Checks <c>const</c> on an untyped (any JSON) value, with JSON equality.</summary>
    public static void ConstJson(List<KieValidationError> errors, string path, JsonElement value, JsonElement expected, string expectedText)
    {
        if (!KieJson.DeepEquals(value, expected))
        {
            errors.Add(new KieValidationError(path, "const", "must be " + expectedText));
        }
    }

    /// <summary>Reports a property the schema does not allow (<c>additionalProperties: false</c>).</summary>
    public static void NotAllowed(List<KieValidationError> errors, string path)
    {
        errors.Add(new KieValidationError(path, "additionalProperties", "is not a parameter of this model"));
    }

    /// <summary>
    /// Reports a member the schema forbids (<c>additionalProperties: false</c>) as an error, naming the declared member
    /// it most likely meant.
    /// </summary>
    public static void NotAllowed(List<KieValidationError> errors, string path, string name, string[] declared)
    {
        var meant = KieNames.Closest(name, declared);
        errors.Add(new KieValidationError(Member(path, name), "additionalProperties",
            "is not a parameter of this model" + (meant is null ? "" : "; did you mean " + meant + "?")));
    }

    /// <summary>Appends a property name to a path.</summary>
    public static string Member(string path, string name) => path.Length == 0 ? name : path + "." + name;

    /// <summary>Appends an index to a path.</summary>
    public static string Index(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    /// <summary>Invariant text; for a double the shortest that round-trips (what "R" gives since .NET Core 3.0).</summary>
    private static string Format<T>(T value) where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);
}
