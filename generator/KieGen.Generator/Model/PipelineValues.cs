namespace KieGen.Generator.Model;

/// <summary>A schema file's path and text, as read from the AdditionalFiles.</summary>
internal sealed record SchemaFile(string Path, string Text);

/// <summary>One model's generated source, or the diagnostic that replaced it when emission failed.</summary>
internal sealed record RenderedSource(string HintName, string? Text, DiagnosticInfo? Failure);
