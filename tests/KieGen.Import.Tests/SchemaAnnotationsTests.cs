namespace KieGen.Import.Tests;

public class SchemaAnnotationsTests
{
    [Fact]
    public void Annotations_follow_their_parameters_into_the_imported_file_and_vanish_with_removed_ones()
    {
        var curated = JsonNode.Parse("""
            {"model": "a/b", "x-source": {"url": "old"}, "x-team": "kept",
             "input": {"properties": {
               "prompt": {"type": "string", "x-csharpName": "Text"},
               "size": {"type": "string", "enum": ["1:1", "16:9"], "x-enumNames": {"1:1": "Square"}},
               "gone": {"type": "string", "x-csharpName": "Gone"},
               "shots": {"type": "array", "items": {"type": "object", "properties": {"seconds": {"type": "integer", "x-csharpName": "Duration"}}}}},
              "oneOf": [{"title": "A", "x-csharpName": "ByPrompt"}]}}
            """)!;
        var imported = JsonNode.Parse("""
            {"model": "a/b", "x-source": {"url": "new"},
             "input": {"properties": {
               "prompt": {"type": "string", "maxLength": 10},
               "size": {"type": "string", "enum": ["1:1", "16:9", "4:3"], "x-enumNames": {"4:3": "Classic"}},
               "shots": {"type": "array", "items": {"type": "object", "properties": {"seconds": {"type": "integer"}}}}},
              "oneOf": [{"title": "A"}]}}
            """)!;

        var carried = SchemaAnnotations.CarryOver(curated, imported);

        Assert.Equal(4, carried); // x-team, prompt's name, the nested seconds' name, the branch's name
        Assert.Equal("kept", (string?)imported["x-team"]);
        Assert.Equal("new", (string?)imported["x-source"]!["url"]);
        Assert.Equal("Text", (string?)imported["input"]!["properties"]!["prompt"]!["x-csharpName"]);
        Assert.Equal(10, (int)imported["input"]!["properties"]!["prompt"]!["maxLength"]!);
        Assert.Equal("""{"4:3":"Classic"}""", imported["input"]!["properties"]!["size"]!["x-enumNames"]!.ToJsonString()); // the file's own annotation wins
        Assert.Equal("Duration", (string?)imported["input"]!["properties"]!["shots"]!["items"]!["properties"]!["seconds"]!["x-csharpName"]);
        Assert.Equal("ByPrompt", (string?)imported["input"]!["oneOf"]![0]!["x-csharpName"]);
        Assert.Null(imported["input"]!["properties"]!["gone"]);
    }
}
