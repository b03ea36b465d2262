namespace KieGen.Generator.Model;

/// <summary>Which JSON Schema combinator a <see cref="Composition"/> stands for.</summary>
internal enum CompositionKind
{
    /// <summary><c>allOf</c>: every branch must hold.</summary>
    All,

    /// <summary><c>anyOf</c>: at least one branch must hold.</summary>
    Any,

    /// <summary><c>oneOf</c>: exactly one branch must hold.</summary>
    One,
}

/// <summary>An <c>allOf</c>, <c>anyOf</c> or <c>oneOf</c> on a schema node, checked against the value's JSON.</summary>
internal sealed record Composition(CompositionKind Kind, EquatableArray<Branch> Branches)
{
    public string Keyword => Kind switch
    {
        CompositionKind.All => "allOf",
        CompositionKind.Any => "anyOf",
        _ => "oneOf",
    };
}

/// <summary>
/// One branch: its display title (the schema's <c>title</c>, or "option N"), a C# name for branch-specific builders,
/// its schema (validation only: no C# types of its own), and whether it is object-shaped (has properties or
/// required), which is what gets a builder entry point.
/// </summary>
internal sealed record Branch(string Title, string CSharpName, string Description, SchemaNode Schema, bool IsObjectShape);
