using KieGen.Client;

namespace KieGen.Import.Tests;

/// <summary>Schema file → the fake server's OpenAPI document → importer → the same schema file.</summary>
public class RoundTripTests
{
    private static readonly ImportSource Source = new("https://example.test/schema", new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero), new string('0', 64));

    public static TheoryData<string> CatalogModels()
    {
        var data = new TheoryData<string>();
        foreach (var file in LiveCatalogFiles())
        {
            data.Add((string)file["model"]!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CatalogModels))]
    public void Every_live_catalog_model_survives_the_round_trip(string model)
    {
        var file = LiveCatalogFiles().Single(f => (string)f["model"]! == model);
        // Through bytes, as the endpoint sends it.
        var served = JsonNode.Parse(FakeKieServer.OpenApiFor(file).ToJsonString())!;
        var result = KieOpenApiImporter.Convert(served, Source, [FakeKieServer.TaskTypeOf((string)file["category"]!, (string)file["result"]!)]);

        Assert.True(result.Imported, result.NotImportableReason);
        Assert.Equal(model, result.Model);
        Assert.Equal(Normalise(file), Normalise(result.File!));
        Assert.Equal(Source.Sha256, (string?)result.File!["x-source"]!["sha256"]);
    }

    [Fact]
    public async Task A_model_fetched_from_the_fake_server_imports_with_its_provenance()
    {
        var options = new FakeKieOptions();
        await using var kie = await FakeKieServer.StartAsync(options, TestContext.Current.CancellationToken);
        using var client = new KieClient(new KieClientOptions { ApiKey = FakeKieOptions.DefaultApiKey, BaseAddress = kie.BaseAddress });
        const string Model = "grok-imagine-image-2-0/segment-map";
        var bytes = await client.GetModelSchemaUtf8Async(Model, TestContext.Current.CancellationToken) ?? throw new InvalidOperationException("no document");
        var source = new ImportSource(new Uri(kie.BaseAddress, $"api/v1/models/{Model}/schema").ToString(), DateTimeOffset.UtcNow, KieOpenApiImporter.Sha256(bytes));

        var result = KieOpenApiImporter.Convert(JsonNode.Parse(bytes)!, source, ["Text to Image"]);

        var file = kie.CatalogFiles.Single(f => (string)f["model"]! == Model);
        Assert.Equal(Normalise(file), Normalise(result.File!));
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)).ToLowerInvariant(), (string?)result.File!["x-source"]!["sha256"]);
        Assert.Equal(2, result.File["input"]!["oneOf"]!.AsArray().Count);
    }

    /// <summary>The repository's live catalog files (market, not deprecated), read from schemas/ in this clone.</summary>
    internal static IReadOnlyList<JsonObject> LiveCatalogFiles() => Directory
        .EnumerateFiles(Path.Combine(RepositoryRoot(), "schemas"), "*.kie.json", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(p => (JsonObject)JsonNode.Parse(File.ReadAllText(p))!)
        .Where(f => (string?)f["family"] == "market" && f["deprecated"] is null)
        .ToList();

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KieGen.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("KieGen.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Without provenance; file members in name order (their order carries no meaning), everything inside as written.</summary>
    internal static string Normalise(JsonObject file)
    {
        var copy = new JsonObject();
        foreach (var (name, value) in file.Where(m => m.Key != "x-source").OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            copy[name] = value?.DeepClone();
        }

        return copy.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
