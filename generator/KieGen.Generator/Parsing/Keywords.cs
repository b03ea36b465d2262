using System.Collections.Generic;
using System.Linq;

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

    /// <summary>
    /// The API families a file may name in <c>family</c>, each with its member of the runtime's
    /// <c>KieGen.Requests.KieApiFamily</c> that generated code names. The one table the parser, its messages and the
    /// emitter read (the runtime enum cannot be referenced from here; a test holds the two equal).
    /// </summary>
    public static readonly (string Name, string Member)[] FamilyTable =
    {
        ("market", "Market"), ("veo", "Veo"), ("suno", "Suno"), ("runway", "Runway"), ("aleph", "Aleph"),
        ("gpt4o-image", "Gpt4oImage"), ("flux-kontext", "FluxKontext"), ("midjourney", "Midjourney"), ("luma", "Luma"),
    };

    /// <summary>The family names a file may use, in the table's order (for messages).</summary>
    public static readonly string[] Families = FamilyTable.Select(f => f.Name).ToArray();

    /// <summary>The <c>KieApiFamily</c> member of a family name the parser accepted; null for any other name.</summary>
    public static string? FamilyMember(string name) => FamilyTable.FirstOrDefault(f => f.Name == name).Member;

    /// <summary>
    /// What an <c>x-kie-role</c> may say a parameter is, so adapters (Microsoft.Extensions.AI) can map a generic
    /// request onto any model. Each role is held by at most one parameter of an object.
    /// </summary>
    public static readonly string[] Roles =
    {
        "prompt", "negative-prompt", "image-input", "mask-input", "aspect-ratio", "size", "count", "output-format", "seed",
        "text", "voice", "speed", "audio-input", "language", "dialogue", "speakers",
    };

    public static readonly string[] ResultKinds = { "image", "video", "audio", "music", "text", "object" };

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
