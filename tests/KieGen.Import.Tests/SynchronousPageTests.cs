namespace KieGen.Import.Tests;

/// <summary>
/// A synchronous endpoint's page (Kie's Gemini Omni Audio, kept in tests/Reference/openapi-samples so every clone has
/// it): imported as <c>endpoint.call</c> with its body as the input and its answer's <c>data</c> as the output.
/// </summary>
public class SynchronousPageTests
{
    private static readonly string Page = Path.Combine(RoundTripTests.RepositoryRoot(), "tests", "Reference", "openapi-samples", "gemini-omni-audio.md");

    private static ImportResult Import(IReadOnlyList<string>? taskTypes)
    {
        var bytes = File.ReadAllBytes(Page);
        return KieOpenApiImporter.Convert(KieDocumentReader.Read(bytes, Page).OpenApi!, new ImportSource(Page, DateTimeOffset.UnixEpoch, KieOpenApiImporter.Sha256(bytes)), taskTypes);
    }

    [Fact]
    public void Gemini_Omni_Audio_imports_as_the_catalog_file_but_for_its_description()
    {
        var result = Import(["Text to Speech"]);

        Assert.True(result.Imported, result.NotImportableReason);
        Assert.Equal("gemini-omni-audio", result.Model); // the operation id: the body names no model
        var catalog = RoundTripTests.LiveCatalogFiles().Single(f => (string?)f["model"] == "gemini-omni-audio");
        result.File!["description"] = catalog["description"]!.DeepClone(); // the catalog's own words replace the page's boilerplate
        Assert.Equal(RoundTripTests.Normalise(catalog), RoundTripTests.Normalise(result.File));
        Assert.Equal("b168d7b102a902c6704a4a0fe85da3777ebb681ed44b06851c117a5ecaa07d56", (string?)catalog["x-source"]!["sha256"]);
        Assert.Equal((string?)catalog["x-source"]!["sha256"], (string?)result.File["x-source"]!["sha256"]);
    }

    [Fact]
    public void The_call_the_body_and_the_answer_data_become_endpoint_call_input_and_output()
    {
        var file = Import(["Text to Speech"]).File!;

        Assert.Equal("/api/v1/omni/audio/create", (string?)file["endpoint"]!["call"]);
        Assert.Null(file["endpoint"]!["create"]);
        Assert.Null(file["callback"]);
        Assert.Equal(("audio", "object"), ((string?)file["category"], (string?)file["result"]));
        Assert.Equal(["audio_id", "name", "voice_description", "example_dialogue"], file["input"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["audio_id", "name"], file["input"]!["required"]!.AsArray().Select(r => (string)r!));
        Assert.Equal(["kieAudioId", "name"], file["output"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.DoesNotContain("x-apidog", file.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_task_types_the_category_is_guessed_from_the_tag_and_the_guess_is_reported()
    {
        var result = Import(null);
        Assert.Equal("video", (string?)result.File!["category"]); // Kie files the page under "Video Models/Gemini Omni"
        Assert.Contains(result.Repairs, r => r.Contains("Video Models", StringComparison.Ordinal));
    }

    [Fact]
    public void A_post_that_is_not_createTask_but_has_a_task_to_poll_is_a_task_API_of_its_own_and_not_importable()
    {
        var document = JsonNode.Parse("""
            {"openapi": "3.0.1", "paths": {
              "/api/v1/veo/generate": {"post": {"operationId": "veo", "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {"prompt": {"type": "string"}}}}}}}},
              "/api/v1/veo/record-info": {"get": {"parameters": [{"name": "taskId", "in": "query"}]}}}}
            """)!;
        var result = KieOpenApiImporter.Convert(document, new ImportSource("x", DateTimeOffset.UnixEpoch, new string('0', 64)));
        Assert.False(result.Imported);
        Assert.Contains("GET /api/v1/veo/record-info", result.NotImportableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_synchronous_page_without_an_answer_schema_imports_with_a_raw_result_and_says_so()
    {
        var document = JsonNode.Parse("""
            {"openapi": "3.0.1", "paths": {"/api/v1/acme/helper": {"post": {"operationId": "acme-helper", "summary": "Helper",
              "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}}}},
              "responses": {"200": {"description": "ok"}}}}}}
            """)!;
        var result = KieOpenApiImporter.Convert(document, new ImportSource("x", DateTimeOffset.UnixEpoch, new string('0', 64)), ["Text to Image"]);
        Assert.True(result.Imported);
        Assert.Null(result.File!["output"]);
        Assert.Equal("/api/v1/acme/helper", (string?)result.File["endpoint"]!["call"]);
        Assert.Contains(result.Repairs, r => r.Contains("raw JSON", StringComparison.Ordinal));
    }
}
