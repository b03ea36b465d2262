using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace KieGen.Generator.Diagnostics;

/// <summary>Schema-file diagnostics (KIE0xx). Keep AnalyzerReleases.Unshipped.md in step with this list.</summary>
internal static class KieDiagnostics
{
    private const string Category = "KieGen.Schema";

    public static readonly DiagnosticDescriptor MalformedJson = Error("KIE001", "Malformed JSON", "The schema file is not valid JSON: {0}");
    public static readonly DiagnosticDescriptor UnknownKeyword = Error("KIE002", "Unknown keyword", "Unknown keyword '{0}'{1}");
    public static readonly DiagnosticDescriptor WrongKeywordType = Error("KIE003", "Keyword has the wrong type", "'{0}' must be {1}");
    public static readonly DiagnosticDescriptor UnsupportedType = Error("KIE004", "Unsupported type", "Type {0} is not supported; use one of string, integer, number, boolean, array, object");
    public static readonly DiagnosticDescriptor EmptyEnum = Error("KIE005", "Empty enum", "'enum' must list at least one value");
    public static readonly DiagnosticDescriptor DuplicateEnumValue = Error("KIE006", "Duplicate enum value", "Enum value {0} is listed more than once");
    public static readonly DiagnosticDescriptor InvalidDefault = Error("KIE007", "Default not allowed by the schema", "Default {0} is not allowed: {1}");
    public static readonly DiagnosticDescriptor MinAboveMax = Error("KIE008", "Minimum above maximum", "'{0}' ({1}) is greater than '{2}' ({3}); no value can satisfy both");
    public static readonly DiagnosticDescriptor DuplicateModelId = Error("KIE009", "Duplicate model id", "Model '{0}' is also defined in '{1}'; each model id must be defined once");
    public static readonly DiagnosticDescriptor NameCollision = Error("KIE010", "C# name collision", "{0}; set 'x-csharpName' (or 'csharpName' for a model) to tell them apart");
    public static readonly DiagnosticDescriptor MissingModelId = Error("KIE011", "Missing model id", "The schema file has no 'model': the Kie model id (for example \"kling-2.6/image-to-video\") is required");
    public static readonly DiagnosticDescriptor MissingField = Error("KIE012", "Missing required field", "The schema file has no '{0}': {1}");
    public static readonly DiagnosticDescriptor InvalidValue = Error("KIE013", "Invalid value", "'{0}' has the invalid value {1}; {2}");
    public static readonly DiagnosticDescriptor InvalidPattern = Error("KIE014", "Invalid pattern", "Pattern {0} is not a valid regular expression: {1}");
    public static readonly DiagnosticDescriptor UndeclaredRequired = Error("KIE015", "Required property is not declared", "'required' names '{0}', which is not in 'properties'");
    public static readonly DiagnosticDescriptor UnsupportedKeyword = Error("KIE016", "Unsupported keyword", "JSON Schema keyword '{0}' is not supported by KieGen; supported keywords are listed in schemas/README.md");
    public static readonly DiagnosticDescriptor DuplicateProperty = Error("KIE017", "Duplicate property", "'{0}' appears more than once in the same object");
    public static readonly DiagnosticDescriptor TopLevelCollision = Error("KIE018", "Top-level field collides with the body", "The top-level field '{0}' collides with {1}; remove it from 'topLevel'");
    public static readonly DiagnosticDescriptor UnresolvedReference = Error("KIE019", "Unresolved $ref", "'$ref' \"{0}\" {1}");
    public static readonly DiagnosticDescriptor ReferenceCycle = Error("KIE020", "$ref cycle", "'$ref' \"{0}\" leads back to itself ({1}); recursive schemas are not supported");
    public static readonly DiagnosticDescriptor CompositionMistake = Error("KIE021", "Invalid allOf/anyOf/oneOf", "{0}");
    public static readonly DiagnosticDescriptor AllOfConflict = Error("KIE022", "allOf parts disagree", "allOf parts declare '{0}' with different types ({1}); no value can satisfy them all");
    public static readonly DiagnosticDescriptor UnknownRole = Error("KIE023", "Unknown parameter role", "'x-kie-role' {0} is not a known role{1}; known roles are {2}");
    public static readonly DiagnosticDescriptor DuplicateRole = Error("KIE024", "Parameter role used twice", "'x-kie-role' \"{0}\" of '{1}' is already the role of '{2}'; a role belongs to one parameter");
    public static readonly DiagnosticDescriptor ConditionMistake = Error("KIE025", "Invalid condition", "{0}");
    public static readonly DiagnosticDescriptor InvalidAdvisory = Error("KIE030", "Invalid x-kie-advisory", "'x-kie-advisory' {0}");
    public static readonly DiagnosticDescriptor InvalidEnumDeprecation = Error("KIE031", "Invalid x-enumDeprecated", "'x-enumDeprecated' {0}");
    public static readonly DiagnosticDescriptor InvalidCall = Error("KIE040", "Invalid synchronous endpoint", "'{0}' {1}");
    public static readonly DiagnosticDescriptor InvalidOutput = Error("KIE041", "Invalid output", "'output' {0}");
    public static readonly DiagnosticDescriptor InternalError = Error("KIE099", "KieGen failed on this file", "KieGen could not process this file ({0}); please report it with the file attached");

    public static readonly IReadOnlyDictionary<string, DiagnosticDescriptor> ById = Index(
        MalformedJson, UnknownKeyword, WrongKeywordType, UnsupportedType, EmptyEnum, DuplicateEnumValue, InvalidDefault,
        MinAboveMax, DuplicateModelId, NameCollision, MissingModelId, MissingField, InvalidValue, InvalidPattern,
        UndeclaredRequired, UnsupportedKeyword, DuplicateProperty, TopLevelCollision, UnresolvedReference, ReferenceCycle, CompositionMistake, AllOfConflict, UnknownRole, DuplicateRole, ConditionMistake, InvalidAdvisory, InvalidEnumDeprecation, InvalidCall, InvalidOutput, InternalError);

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static Dictionary<string, DiagnosticDescriptor> Index(params DiagnosticDescriptor[] descriptors)
    {
        var map = new Dictionary<string, DiagnosticDescriptor>();
        foreach (var descriptor in descriptors)
        {
            map.Add(descriptor.Id, descriptor);
        }

        return map;
    }
}
