namespace KieGen.Import.Tests;

/// <summary>The importer marks parameter roles where the name makes them unambiguous, as the catalog's files have them.</summary>
public class RoleInferenceTests
{
    private static readonly ImportSource Source = new("https://example.test/schema", new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero), new string('0', 64));

    private static JsonObject ImportWithoutRoles(string model)
    {
        var file = RoundTripTests.LiveCatalogFiles().Single(f => (string)f["model"]! == model);
        var served = JsonNode.Parse(FakeKieServer.OpenApiFor(file).ToJsonString())!;
        Strip(served);
        var result = KieOpenApiImporter.Convert(served, Source, [FakeKieServer.TaskTypeOf((string)file["category"]!, (string)file["result"]!)]);
        Assert.True(result.Imported, result.NotImportableReason);
        return result.File!["input"]!["properties"]!.AsObject();
    }

    private static void Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                o.Remove("x-kie-role");
                foreach (var (_, value) in o.ToList())
                {
                    Strip(value);
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Strip(item);
                }

                break;
        }
    }

    private static string? Role(JsonObject properties, string name) => (string?)properties[name]?["x-kie-role"];

    [Fact]
    public void Image_parameters_get_their_roles_from_their_names()
    {
        var properties = ImportWithoutRoles("z-image");

        Assert.Equal("prompt", Role(properties, "prompt"));
        Assert.Equal("aspect-ratio", Role(properties, "aspect_ratio"));
        Assert.Null(Role(properties, "nsfw_checker"));
    }

    [Fact]
    public void Two_parameters_that_could_hold_one_role_stay_unmarked()
    {
        // nano-banana-edit has aspect_ratio and an image_size of ratios: which one a size means is not for a name to say.
        var properties = ImportWithoutRoles("google/nano-banana-edit");

        Assert.Null(Role(properties, "aspect_ratio"));
        Assert.Null(Role(properties, "image_size"));
        Assert.Equal("image-input", Role(properties, "image_urls"));
    }

    [Fact]
    public void Speech_parameters_get_text_voice_and_speed()
    {
        var properties = ImportWithoutRoles("elevenlabs/text-to-speech-turbo-2-5");

        Assert.Equal("text", Role(properties, "text"));
        Assert.Equal("voice", Role(properties, "voice"));
        Assert.Equal("speed", Role(properties, "speed"));
    }
}
