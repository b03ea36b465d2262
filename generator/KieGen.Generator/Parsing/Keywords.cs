using System.Collections.Generic;
using KieGen.Generator.Model;

namespace KieGen.Generator.Parsing;

/// <summary>The vocabulary of a schema file: what KieGen reads, and what it knows but does not support.</summary>
internal static class Keywords
{
    public static readonly string[] FileMembers =
    {
        "$schema", "$comment", "model", "family", "category", "result", "title", "description", "csharpName",
        "endpoint", "bodyStyle", "callback", "input", "output", "deprecated", "topLevel", "$defs", "definitions",
    };

    public static readonly string[] SchemaKeywords =
    {
        "$schema", "$comment", "type", "enum", "const", "default", "title", "description", "examples", "deprecated",
        "minLength", "maxLength", "pattern", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "multipleOf", "items", "minItems", "maxItems", "uniqueItems", "properties", "required", "additionalProperties",
        "x-csharpName", "x-enumNames", "x-enumDeprecated", "x-kie-role", "x-kie-advisory", "$ref", "$defs", "definitions", "allOf", "anyOf", "oneOf",
        "not", "if", "then", "else", "dependentRequired",
    };

    /// <summary>Standard JSON Schema keywords that KieGen deliberately does not implement.</summary>
    public static readonly HashSet<string> Unsupported = new()
    {
        "$id", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary", "prefixItems", "additionalItems", "contains", "minContains",
        "maxContains", "patternProperties", "propertyNames", "dependentSchemas", "dependencies",
        "unevaluatedItems", "unevaluatedProperties", "minProperties", "maxProperties", "contentEncoding",
        "contentMediaType", "contentSchema", "readOnly", "writeOnly",
    };

    /// <summary>The keywords <c>x-kie-advisory</c> can mark as advisory (their violation a warning, not an error).</summary>
    public static readonly string[] AdvisoryKeywords =
    {
        "maxLength", "minLength", "maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum", "maxItems", "minItems",
        "pattern", "enum", "multipleOf", "uniqueItems", "format", "required",
    };

    /// <summary>The JSON types a schema's <c>type</c> may name besides <c>"null"</c>; <see cref="NodeKind.Json"/> has no word.</summary>
    public static readonly WireWords<NodeKind> Types = new(
        ("string", NodeKind.String), ("integer", NodeKind.Integer), ("number", NodeKind.Number), ("boolean", NodeKind.Boolean),
        ("array", NodeKind.Array), ("object", NodeKind.Object));

    /// <summary>
    /// The API families a file may name in <c>family</c>. The one list of their wire names: the parser, its messages and
    /// generated docs read it; generated code names the <see cref="ApiFamily"/> member, which is the runtime's.
    /// </summary>
    public static readonly WireWords<ApiFamily> Families = new(
        ("market", ApiFamily.Market), ("veo", ApiFamily.Veo), ("suno", ApiFamily.Suno), ("runway", ApiFamily.Runway),
        ("aleph", ApiFamily.Aleph), ("gpt4o-image", ApiFamily.Gpt4oImage), ("flux-kontext", ApiFamily.FluxKontext),
        ("midjourney", ApiFamily.Midjourney), ("luma", ApiFamily.Luma));

    /// <summary>What a file may say a model produces, in <c>result</c>.</summary>
    public static readonly WireWords<ResultKind> ResultKinds = new(
        ("image", ResultKind.Image), ("video", ResultKind.Video), ("audio", ResultKind.Audio), ("music", ResultKind.Music),
        ("text", ResultKind.Text), ("object", ResultKind.Object));

    /// <summary>The body shapes a file may name in <c>bodyStyle</c>.</summary>
    public static readonly WireWords<BodyStyle> BodyStyles = new(("input", BodyStyle.Input), ("flat", BodyStyle.Flat));

    /// <summary>The <c>status</c> words of a <c>deprecated</c> marker (a model's, or an enum value's).</summary>
    public static readonly WireWords<DeprecationStatus> DeprecationStatuses = new(
        ("deprecated", DeprecationStatus.Deprecated), ("retired", DeprecationStatus.Retired), ("discontinued", DeprecationStatus.Discontinued));

    /// <summary>
    /// What an <c>x-kie-role</c> may say a parameter is, so adapters (Microsoft.Extensions.AI) can map a generic
    /// request onto any model. Each role is held by at most one parameter of an object.
    /// </summary>
    public static readonly string[] Roles =
    {
        "prompt", "negative-prompt", "image-input", "mask-input", "aspect-ratio", "size", "count", "output-format", "seed",
        "text", "voice", "speed", "audio-input", "language", "dialogue", "speakers",
    };

    /// <summary>The closest known word within two edits, to suggest for a misspelling.</summary>
    public static string? Suggest(string word, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = 3;
        foreach (var candidate in known)
        {
            var distance = Distance(word.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = System.Math.Min(System.Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
