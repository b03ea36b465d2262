using KieGen.Tests.Shared;

namespace KieGen.Import.Tests;

/// <summary>Kie's own docs pages (an optional external suite, <see cref="KieOpenApiSamples"/>); skipped with the reason when absent.</summary>
public class KieSampleTests
{
    [Fact]
    public void Every_real_Kie_page_converts_or_is_reported_not_importable()
    {
        var folder = KieOpenApiSamples.Folder();
        Assert.SkipWhen(folder is null, KieOpenApiSamples.AbsentReason);
        var pages = KieOpenApiSamples.Pages(folder!);
        Assert.NotEmpty(pages);
        foreach (var page in pages)
        {
            var bytes = File.ReadAllBytes(page);
            var document = KieDocumentReader.Read(bytes, page);
            var result = KieOpenApiImporter.Convert(document.OpenApi!, new ImportSource(page, DateTimeOffset.UtcNow, KieOpenApiImporter.Sha256(bytes)));
            Assert.True(result.Imported, $"{page}: {result.NotImportableReason}");
            var text = result.File!.ToJsonString();
            Assert.DoesNotContain("x-apidog", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\"$ref\"", text, StringComparison.Ordinal);
            Assert.NotEmpty(result.File["input"]!["properties"]!.AsObject());
        }
    }

    [Fact]
    public void Pixverse_extend_keeps_its_two_shapes_as_branches()
    {
        var folder = KieOpenApiSamples.Folder();
        Assert.SkipWhen(folder is null, KieOpenApiSamples.AbsentReason);
        var path = Path.Combine(folder!, "pixverse-v6--extend.md");
        Assert.SkipUnless(File.Exists(path), "pixverse-v6--extend.md is not among the samples");
        var bytes = File.ReadAllBytes(path);
        var result = KieOpenApiImporter.Convert(KieDocumentReader.Read(bytes, path).OpenApi!, new ImportSource(path, DateTimeOffset.UtcNow, KieOpenApiImporter.Sha256(bytes)), ["Video to Video"]);
        var input = result.File!["input"]!;
        var branches = input["anyOf"]!.AsArray();
        Assert.Equal(["TaskId", "Video"], branches.Select(b => (string)b!["title"]!));
        Assert.Contains("taskId", branches[0]!["required"]!.AsArray().Select(r => (string)r!));
        Assert.Contains("video_url", branches[1]!["required"]!.AsArray().Select(r => (string)r!));
        Assert.Equal(["prompt", "duration", "quality", "generate_audio_switch", "seed", "taskId", "video_url"], input["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal("pixverse-v6/extend", result.Model);
        Assert.Equal(("video", "video"), ((string?)result.File["category"], (string?)result.File["result"]));
    }
}
