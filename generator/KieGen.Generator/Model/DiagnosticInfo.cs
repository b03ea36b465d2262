namespace KieGen.Generator.Model;

/// <summary>A diagnostic as plain data (no Location, no symbols), reported by a separate output step.</summary>
internal sealed record DiagnosticInfo(
    string Id,
    string FilePath,
    int Start,
    int Length,
    int StartLine,
    int StartColumn,
    int EndLine,
    int EndColumn,
    EquatableArray<string> Arguments);
