namespace KieGen.Generator.Tests.Infrastructure;

/// <summary>The schema files in the repository's schemas/ folder, copied beside the tests.</summary>
public static class Catalog
{
    public static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "schemas");

    public static SchemaText[] Files() =>
        System.IO.Directory.GetFiles(Directory, "*.kie.json", SearchOption.AllDirectories)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => new SchemaText(Path.GetRelativePath(Directory, p).Replace('\\', '/'), System.IO.File.ReadAllText(p)))
            .ToArray();

    public static SchemaText File(string relativePath) => Files().Single(f => f.Path == relativePath);
}
