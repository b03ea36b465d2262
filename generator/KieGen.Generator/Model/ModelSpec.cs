namespace KieGen.Generator.Model;

/// <summary>Everything needed to emit one model. Pure data with value equality: it crosses pipeline steps.</summary>
internal sealed record ModelSpec(
    string FilePath,
    string ModelId,
    ApiFamily Family,
    string Category,
    ResultKind ResultKind,
    string Title,
    string Description,
    string Namespace,
    string TypeName,
    string CreatePath,
    string StatusPath,
    BodyStyle BodyStyle,
    string CallbackField,
    bool CallbackRequired,
    SchemaNode Input)
{
    public string FullTypeName => Namespace + "." + TypeName;

    /// <summary>The file-level <c>deprecated</c> member, when the model is deprecated.</summary>
    public DeprecationSpec? Deprecation { get; init; }

    /// <summary>
    /// The file-level <c>topLevel</c> member: body fields written beside <c>model</c>, <c>callBackUrl</c> and
    /// <c>input</c>, as an object node whose properties become properties of the request type.
    /// </summary>
    public SchemaNode? TopLevel { get; init; }

    /// <summary>
    /// The file's <c>endpoint.call</c>: the path of a synchronous endpoint, answered at once with the result (no
    /// task, no status, no callback). Null for a model that creates tasks.
    /// </summary>
    public string? CallPath { get; init; }

    /// <summary>
    /// The file's <c>output</c> (synchronous calls only): the schema of Kie's <c>data</c> answer, an object node that
    /// becomes the result class (<see cref="ResultTypeName"/>). Null: the result is the raw <c>data</c> JsonElement.
    /// </summary>
    public SchemaNode? Output { get; init; }

    /// <summary>The C# name of the result class of a synchronous call with an <see cref="Output"/>.</summary>
    public string? ResultTypeName => Output?.ClassName;
}

internal enum NodeKind
{
    String,
    Integer,
    Number,
    Boolean,
    Array,

    /// <summary>An object with declared properties: a generated class.</summary>
    Object,

    /// <summary>Any JSON value (no <c>type</c>), or an object without declared properties: a JsonElement.</summary>
    Json,
}

/// <summary>
/// One JSON Schema (sub)schema, reduced to the keywords KieGen supports. Bounds are decimals: exact for every
/// <c>long</c> and for decimal fractions such as 0.01, so integer bounds above 2^53 compare exactly.
/// </summary>
internal sealed record SchemaNode(
    int Id,
    NodeKind Kind,
    bool RequireObject,
    string Description,
    bool Deprecated,
    string? DefaultJson,
    long? MinLength,
    long? MaxLength,
    string? Pattern,
    bool UriFormat,
    decimal? Minimum,
    decimal? Maximum,
    decimal? ExclusiveMinimum,
    decimal? ExclusiveMaximum,
    double? MultipleOf,
    long? MinItems,
    long? MaxItems,
    bool UniqueItems,
    SchemaNode? Items,
    EquatableArray<PropertySpec> Properties,
    bool AdditionalAllowed,
    SchemaNode? AdditionalSchema,
    EquatableArray<string> JsonRequired,
    EquatableArray<EnumMember> Enum,
    string? EnumTypeName,
    string? ConstJson,
    string? ClassName)
{
    public bool HasEnum => Enum.Count > 0;

    /// <summary>A string or integer enumeration emitted as a C# enum.</summary>
    public bool IsCSharpEnum => EnumTypeName is not null;

    /// <summary>
    /// For a <see cref="NodeKind.Json"/> node: the JSON types allowed (<c>"type": ["string", "null"]</c>), empty
    /// for any. Checked on the JSON value.
    /// </summary>
    public EquatableArray<string> JsonTypes { get; init; }

    /// <summary>The node's <c>allOf</c>/<c>anyOf</c>/<c>oneOf</c>, checked against the value's JSON.</summary>
    public EquatableArray<Composition> Compositions { get; init; }

    /// <summary>The node's <c>dependentRequired</c>, checked against the value's JSON.</summary>
    public EquatableArray<Dependency> Dependencies { get; init; }

    /// <summary>The schema <c>false</c> (inside a branch or condition): no value is allowed.</summary>
    public bool Never { get; init; }

    /// <summary>Rules checked on the value's JSON by the node's Compose helper: combinators, conditions, dependencies.</summary>
    public bool HasJsonRules => Compositions.Count > 0 || Dependencies.Count > 0;

    /// <summary>Wire names of the properties a class gets only from its <c>oneOf</c>/<c>anyOf</c> branches.</summary>
    public EquatableArray<string> BranchProperties { get; init; }

    /// <summary>The node's <c>x-kie-advisory</c> keywords: violations of these are warnings with the reason.</summary>
    public EquatableArray<Advisory> Advisories { get; init; }
}

/// <summary>A declared property: wire name kept exactly, C# name derived or overridden.</summary>
internal sealed record PropertySpec(string WireName, string CSharpName, bool Required, SchemaNode Schema)
{
    /// <summary>The parameter's <c>x-kie-role</c> (what it means to a generic adapter), when the schema says.</summary>
    public string? Role { get; init; }
}

/// <summary>An enumerated value: its JSON text, and its C# member name when the enum becomes a C# enum.</summary>
internal sealed record EnumMember(string Json, string Display, string CSharpName)
{
    /// <summary>
    /// The value's <c>x-enumDeprecated</c> marker: still allowed, no longer offered. <c>ReplacedBy</c> is the
    /// replacing value's display text, <c>ReplacementType</c> its C# member (<c>Enum.Member</c>) when there is one.
    /// </summary>
    public DeprecationSpec? Deprecation { get; init; }

    /// <summary>The value as JSON shows it: quoted for a string, bare for a number.</summary>
    public string Shown => Json.StartsWith("\"", System.StringComparison.Ordinal) ? Json : Display;
}

/// <summary>
/// The per-file parse outcome: a model (null when the file has errors), the type names it declares with their
/// positions (for the cross-file rules), and its diagnostics. Positions stay out of <see cref="ModelSpec"/>, so a
/// whitespace-only edit leaves the model equal and its emission cached.
/// </summary>
internal sealed record ParseResult(string FilePath, ModelSpec? Model, Naming.DeclaredTypes? Declared, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>Options from MSBuild that shape the output.</summary>
internal sealed record GeneratorOptions(string BaseNamespace)
{
    public const string DefaultNamespace = "KieGen.Models";
}

/// <summary>A position in a schema file, for diagnostics that are raised after parsing.</summary>
internal sealed record SourceSpan(int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn);
