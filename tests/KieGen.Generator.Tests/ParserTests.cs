using KieGen.Generator.Json;
using KieGen.Generator.Model;
using KieGen.Generator.Parsing;

namespace KieGen.Generator.Tests;

/// <summary>The JSON reader, the naming rules and the schema parser, without Roslyn.</summary>
public class ParserTests
{
    [Theory]
    [InlineData("16:9", "Ratio16x9")]
    [InlineData("9:16", "Ratio9x16")]
    [InlineData("720p", "V720p")]
    [InlineData("5", "V5")]
    [InlineData("1.5x", "V1_5x")]
    [InlineData("-1", "Minus1")]
    [InlineData("landscape_16_9", "Landscape16_9")]
    [InlineData("TEXT_2_VIDEO", "Text2Video")]
    [InlineData("V4_5PLUS", "V4_5Plus")]
    [InlineData("veo3_fast", "Veo3Fast")]
    [InlineData("kling-2.6/image-to-video", "Kling2_6ImageToVideo")]
    [InlineData(" vocalStart", "VocalStart")]
    [InlineData("", "Empty")]
    [InlineData("!!!", "Empty")]
    public void Names_are_readable_and_deterministic(string wire, string expected)
    {
        Assert.Equal(expected, CSharpNames.Pascal(wire, "V"));
    }

    [Fact]
    public void Colliding_enum_names_get_unique_suffixes_in_order()
    {
        var parsed = Parse("{\"model\":\"m\",\"family\":\"market\",\"category\":\"image\",\"result\":\"image\",\"input\":{\"properties\":{\"r\":{\"enum\":[\"auto\",\"Auto\",\"16:9\",\"16x9\"]}}}}");
        Assert.Equal(new[] { "Auto", "Auto_2", "Ratio16x9", "V16x9" }, parsed.Model!.Input.Properties[0].Schema.Enum.Select(e => e.CSharpName));
    }

    [Fact]
    public void Keywords_are_escaped_with_at()
    {
        Assert.Equal("@class", CSharpNames.Escape("class"));
        Assert.Equal("Class", CSharpNames.Escape("Class"));
    }

    [Fact]
    public void Json_reader_keeps_member_order_positions_and_escapes()
    {
        var root = JsonParser.Parse("{\n  \"b\": 1,\n  \"a\": \"x\\u00e9\\n\"\n}");
        Assert.Equal(new[] { "b", "a" }, root.Members.Select(m => m.Name));
        Assert.Equal("xé\n", root.Members[1].Value.Text);
        Assert.Equal((2, 2), new LineMap("{\n  \"b\": 1,\n  \"a\": 2\n}").Position(root.Members[1].NameStart));
    }

    [Theory]
    [InlineData("{\"a\":}", 5)]
    [InlineData("[1,]", 2)]
    [InlineData("\"abc", 0)]
    [InlineData("01", 1)]
    [InlineData("{} x", 3)]
    public void Json_reader_rejects_invalid_json_at_the_right_offset(string text, int offset)
    {
        Assert.Equal(offset, Assert.Throws<JsonSyntaxException>(() => JsonParser.Parse(text)).Offset);
    }

    [Fact]
    public void Line_map_breaks_lines_where_roslyn_does()
    {
        var map = new LineMap("a\r\nb\rc\u2028d\u0085e");
        Assert.Equal((4, 0), map.Position(9));
        Assert.Equal((1, 0), map.Position(3));
    }

    [Fact]
    public void Parser_reads_the_file_format_into_the_model()
    {
        var parsed = Parse("""
            {"model":"suno/generate-music","family":"suno","category":"music","result":"music",
             "endpoint":{"create":"/api/v1/generate","status":"/api/v1/generate/record-info"},
             "callback":{"required":true},
             "input":{"properties":{"prompt":{"type":"string","maxLength":5000},"customMode":{"type":"boolean"}},"required":["prompt"]}}
            """);
        var model = parsed.Model!;
        Assert.Empty(parsed.Diagnostics);
        Assert.Equal(("SunoGenerateMusicRequest", "KieGen.Models.Music", BodyStyle.Flat, true), (model.TypeName, model.Namespace, model.BodyStyle, model.CallbackRequired));
        Assert.Equal(new[] { ("prompt", "Prompt", true), ("customMode", "CustomMode", false) }, model.Input.Properties.Select(p => (p.WireName, p.CSharpName, p.Required)));
        Assert.Equal(5000L, model.Input.Properties[0].Schema.MaxLength);
    }

    [Fact]
    public void Same_text_parses_to_equal_models()
    {
        const string text = "{\"model\":\"m\",\"family\":\"market\",\"category\":\"image\",\"result\":\"image\",\"input\":{\"properties\":{\"a\":{\"type\":\"array\",\"items\":{\"enum\":[1,2]}}}}}";
        Assert.Equal(Parse(text), Parse(text));
    }

    private static ParseResult Parse(string text) => SchemaParser.Parse("x.kie.json", text, new GeneratorOptions(GeneratorOptions.DefaultNamespace));
}
