using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using System.Text.Json;
using KieGen.Validation;

namespace KieGen.Requests.Support;

/// <summary>
/// One branch of an <c>anyOf</c>/<c>oneOf</c>/<c>allOf</c>, checked: its title and what it found wrong. Called by
/// generated code; not meant for direct use.
/// </summary>
/// <param name="Title">The branch's title (from the schema), or "option N".</param>
/// <param name="Errors">The branch's violations; empty when the value satisfies it.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct KieBranchResult(string Title, List<KieValidationError> Errors);

/// <summary>Checks of <c>type</c> lists and of <c>allOf</c>/<c>anyOf</c>/<c>oneOf</c>. Called by generated code; not meant for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KieComposition
{
    /// <summary>Checks a list of JSON types (<c>"type": ["string", "null"]</c>); <c>integer</c> is a number without a fraction.</summary>
    /// <returns><see langword="false"/> when the value has none of the types.</returns>
    public static bool Type(List<KieValidationError> errors, string path, JsonElement value, string[] types)
    {
        foreach (var type in types)
        {
            var matches = type switch
            {
                "string" => value.ValueKind == JsonValueKind.String,
                "number" => value.ValueKind == JsonValueKind.Number,
                "integer" => value.ValueKind == JsonValueKind.Number && IsIntegral(value),
                "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
                "array" => value.ValueKind == JsonValueKind.Array,
                "object" => value.ValueKind == JsonValueKind.Object,
                "null" => value.ValueKind == JsonValueKind.Null,
                _ => false,
            };
            if (matches)
            {
                return true;
            }
        }

        errors.Add(new KieValidationError(path, "type", $"must be {string.Join(" or ", types)} (was {KieJson.KindName(value.ValueKind)})"));
        return false;
    }

    /// <summary><c>allOf</c>: every branch's violations count (each reported once).</summary>
    public static void AllOf(List<KieValidationError> errors, params KieBranchResult[] branches)
    {
        foreach (var error in branches.SelectMany(b => b.Errors))
        {
            if (!errors.Contains(error))
            {
                errors.Add(error);
            }
        }
    }

    /// <summary><c>anyOf</c>: at least one branch must hold; otherwise names the closest branch and what it lacks.</summary>
    public static void AnyOf(List<KieValidationError> errors, string path, params KieBranchResult[] branches)
    {
        if (!branches.Any(b => !KieCheck.HasErrors(b.Errors)))
        {
            errors.Add(None(path, "anyOf", branches));
        }
    }

    /// <summary>
    /// <c>oneOf</c>: exactly one branch must hold. None: names the closest branch and what it lacks. Several: names
    /// them, since their fields were mixed.
    /// </summary>
    public static void OneOf(List<KieValidationError> errors, string path, params KieBranchResult[] branches)
    {
        var matched = branches.Where(b => !KieCheck.HasErrors(b.Errors)).Select(b => "'" + b.Title + "'").ToList();
        if (matched.Count == 0)
        {
            errors.Add(None(path, "oneOf", branches));
        }
        else if (matched.Count > 1)
        {
            var names = string.Join(", ", matched.Take(matched.Count - 1)) + " and " + matched[^1];
            errors.Add(new KieValidationError(path, "oneOf",
                $"matches {names} at once, but exactly one is allowed: use the fields of one of them, not both"));
        }
    }

    /// <summary>
    /// <c>not</c>: the negated schema must not hold. <paramref name="forbids"/> names the members of a
    /// <c>not: {"required": [...]}</c>, each reported at its own path; otherwise the value is reported.
    /// </summary>
    public static void Not(List<KieValidationError> errors, string path, List<KieValidationError> negated, string[] forbids)
    {
        if (negated.Count > 0)
        {
            return;
        }

        if (forbids.Length == 0)
        {
            errors.Add(new KieValidationError(path, "not", "must not match the schema under 'not'"));
            return;
        }

        foreach (var member in forbids)
        {
            var others = forbids.Where(m => m != member).Select(m => "'" + m + "'").ToList();
            errors.Add(new KieValidationError(KieCheck.Member(path, member), "not",
                others.Count == 0 ? "is not allowed" : "is not allowed together with " + string.Join(" and ", others)));
        }
    }

    /// <summary>
    /// <c>if</c>/<c>then</c>/<c>else</c>: adds what the applying branch reported, each message followed by the
    /// condition in words ("is required" becomes "is required when multi_shots is true").
    /// </summary>
    public static void Conditional(List<KieValidationError> errors, List<KieValidationError> outcome, string condition)
    {
        foreach (var error in outcome)
        {
            var conditioned = new KieValidationError(error.Path, error.Keyword, error.Message + " " + condition);
            if (!errors.Contains(conditioned))
            {
                errors.Add(conditioned);
            }
        }
    }

    /// <summary><c>dependentRequired</c>: when <paramref name="member"/> is present, every one of <paramref name="required"/> must be.</summary>
    public static void DependentRequired(List<KieValidationError> errors, string path, JsonElement json, string member, params string[] required)
    {
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty(member, out _))
        {
            return;
        }

        foreach (var name in required)
        {
            if (!json.TryGetProperty(name, out _))
            {
                errors.Add(new KieValidationError(KieCheck.Member(path, name), "dependentRequired", "is required when '" + member + "' is present"));
            }
        }
    }

    private static KieValidationError None(string path, string keyword, KieBranchResult[] branches)
    {
        // The branch with the fewest violations is the one the caller most likely meant.
        // A warning (an advisory limit) never stops a branch from matching, so only errors count here.
        var closest = branches.OrderBy(b => b.Errors.Count(e => e.IsError)).First();
        var problems = closest.Errors.Where(e => e.IsError).Select(e => e.Keyword == "required" ? "lacks '" + Relative(path, e.Path) + "'" : "fails " + e);
        var what = branches.Length == 1 ? "its only alternative" : $"its {branches.Length} alternatives";
        return new KieValidationError(path, keyword,
            $"matches none of {what}; the closest is '{closest.Title}', which {string.Join("; ", problems)}");
    }

    private static string Relative(string path, string full) =>
        path.Length > 0 && full.StartsWith(path + ".", System.StringComparison.Ordinal) ? full.Substring(path.Length + 1) : full;

    private static bool IsIntegral(JsonElement value) =>
        value.TryGetInt64(out _) || (value.TryGetDouble(out var d) && !double.IsInfinity(d) && System.Math.Floor(d) == d);
}
