namespace KieGen.Generator.Model;

/// <summary>
/// A keyword the schema marks <c>x-kie-advisory</c>: its violation is a warning carrying <paramref name="Reason"/>,
/// not an error. For <c>required</c>, <paramref name="Member"/> names the member whose requirement is advisory.
/// </summary>
internal sealed record Advisory(string Keyword, string Reason, string? Member);
