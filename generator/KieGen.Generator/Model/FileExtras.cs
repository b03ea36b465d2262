namespace KieGen.Generator.Model;

/// <summary>
/// A <c>deprecated</c> marker: of a model (the file member) or of an enum value (<c>x-enumDeprecated</c>). Says how
/// far along it is (<see cref="Status"/>), why, and what replaces it. The C# name of the replacement is filled in
/// when known: a model's after parsing, when the project generates it; an enum value's, its member.
/// </summary>
internal sealed record DeprecationSpec(string Reason, string? ReplacedBy, string? ReplacementType)
{
    /// <summary>How far along it is; its word is what the messages say.</summary>
    public DeprecationStatus Status { get; init; } = DeprecationStatus.Deprecated;
}
