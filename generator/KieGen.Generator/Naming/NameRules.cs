using System;
using System.Collections.Generic;

namespace KieGen.Generator.Naming;

/// <summary>
/// The rules every C# identifier the generator emits follows, kept in one place:
/// <list type="bullet">
/// <item>Names come from wire text through <see cref="Parsing.CSharpNames.Pascal"/>: formatting characters
/// (U+200D, U+00AD, ...), which C# ignores, are dropped; combining marks are kept; a name that cannot start an
/// identifier gets a prefix.</item>
/// <item>Type names are unique within a file (suffix <c>_2</c>, <c>_3</c>, ...) and start with an upper-case letter;
/// across files of one namespace, a second file declaring a taken name is reported as KIE010 and not generated
/// (files are ranked by ordinal path, so the outcome never depends on enumeration order).</item>
/// <item>A derived property name that matches a member every generated type has gets a <c>Value</c> suffix; an
/// <c>x-csharpName</c> that matches one, or the type's own name, is reported as KIE010.</item>
/// <item>Enum member names are unique within their enum (suffix <c>_2</c>, ...) and never <c>value__</c>.</item>
/// <item>Builder fields are <c>_</c> plus the camel-cased property name, made unique within the builder.</item>
/// </list>
/// </summary>
internal static class NameRules
{
    /// <summary>
    /// The catalog class in a base namespace: <c>KieGenCatalog</c> for the catalog compiled into the KieGen library
    /// (<c>KieGen.Models</c>), <c>KieCatalog</c> in a project's own namespace, so code that sees both never has an
    /// ambiguous name. No category namespace may take it.
    /// </summary>
    public static string CatalogClass(string baseNamespace) => baseNamespace == "KieGen.Models" ? "KieGenCatalog" : "KieCatalog";

    /// <summary>Members of every generated request or value class (and of <see cref="object"/>).</summary>
    public static readonly HashSet<string> ReservedMembers = new(StringComparer.Ordinal)
    {
        "KieModel", "ModelInfo", "Validate", "WriteProperties", "TryParse", "CreateBuilder", "Builder",
        "AdditionalProperties", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize",
        "ReferenceEquals", "s_model", "TryParseBody", "WriteTopLevelProperties", "KieParameters",
        // Members of the base class KieRequest<TSelf>.
        "ToJsonBody", "ToJsonParameters", "WriteBody", "EnsureValid",
    };

    /// <summary>The runtime's name for an enum's underlying value (CS0076).</summary>
    public const string EnumValueField = "value__";
}
