namespace KieGen.Generator.Model;

/// <summary>
/// A file-level <c>deprecated</c> member: why the model is deprecated and which model replaces it. The C# type of
/// the replacement is filled in after parsing, when it is generated in the same project.
/// </summary>
internal sealed record DeprecationSpec(string Reason, string? ReplacedBy, string? ReplacementType)
{
    /// <summary>The [Obsolete] message: model, reason, and the replacement (with its C# type when known).</summary>
    public string Message(string modelId)
    {
        var reason = Reason.Trim().TrimEnd('.');
        var text = modelId + " is deprecated" + (reason.Length == 0 ? "" : ": " + reason) + ".";
        if (ReplacedBy is not null)
        {
            text += " Use " + ReplacedBy + (ReplacementType is null ? "" : " (" + ReplacementType + ")") + ".";
        }

        return text;
    }
}
