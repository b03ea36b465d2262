namespace KieGen.Import.Tests;

/// <summary>Documents built to break the importer: each must end in a clear error naming the JSON pointer.</summary>
public class HostileDocumentTests
{
    private static readonly ImportSource Source = new("file:test.json", DateTimeOffset.UnixEpoch, new string('0', 64));

    private static JsonNode Document(string input, string components = "{}", string path = "/api/v1/jobs/createTask") => JsonNode.Parse("""
        {
          "openapi": "3.1.0",
          "info": {"title": "T", "version": "1"},
          "paths": {"PATH": {"post": {"summary": "A model", "requestBody": {"content": {"application/json": {"schema": {
            "type": "object", "required": ["model", "input"],
            "properties": {"model": {"type": "string", "enum": ["acme/model"]}, "callBackUrl": {"type": "string"}, "input": INPUT}
          }}}}}}},
          "components": COMPONENTS
        }
        """.Replace("PATH", path, StringComparison.Ordinal).Replace("INPUT", input, StringComparison.Ordinal).Replace("COMPONENTS", components, StringComparison.Ordinal), documentOptions: new JsonDocumentOptions { MaxDepth = 1024 })!;

    [Fact]
    public void Percent_encoded_and_trailing_space_keys_resolve_literally()
    {
        var doc = Document("""{"$ref": "#/components/schemas/Input%20parameters"}""", """
            {"schemas": {
              "Input parameters": {"type": "object", "properties": {"size": {"$ref": "#/components/schemas/Size "}}},
              "Size ": {"type": "integer", "minimum": 1},
              "Size": {"type": "string"}
            }}
            """);
        var result = KieOpenApiImporter.Convert(doc, Source, ["Text to Image"]);
        Assert.Equal("""{"type":"integer","minimum":1}""", result.File!["input"]!["properties"]!["size"]!.ToJsonString());
        Assert.Equal(("image", "image"), ((string?)result.File["category"], (string?)result.File["result"]));
    }

    [Fact]
    public void A_callback_block_naming_a_field_the_body_lacks_is_reported_and_the_bodys_own_field_kept()
    {
        var doc = Document("""{"type": "object", "properties": {"prompt": {"type": "string"}}}""");
        var post = doc["paths"]!["/api/v1/jobs/createTask"]!["post"]!.AsObject();
        post["callbacks"] = JsonNode.Parse("""{"onDone": {"{$request.body#/notifyUrl}": {"post": {"responses": {"200": {"description": "ok"}}}}}}""");

        var result = KieOpenApiImporter.Convert(doc, Source, ["Text to Image"]);

        Assert.Contains(result.Repairs, r => r.Contains("'notifyUrl'", StringComparison.Ordinal) && r.Contains("'callBackUrl'", StringComparison.Ordinal));
        Assert.Null(result.File!["callback"]); // the default field, not required: nothing to write
        Assert.Null(result.File["topLevel"]);
    }

    [Fact]
    public void A_cycle_is_an_error_naming_where_it_closes()
    {
        var doc = Document("""{"$ref": "#/components/schemas/Node"}""", """
            {"schemas": {"Node": {"type": "object", "properties": {"child": {"$ref": "#/components/schemas/Node"}}}}}
            """);
        var e = Assert.Throws<KieImportException>(() => KieOpenApiImporter.Convert(doc, Source));
        Assert.Equal("/components/schemas/Node/properties/child/$ref", e.Pointer);
        Assert.Contains("circular", e.Message);
    }

    [Fact]
    public void A_missing_reference_names_the_reference_and_where_it_stands()
    {
        var doc = Document("""{"type": "object", "properties": {"a": {"$ref": "#/components/schemas/Gone"}}}""", """{"schemas": {"Here": {}}}""");
        var e = Assert.Throws<KieImportException>(() => KieOpenApiImporter.Convert(doc, Source));
        Assert.Equal("/paths/~1api~1v1~1jobs~1createTask/post/requestBody/content/application~1json/schema/properties/input/properties/a/$ref", e.Pointer);
        Assert.Contains("'Gone'", e.Message);
    }

    [Fact]
    public void An_unsupported_keyword_is_an_error_never_a_dropped_constraint()
    {
        var doc = Document("""{"type": "object", "properties": {"a": {"type": "array", "contains": {"const": "x"}}}}""");
        var e = Assert.Throws<KieImportException>(() => KieOpenApiImporter.Convert(doc, Source));
        Assert.EndsWith("/properties/input/properties/a/contains", e.Pointer);
    }

    [Fact]
    public void Conditions_are_kept_as_written()
    {
        const string Conditions = """{"dependentRequired":{"b":["a"]},"if":{"properties":{"a":{"const":"x"}},"required":["a"]},"then":{"required":["b"]},"else":{"properties":{"b":false}},"allOf":[{"if":{"required":["a"]},"then":{"not":{"required":["c"]}}}]}""";
        var doc = Document("""{"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}, "c": {"type": "string"}}, """ + Conditions[1..]);
        var input = KieOpenApiImporter.Convert(doc, Source, ["Text to Video"]).File!["input"]!.AsObject();
        foreach (var keyword in new[] { "dependentRequired", "if", "then", "else", "allOf" })
        {
            Assert.Equal(System.Text.Json.Nodes.JsonNode.Parse(Conditions)![keyword]!.ToJsonString(), input[keyword]!.ToJsonString());
        }
    }

    [Fact]
    public void A_stray_allOf_of_strings_and_nullable_are_repaired_and_reported()
    {
        var doc = Document("""{"type": "object", "properties": {"a": {"type": "string", "nullable": true, "allOf": ["label"]}}}""");
        var result = KieOpenApiImporter.Convert(doc, Source, ["Text to Video"]);
        Assert.Equal("""{"type":["string","null"]}""", result.File!["input"]!["properties"]!["a"]!.ToJsonString());
        Assert.Equal(2, result.Repairs.Count);
        Assert.Contains(result.Repairs, r => r.Contains("/properties/a/allOf", StringComparison.Ordinal));
    }

    [Fact]
    public void Shapes_defining_a_parameter_differently_keep_their_definitions_and_stay_open()
    {
        // Kie's Kling 3.0 Omni image-to-video page: image_urls holds up to 7 images without a video, 4 with one.
        var doc = Document("""
            {"oneOf": [
              {"title": "Images", "properties": {"prompt": {"type": "string"}, "image_urls": {"type": "array", "items": {"type": "string"}, "maxItems": 7}}, "required": ["prompt", "image_urls"]},
              {"title": "Video", "properties": {"prompt": {"type": "string"}, "image_urls": {"type": "array", "items": {"type": "string"}, "maxItems": 4}, "video_urls": {"type": "array", "items": {"type": "string"}}}, "required": ["prompt", "video_urls"], "additionalProperties": false}
            ]}
            """);
        var result = KieOpenApiImporter.Convert(doc, Source, ["Image to Video"]);

        Assert.True(result.Imported, result.NotImportableReason);
        var input = result.File!["input"]!;
        Assert.Equal(["prompt", "video_urls"], input["properties"]!.AsObject().Select(p => p.Key));
        var branches = input["oneOf"]!.AsArray();
        Assert.Equal(7, (int)branches[0]!["properties"]!["image_urls"]!["maxItems"]!);
        Assert.Equal(4, (int)branches[1]!["properties"]!["image_urls"]!["maxItems"]!);
        Assert.Equal("true", branches[1]!["properties"]!["prompt"]!.ToJsonString());
        Assert.Null(branches[0]!["additionalProperties"]); // open, as Kie wrote it
        Assert.False((bool)branches[1]!["additionalProperties"]!);
        Assert.Contains(result.Repairs, r => r.Contains("'image_urls' defined differently", StringComparison.Ordinal));
    }

    [Fact]
    public void A_post_elsewhere_with_no_task_to_poll_imports_as_a_synchronous_call_of_its_whole_body()
    {
        var result = KieOpenApiImporter.Convert(Document("""{"type": "object"}""", path: "/api/v1/omni/audio/create"), Source);
        Assert.True(result.Imported, result.NotImportableReason);
        Assert.Equal("acme/model", result.Model); // the body's model value names it
        Assert.Equal("/api/v1/omni/audio/create", (string?)result.File!["endpoint"]!["call"]);
        Assert.Equal(["model", "callBackUrl", "input"], result.File["input"]!["properties"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void A_huge_deeply_nested_document_is_refused_with_a_pointer()
    {
        var deep = string.Concat(Enumerable.Repeat("""{"type": "object", "properties": {"a": """, 100)) + "{}" + new string('}', 200);
        var e = Assert.Throws<KieImportException>(() => KieOpenApiImporter.Convert(Document(deep), Source));
        Assert.Contains("nested more than", e.Message);
        Assert.StartsWith("/paths/", e.Pointer);
    }

    [Fact]
    public void A_saved_schema_answer_a_bare_document_and_yaml_all_read()
    {
        var bare = Document("""{"type": "object", "properties": {"n": {"type": "integer"}}}""").ToJsonString();
        var answer = """{"code": 200, "msg": "success", "data": {"model": "acme/model", "openapi": BARE}}""".Replace("BARE", bare, StringComparison.Ordinal);
        Assert.Equal("acme/model", KieDocumentReader.Read(Encoding.UTF8.GetBytes(answer), "a.json").Model);
        Assert.Null(KieDocumentReader.Read("""{"model": "x", "openapi": null}"""u8, "x.json").OpenApi);

        const string Yaml = """
            openapi: 3.0.1
            info: {title: T, version: '1'}
            x-shared: &size
              type: integer
              minimum: 1
            paths:
              /api/v1/jobs/createTask:
                post:
                  summary: A model
                  requestBody:
                    content:
                      application/json:
                        schema:
                          type: object
                          properties:
                            model: {type: string, enum: [acme/model]}
                            input:
                              type: object
                              properties:
                                n: *size
                                label: {type: string, example: '5'}
            """;
        var read = KieDocumentReader.Read(Encoding.UTF8.GetBytes("# Page\n\n```yaml\n" + Yaml + "\n```\n"), "page.md");
        var file = KieOpenApiImporter.Convert(read.OpenApi!, Source, ["Text to Image"]).File!;
        // "n" of an image model is its image count (OpenAI's name), so the importer marks the role too.
        Assert.Equal("""{"type":"integer","minimum":1,"x-kie-role":"count"}""", file["input"]!["properties"]!["n"]!.ToJsonString());
        Assert.Equal("""{"type":"string","examples":["5"]}""", file["input"]!["properties"]!["label"]!.ToJsonString());
    }
}
