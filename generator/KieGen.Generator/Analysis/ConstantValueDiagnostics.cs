using Microsoft.CodeAnalysis;

namespace KieGen.Generator.Analysis;

/// <summary>Compile-time checks of constant values against a model's schema (KIE1xx).</summary>
internal static class ConstantValueDiagnostics
{
    private const string Category = "KieGen.Usage";

    public static readonly DiagnosticDescriptor StringTooLong = Rule("KIE101", "Constant string too long",
        "{0}: '{1}' allows at most {2} characters; this value has {3}");

    public static readonly DiagnosticDescriptor StringTooShort = Rule("KIE102", "Constant string too short",
        "{0}: '{1}' needs at least {2} characters; this value has {3}");

    public static readonly DiagnosticDescriptor NumberOutOfRange = Rule("KIE103", "Constant number out of range",
        "{0}: '{1}' must be {2}; this value is {3}");

    public static readonly DiagnosticDescriptor NotAMultiple = Rule("KIE104", "Constant number off its step",
        "{0}: '{1}' must be a multiple of {2}; this value is {3}");

    public static readonly DiagnosticDescriptor TooManyItems = Rule("KIE105", "Too many items",
        "{0}: '{1}' allows at most {2} item(s); this collection has {3}");

    public static readonly DiagnosticDescriptor TooFewItems = Rule("KIE106", "Too few items",
        "{0}: '{1}' needs at least {2} item(s); this collection has {3}");

    public static readonly DiagnosticDescriptor NotAnAbsoluteUrl = Rule("KIE107", "Not an absolute URL",
        "{0}: '{1}' must be an absolute URL; \"{2}\" is not");

    public static readonly DiagnosticDescriptor ConditionViolated = Rule("KIE108", "Conditional requirement not met",
        "{0}: '{1}' {2}");

    /// <summary>
    /// The same findings for a limit the schema marks <c>x-kie-advisory</c> (Kie's accepted traffic contradicts it, or
    /// nothing confirms it): a warning with the schema's reason, never an error.
    /// </summary>
    public static readonly DiagnosticDescriptor AdvisoryLimit = new("KIE109", "Constant value breaks an advisory limit",
        "{0}: '{1}': {2} (advisory limit, Kie accepts such values: {3})", Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        description: "The value is known at compile time and breaks a documented limit that the schema marks advisory; the request is sent and the limit is only reported. Strict validation (KieClientOptions.StrictValidation, Build(strict: true)) refuses it.");

    private static DiagnosticDescriptor Rule(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: "The value is known at compile time and breaks a limit of the model's schema; Kie would reject the request.");
}
