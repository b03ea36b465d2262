using System.Linq;

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

    /// <summary><c>not</c>: its one branch must not hold.</summary>
    Not,

    /// <summary><c>if</c>/<c>then</c>/<c>else</c>: branches titled "if", "then" and "else" (then or else may be absent).</summary>
    Conditional,
}

/// <summary>An <c>allOf</c>, <c>anyOf</c> or <c>oneOf</c> on a schema node, checked against the value's JSON.</summary>
internal sealed record Composition(CompositionKind Kind, EquatableArray<Branch> Branches)
{
    public string Keyword => Kind switch
    {
        CompositionKind.All => "allOf",
        CompositionKind.Any => "anyOf",
        CompositionKind.Not => "not",
        CompositionKind.Conditional => "if",
        _ => "oneOf",
    };

    /// <summary>
    /// A conditional's condition in words, appended to what its <c>then</c> reports ("when multi_shots is true"); and
    /// to what its <c>else</c> reports (<see cref="Otherwise"/>). Empty for the other kinds.
    /// </summary>
    public string When { get; init; } = "";

    /// <summary>What a conditional's <c>else</c> reports is appended with ("unless multi_shots is true").</summary>
    public string Otherwise { get; init; } = "";

    /// <summary>For <c>not: {"required": [...]}</c>: the members it forbids together, reported each at its own path.</summary>
    public EquatableArray<string> Forbids { get; init; }

    /// <summary>
    /// For a conditional of the form "when P equals X (or is present), Q is required / forbidden", which the analyzer
    /// can check on constant builder calls: P's wire name; null for any other conditional.
    /// </summary>
    public string? Trigger { get; init; }

    /// <summary>The JSON value <see cref="Trigger"/> must have; null when being present is enough.</summary>
    public string? TriggerJson { get; init; }

    /// <summary>What <c>then</c> requires (see <see cref="Trigger"/>).</summary>
    public EquatableArray<string> ThenRequires { get; init; }

    /// <summary>What <c>then</c> forbids, by <c>"q": false</c> or <c>not: {"required": ["q"]}</c> (see <see cref="Trigger"/>).</summary>
    public EquatableArray<string> ThenForbids { get; init; }

    public Branch? Find(string title) => Branches.FirstOrDefault(b => b.Title == title);
}

/// <summary><c>dependentRequired</c>: when <paramref name="Member"/> is present, each of <paramref name="Required"/> must be.</summary>
internal sealed record Dependency(string Member, EquatableArray<string> Required);

/// <summary>
/// One branch: its display title (the schema's <c>title</c>, or "option N"), a C# name for branch-specific builders,
/// its schema (validation only: no C# types of its own), and whether it is object-shaped (has properties or
/// required), which is what gets a builder entry point.
/// </summary>
internal sealed record Branch(string Title, string CSharpName, string Description, SchemaNode Schema, bool IsObjectShape);
