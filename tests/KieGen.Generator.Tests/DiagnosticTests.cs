using KieGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace KieGen.Generator.Tests;

/// <summary>Schema mistakes are reported by id at the exact file, line and column, and never crash the generator.</summary>
public class DiagnosticTests
{
    private const string Header = "{\n  \"model\": \"test/model\",\n  \"family\": \"market\",\n  \"category\": \"image\",\n  \"result\": \"image\",\n";

    /// <summary>A model file whose parameters object is <paramref name="properties"/>; the header is lines 1-5.</summary>
    private static string Model(string properties, string extra = "") =>
        Header + extra + "  \"input\": {\n    \"type\": \"object\",\n    \"properties\": {\n" + properties + "\n    }\n  }\n}\n";

    private static Diagnostic Single(string text, string path = "schemas/test.kie.json")
    {
        var result = GeneratorHarness.Run((path, text));
        Assert.Empty(result.Sources); // a broken file produces no output for its model
        return Assert.Single(result.GeneratorDiagnostics);
    }

    private static void AssertAt(Diagnostic diagnostic, string id, int line, int column, string path = "schemas/test.kie.json")
    {
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(path, span.Path);
        Assert.Equal((line, column), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
    }

    [Fact]
    public void Malformed_json_points_at_the_bad_token()
    {
        var d = Single("{\n  \"model\": \"x\",\n  \"family\" \"market\"\n}");
        AssertAt(d, "KIE001", 3, 12);
        Assert.Contains("':' was expected", d.GetMessage());
    }

    [Fact]
    public void Trailing_comma_is_malformed_json()
    {
        AssertAt(Single("{\"model\": \"x\",}"), "KIE001", 1, 14);
    }

    [Fact]
    public void Misspelled_keyword_suggests_the_right_one()
    {
        var d = Single(Model("      \"prompt\": { \"type\": \"string\", \"maxLenght\": 10 }"));
        AssertAt(d, "KIE002", 9, 37);
        Assert.Contains("did you mean 'maxLength'?", d.GetMessage());
    }

    [Fact]
    public void Unknown_file_member_is_reported()
    {
        AssertAt(Single(Model("      \"p\": { \"type\": \"string\" }", "  \"familly\": \"x\",\n")), "KIE002", 6, 3);
    }

    [Fact]
    public void Keyword_of_the_wrong_type_points_at_its_value()
    {
        var d = Single(Model("      \"prompt\": { \"type\": \"string\", \"maxLength\": \"ten\" }"));
        AssertAt(d, "KIE003", 9, 50);
        Assert.Contains("'maxLength' must be a non-negative integer", d.GetMessage());
    }

    [Theory]
    [InlineData("\"text\"", 22)]
    [InlineData("[]", 22)]
    [InlineData("[\"string\", \"text\"]", 33)]
    public void Unsupported_type_is_reported(string type, int column)
    {
        AssertAt(Single(Model("      \"p\": { \"type\": " + type + " }")), "KIE004", 9, column);
    }

    [Fact]
    public void Empty_enum_is_reported()
    {
        AssertAt(Single(Model("      \"p\": { \"type\": \"string\", \"enum\": [] }")), "KIE005", 9, 40);
    }

    [Fact]
    public void Duplicate_enum_value_points_at_the_second_one()
    {
        AssertAt(Single(Model("      \"p\": { \"enum\": [\"16:9\", \"9:16\", \"16:9\"] }")), "KIE006", 9, 39);
    }

    [Theory]
    [InlineData("\"type\": \"string\", \"enum\": [\"a\", \"b\"], \"default\": \"c\"", "not one of the enum values")]
    [InlineData("\"type\": \"integer\", \"minimum\": 1, \"maximum\": 10, \"default\": 11", "above maximum")]
    [InlineData("\"type\": \"string\", \"maxLength\": 2, \"default\": \"abc\"", "longer than maxLength")]
    [InlineData("\"type\": \"boolean\", \"default\": \"yes\"", "not a boolean")]
    public void Default_outside_the_schema_is_reported(string schema, string reason)
    {
        var d = Single(Model("      \"p\": { " + schema + " }"));
        Assert.Equal("KIE007", d.Id);
        Assert.Contains(reason, d.GetMessage());
    }

    [Theory]
    [InlineData("\"type\": \"string\", \"minLength\": 5, \"maxLength\": 2")]
    [InlineData("\"type\": \"number\", \"minimum\": 5, \"maximum\": 2")]
    [InlineData("\"type\": \"array\", \"minItems\": 3, \"maxItems\": 1")]
    public void Min_above_max_is_reported(string schema)
    {
        Assert.Equal("KIE008", Single(Model("      \"p\": { " + schema + " }")).Id);
    }

    [Fact]
    public void Duplicate_model_id_across_files_keeps_the_first_by_path_and_reports_the_second()
    {
        var text = Model("      \"p\": { \"type\": \"string\" }");
        var result = GeneratorHarness.Run(("a/one.kie.json", text), ("b/two.kie.json", text.Replace("\"image\"", "\"video\"")));
        var d = Assert.Single(result.GeneratorDiagnostics);
        AssertAt(d, "KIE009", 2, 12, "b/two.kie.json");
        Assert.Contains("a/one.kie.json", d.GetMessage());
        Assert.Single(result.Sources);
        Assert.Empty(result.CompileProblems());
    }

    [Fact]
    public void Two_models_with_the_same_type_name_are_a_collision()
    {
        var one = Model("      \"p\": { \"type\": \"string\" }");
        var two = one.Replace("test/model", "test-model");
        var result = GeneratorHarness.Run(("a.kie.json", one), ("b.kie.json", two));
        Assert.Equal("KIE010", Assert.Single(result.GeneratorDiagnostics).Id);
        Assert.Single(result.Sources);
    }

    [Fact]
    public void Parameters_that_collide_as_csharp_names_are_reported_at_the_second()
    {
        var d = Single(Model("      \"image_url\": { \"type\": \"string\" },\n      \"imageUrl\": { \"type\": \"string\" }"));
        AssertAt(d, "KIE010", 10, 7);
        Assert.Contains("'ImageUrl'", d.GetMessage());
    }

    [Fact]
    public void Missing_model_id_is_reported_at_the_file_start()
    {
        AssertAt(Single("{\n  \"family\": \"market\", \"category\": \"image\", \"result\": \"image\", \"input\": {}\n}"), "KIE011", 1, 1);
    }

    [Fact]
    public void Special_family_without_endpoint_is_a_missing_field()
    {
        var d = Single(Model("      \"p\": { \"type\": \"string\" }").Replace("\"market\"", "\"suno\""));
        Assert.Equal("KIE012", d.Id);
        Assert.Contains("'endpoint'", d.GetMessage());
    }

    [Fact]
    public void Unknown_family_is_an_invalid_value()
    {
        AssertAt(Single(Model("      \"p\": { \"type\": \"string\" }").Replace("\"market\"", "\"markt\"")), "KIE013", 3, 13);
    }

    [Fact]
    public void Invalid_pattern_is_reported()
    {
        Assert.Equal("KIE014", Single(Model("      \"p\": { \"type\": \"string\", \"pattern\": \"([a-z]\" }")).Id);
    }

    [Fact]
    public void Required_name_that_is_not_declared_is_reported()
    {
        var text = Model("      \"p\": { \"type\": \"string\" }").Replace("    \"properties\"", "    \"required\": [\"q\"],\n    \"properties\"");
        AssertAt(Single(text), "KIE015", 8, 18);
    }

    [Fact]
    public void Unsupported_keyword_is_named()
    {
        var d = Single(Model("      \"p\": { \"contains\": { \"type\": \"string\" } }"));
        Assert.Equal("KIE016", d.Id);
        Assert.Contains("'contains'", d.GetMessage());
    }

    [Fact]
    public void Duplicate_member_is_reported()
    {
        AssertAt(Single(Model("      \"p\": { \"type\": \"string\", \"type\": \"integer\" }")), "KIE017", 9, 32);
    }

    [Fact]
    public void A_broken_file_does_not_stop_other_models()
    {
        var good = Model("      \"p\": { \"type\": \"string\" }");
        var result = GeneratorHarness.Run(("good.kie.json", good), ("bad.kie.json", "{ not json"));
        Assert.Equal("KIE001", Assert.Single(result.GeneratorDiagnostics).Id);
        Assert.Single(result.Sources);
        Assert.Empty(result.CompileProblems());
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("\"just a string\"")]
    [InlineData("{")]
    [InlineData("{\"model\": 42}")]
    [InlineData("{\"model\": \"m\", \"family\": \"market\", \"category\": \"image\", \"result\": \"image\", \"input\": []}")]
    [InlineData("{\"model\": \"m\", \"family\": \"market\", \"category\": \"image\", \"result\": \"image\", \"input\": {\"properties\": {\"a\": {\"items\": {\"items\": 3}}}}}")]
    [InlineData("\uFEFF{\"model\": \"\"}")]
    public void Garbage_never_throws_and_always_explains_itself(string text)
    {
        var result = GeneratorHarness.Run(("x.kie.json", text));
        Assert.NotEmpty(result.GeneratorDiagnostics);
        Assert.All(result.GeneratorDiagnostics, d => Assert.StartsWith("KIE0", d.Id));
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id is "KIE099" or "CS8785");
        Assert.All(result.GeneratorDiagnostics, d => Assert.NotEqual(Location.None, d.Location));
    }

    [Fact]
    public void Hostile_text_in_names_values_and_descriptions_still_compiles()
    {
        // Quotes, comment terminators, XML, Unicode line separators and C# keywords, everywhere text reaches code.
        var hostile = "He said \\\"hi\\\" */ </summary> <b>&amp; \u2028 next line \u2029 \u0085 end \\\\";
        var text = Model(
            "      \"class\": { \"type\": \"string\", \"description\": \"" + hostile + "\", \"pattern\": \"^[\\\"*/]*$\" },\n" +
            "      \"na\\\"me\": { \"type\": \"string\", \"enum\": [\"a\\\"b\", \"*/\", \"</summary>\", \"\u2028\", \"void\"] },\n" +
            "      \"x\": { \"type\": \"integer\", \"x-csharpName\": \"@event\", \"description\": \"" + hostile + "\" }",
            "  \"title\": \"" + hostile + "\",\n  \"description\": \"" + hostile + "\",\n");
        var result = GeneratorHarness.Run(("hostile.kie.json", text.Replace("\"@event\"", "\"@event\"")));
        // '@event' is not a valid identifier name in the file (the @ belongs to C#): reported, not emitted.
        Assert.Equal("KIE013", Assert.Single(result.GeneratorDiagnostics).Id);

        var fixedText = text.Replace("\"@event\"", "\"@event\"".Replace("@", ""));
        var ok = GeneratorHarness.Run(("hostile.kie.json", fixedText));
        Assert.Empty(ok.GeneratorDiagnostics);
        Assert.Empty(ok.CompileProblems());
        var source = ok.Sources.Single().SourceText.ToString();
        Assert.Contains("public string? Class { get; init; }", source);
        Assert.Contains("public long? @event { get; init; }", source);
        Assert.DoesNotContain("\u2028", source);
    }
}
