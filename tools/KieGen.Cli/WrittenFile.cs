namespace KieGen.Cli;

/// <summary>What writing a schema file did: <c>added</c>, <c>updated</c> or <c>unchanged</c>, and where.</summary>
internal sealed record WrittenFile(string Action, string Path)
{
    /// <inheritdoc />
    public override string ToString() => $"{Action} {Path}";
}
