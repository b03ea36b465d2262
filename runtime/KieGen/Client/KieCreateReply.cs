using System;

namespace KieGen.Client;

/// <summary>
/// Reads a create call's error answer. Kie reports a body that lacks a required field with code 500 (recorded: "This
/// field is required", "text is required") and <c>data: null</c>: the input was refused and nothing was created, unlike
/// a real server error after which a task may exist.
/// </summary>
internal static class KieCreateReply
{
    /// <summary>Code 500 whose message says a field is required: Kie refused the input.</summary>
    public static bool RejectsInput(KieEnvelope envelope) =>
        envelope.ErrorCode == 500 && envelope.Message?.TrimEnd().EndsWith("is required", StringComparison.OrdinalIgnoreCase) == true;
}
