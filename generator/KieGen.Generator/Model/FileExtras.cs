namespace KieGen.Generator.Model;

/// <summary>
/// A <c>deprecated</c> marker: of a model (the file member) or of an enum value (<c>x-enumDeprecated</c>). Says how
/// far along it is (<see cref="Status"/>), why, and what replaces it. The C# name of the replacement is filled in
/// when known: a model's after parsing, when the project generates it; an enum value's, its member.
/// </summary>
internal sealed record DeprecationSpec(string Reason, string? ReplacedBy, string? ReplacementType)
{
    /// <summary>The words a status may be: still served, no longer served (a model), no longer offered (a value).</summary>
    public static readonly string[] Statuses = { "deprecated", "retired", "discontinued" };

    /// <summary><c>deprecated</c> (the default), <c>retired</c> or <c>discontinued</c>: the word the message uses.</summary>
    public string Status { get; init; } = "deprecated";

    /// <summary>The [Obsolete] message: subject, status, reason, and the replacement (with its C# name when known).</summary>
    public string Message(string subject)
    {
        var reason = Reason.Trim().TrimEnd('.');
        var text = subject + " is " + Status + (reason.Length == 0 ? "" : ": " + reason) + ".";
        if (ReplacedBy is not null)
        {
            text += " Use " + ReplacedBy + (ReplacementType is null ? "" : " (" + ReplacementType + ")") + ".";
        }

        return text;
    }
}
