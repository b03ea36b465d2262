namespace KieGen.Catalog.Tests.Infrastructure;

/// <summary>The schema files of <c>schemas/</c>, copied beside the tests, keyed by model id.</summary>
public static class CatalogFiles
{
    public static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "schemas");

    private static readonly Lazy<IReadOnlyList<CatalogFile>> Files = new(() =>
        System.IO.Directory.GetFiles(Directory, "*.kie.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => new CatalogFile(
                Path.GetRelativePath(Directory, path).Replace('\\', '/'),
                JsonDocument.Parse(File.ReadAllBytes(path)).RootElement))
            .ToList());

    public static IReadOnlyList<CatalogFile> All => Files.Value;

    public static CatalogFile Get(string model) => All.Single(f => f.Model == model);
}

/// <summary>One schema file: its path under <c>schemas/</c> and its JSON.</summary>
public sealed record CatalogFile(string Path, JsonElement Json)
{
    public string Model => Member("model")!;

    public string? Member(string name) => Json.TryGetProperty(name, out var value) ? value.GetString() : null;

    public JsonElement Input => Json.GetProperty("input");

    /// <summary>A synchronous endpoint (<c>endpoint.call</c>): answered at once, no task.</summary>
    public bool IsSynchronous => Json.TryGetProperty("endpoint", out var endpoint) && endpoint.TryGetProperty("call", out _);
}
