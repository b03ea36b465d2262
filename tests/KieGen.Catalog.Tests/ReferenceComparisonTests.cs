using System.Text.Json.Nodes;
using KieGen.Catalog.Tests.Infrastructure;

namespace KieGen.Catalog.Tests;

/// <summary>The consistency check itself: each kind of drift between a schema file and the reference is caught.</summary>
public class ReferenceComparisonTests
{
    private const string Model = "kling-2.6/image-to-video";

    private static List<Difference> CompareAfter(Action<JsonObject> edit)
    {
        var file = CatalogFiles.Get(Model);
        var json = JsonNode.Parse(file.Json.GetRawText())!.AsObject();
        edit(json["input"]!.AsObject());
        return ReferenceComparison.Compare(ReferenceModels.Get(Model), file with { Json = JsonDocument.Parse(json.ToJsonString()).RootElement });
    }

    [Fact]
    public void The_catalog_file_as_committed_has_no_differences()
    {
        Assert.Empty(CompareAfter(_ => { }));
    }

    [Fact]
    public void A_changed_limit_is_a_difference()
    {
        var found = CompareAfter(input => input["properties"]!["prompt"]!["maxLength"] = 2000);
        Assert.Equal("prompt maxLength: reference 1000, schema 2000", Assert.Single(found).ToString());
    }

    [Fact]
    public void An_enum_value_added_or_removed_is_a_difference()
    {
        var found = CompareAfter(input => input["properties"]!["duration"]!["enum"] = new JsonArray("5", "15"));
        Assert.Equal("duration enum: missing [\"10\"], added [\"15\"]", Assert.Single(found).ToString());
    }

    [Fact]
    public void A_parameter_made_optional_renamed_or_retyped_is_a_difference()
    {
        var found = CompareAfter(input =>
        {
            input["required"] = new JsonArray("prompt", "image_urls", "duration");
            var properties = input["properties"]!.AsObject();
            var sound = properties["sound"]!;
            properties.Remove("sound");
            properties["sounds"] = sound;
            properties["duration"]!["type"] = "integer";
        });

        Assert.Equal(
            new[] { "duration:type", "sound:missing", "sound:required", "sounds:extra" },
            found.Select(d => d.Path + ":" + d.Keyword).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_lost_item_limit_or_url_format_is_a_difference()
    {
        var found = CompareAfter(input =>
        {
            var urls = input["properties"]!["image_urls"]!.AsObject();
            urls.Remove("maxItems");
            urls["items"] = new JsonObject { ["type"] = "string" };
        });

        Assert.Equal(new[] { "image_urls maxItems", "image_urls[] format" }, found.Select(d => d.Path + " " + d.Keyword));
    }
}
