using KieGen.Catalog.Tests.Infrastructure;
using KieGen.Models;
using KieGen.Requests;

namespace KieGen.Catalog.Tests;

/// <summary>The catalog says what the reference says: a drift between the two fails the build.</summary>
public class CatalogConsistencyTests
{
    public static TheoryData<string> TaskModels() => new(ReferenceModels.Tasks.Select(ReferenceModels.Id).Order(StringComparer.Ordinal));

    [Fact]
    public void Every_task_creating_operation_has_exactly_one_schema_file_and_nothing_else_does()
    {
        var expected = ReferenceModels.Tasks.Select(ReferenceModels.Id).Order(StringComparer.Ordinal).ToList();
        var files = CatalogFiles.All.Select(f => f.Model).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, files);
    }

    [Fact]
    public void The_compiled_catalog_holds_every_schema_file()
    {
        Assert.Equal(
            CatalogFiles.All.Select(f => f.Model).Order(StringComparer.Ordinal),
            KieGenCatalog.Models.Select(e => e.Model.ModelId).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TaskModels))]
    public void Schema_file_matches_the_reference(string model)
    {
        var reference = ReferenceModels.Get(model);
        var differences = ReferenceComparison.Compare(reference, CatalogFiles.Get(model));
        var quirks = KnownQuirks.Schema.Where(q => q.Key.Model == model).ToDictionary(q => (q.Key.Path, q.Key.Keyword), q => q.Value);

        var unexplained = differences.Where(d => !quirks.ContainsKey((d.Path, d.Keyword))).ToList();
        Assert.True(unexplained.Count == 0, "Catalog and reference disagree:\n" + string.Join("\n", unexplained));

        var stale = quirks.Keys.Where(k => !differences.Any(d => (d.Path, d.Keyword) == k)).ToList();
        Assert.True(stale.Count == 0, "Known quirks that no longer apply: " + string.Join(", ", stale));
    }

    [Theory]
    [MemberData(nameof(TaskModels))]
    public void Compiled_binding_has_the_documented_family_endpoints_and_callback(string model)
    {
        var reference = ReferenceModels.Get(model);
        var info = KieGenCatalog.Models[model].Model;
        var family = reference.GetProperty("family").GetString()!;

        Assert.Equal(family, FamilyName(info.Family));
        Assert.Equal(reference.GetProperty("endpoint").GetProperty("path").GetString(), info.CreatePath);
        var status = reference.GetProperty("statusEndpoint");
        var statusPath = status.ValueKind == JsonValueKind.Object
            ? status.GetProperty("path").GetString()
            : StatusPathFromText(status.GetString()!);
        if (statusPath is null)
        {
            Assert.True(KnownQuirks.AssumedStatusEndpoints.ContainsKey(model), $"the reference states no status endpoint for {model}: record the assumption");
        }
        else
        {
            Assert.False(KnownQuirks.AssumedStatusEndpoints.ContainsKey(model), "the reference now states the status endpoint: drop the quirk");
            Assert.Equal(statusPath, info.StatusPath);
        }

        var callback = family == "market"
            ? ReferenceModels.Optional(reference.GetProperty("topLevel"), "callBackUrl") is { } top
                ? ("callBackUrl", top.GetProperty("required").ValueKind == JsonValueKind.True)
                : ("callBackUrl", false)
            : reference.GetProperty("params").EnumerateArray()
                .Where(p => p.GetProperty("name").GetString() is "callBackUrl" or "calBackUrl")
                .Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("required").ValueKind == JsonValueKind.True))
                .DefaultIfEmpty(("callBackUrl", false))
                .Single();
        if (KnownQuirks.OptionalCallbacks.ContainsKey(model))
        {
            Assert.True(callback.Item2, "the reference no longer requires the callback: drop the quirk");
            callback.Item2 = false;
        }

        Assert.Equal(callback, (info.CallbackField, info.CallbackRequired));
        Assert.Equal(family == "market" ? KieBodyStyle.Input : KieBodyStyle.Flat, info.BodyStyle);
    }

    /// <summary>Special families give the status endpoint as text ("GET /api/v1/veo/record-info?taskId= ..."); null when not stated.</summary>
    private static string? StatusPathFromText(string text) =>
        text.StartsWith("GET /", StringComparison.Ordinal) ? text[4..].Split('?', ' ')[0] : null;

    private static string FamilyName(KieApiFamily family) => family switch
    {
        KieApiFamily.Market => "market",
        KieApiFamily.Veo => "veo",
        KieApiFamily.Suno => "suno",
        KieApiFamily.Runway => "runway",
        KieApiFamily.Aleph => "aleph",
        KieApiFamily.Gpt4oImage => "gpt4o-image",
        KieApiFamily.FluxKontext => "flux-kontext",
        KieApiFamily.Midjourney => "midjourney",
        KieApiFamily.Luma => "luma",
        _ => family.ToString(),
    };
}
