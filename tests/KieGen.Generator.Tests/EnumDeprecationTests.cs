using System.Reflection;
using KieGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace KieGen.Generator.Tests;

/// <summary>
/// <c>x-enumDeprecated</c>: a value still allowed but no longer offered is an <c>[Obsolete]</c> member whose message
/// says so, why, and what to use; validation reports it as a warning (never an error), the generated code compiles
/// without a warning, a bad marker is KIE031 at its line and column; and the file member <c>deprecated.status</c>
/// words a model's message.
/// </summary>
public class EnumDeprecationTests
{
    private static readonly (string Path, string Text) Shapes = ("shapes/discontinued-values.kie.json", File.ReadAllText(Path.Combine(
        typeof(EnumDeprecationTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!,
        "Snapshots", "Schemas", "discontinued-values.kie.json")));

    private const string Helpers = """
        static class Show
        {
            public static string Findings(IEnumerable<KieValidationError> findings) =>
                string.Join(" | ", findings.Select(e => e.Severity + " " + e.Path + ":" + e.Keyword + " " + e.Message + (e.Reason is null ? "" : " (" + e.Reason + ")")));

            public static string Parse(string json)
            {
                using var document = JsonDocument.Parse(json);
                return ShapesDiscontinuedValuesRequest.TryParse(document.RootElement, out var request, out var findings)
                    ? "parsed " + Encoding.UTF8.GetString(request.ToJsonParameters()) + " | " + Findings(findings)
                    : "refused " + Findings(findings);
            }
        }
        """;

    [Fact]
    public void Typed_use_of_a_deprecated_value_warns_with_its_status_reason_and_replacement()
    {
        var warnings = Scenario.Warnings(new[] { Shapes }, """
            using Consumer.Kie.Music;
            class Use
            {
                object A() => ShapesDiscontinuedValuesModel.V4;
                object B() => ShapesDiscontinuedValuesModel.V5;
                object C() => ShapesDiscontinuedValuesTier.V1;
                object D() => ShapesDiscontinuedValuesModel.V6;
            }
            """);

        Assert.All(warnings, w => Assert.Equal(("CS0618", DiagnosticSeverity.Warning), (w.Id, w.Severity)));
        Assert.Equal(
            new[]
            {
                "'ShapesDiscontinuedValuesModel.V4' is obsolete: 'The value \"V4\" is discontinued: Kie's docs mark it \"(Discontinued)\" since October 2026. Use \"V6\" (ShapesDiscontinuedValuesModel.V6).'",
                "'ShapesDiscontinuedValuesModel.V5' is obsolete: 'The value \"V5\" is deprecated: superseded by V6.'",
                "'ShapesDiscontinuedValuesTier.V1' is obsolete: 'The value 1 is retired: the free tier was retired. Use 2 (ShapesDiscontinuedValuesTier.V2).'",
            },
            warnings.Select(w => w.GetMessage()).ToArray());
    }

    [Fact]
    public void A_deprecated_value_is_a_warning_Build_and_TryParse_pass_and_strict_refuses()
    {
        var output = Scenario.Run(new[] { Shapes }, """
            using Consumer.Kie.Music;
            public static class Scenario
            {
            #pragma warning disable CS0618 // the scenario uses the deprecated values on purpose
                static ShapesDiscontinuedValuesRequest Old() => ShapesDiscontinuedValuesRequest.CreateBuilder()
                    .WithModel(ShapesDiscontinuedValuesModel.V4).WithTier(ShapesDiscontinuedValuesTier.V1).WithVoice("bass").Build();
            #pragma warning restore CS0618

                public static IEnumerable<string> Run()
                {
                    yield return Show.Findings(Old().Validate());
                    yield return Encoding.UTF8.GetString(Old().ToJsonParameters());
                    yield return Show.Parse("{\"model\": \"V5\", \"tier\": 1, \"voices\": [\"tenor\", \"alto\"]}");
                    yield return Show.Findings(Old().Validate(strict: true).Where(e => e.IsError));
                    yield return Show.Findings(ShapesDiscontinuedValuesRequest.CreateBuilder().WithModel(ShapesDiscontinuedValuesModel.V6).WithTier(ShapesDiscontinuedValuesTier.V2).WithVoice("alto").Build().Validate());
                    yield return Show.Parse("{\"model\": \"V7\"}");
                }
            }
            """ + Helpers);

        Assert.Equal(
            new[]
            {
                "Warning model:deprecated \"V4\" is discontinued; use \"V6\" (Kie's docs mark it \"(Discontinued)\" since October 2026) | " +
                "Warning tier:deprecated 1 is retired; use 2 (the free tier was retired) | " +
                "Warning voice:deprecated \"bass\" is deprecated; use \"alto\" (no longer listed)",
                """{"model":"V4","tier":1,"voice":"bass"}""",
                """parsed {"model":"V5","tier":1,"voices":["tenor","alto"]} | """ +
                "Warning model:deprecated \"V5\" is deprecated (superseded by V6) | " +
                "Warning tier:deprecated 1 is retired; use 2 (the free tier was retired) | " +
                "Warning voices[0]:deprecated \"tenor\" is deprecated (r)",
                "Error model:deprecated \"V4\" is discontinued; use \"V6\" (Kie's docs mark it \"(Discontinued)\" since October 2026) | " +
                "Error tier:deprecated 1 is retired; use 2 (the free tier was retired) | " +
                "Error voice:deprecated \"bass\" is deprecated; use \"alto\" (no longer listed)",
                "",
            },
            output[..5]);
        Assert.StartsWith("refused Error model:enum 'V7' is not allowed", output[5]); // an unknown value is still an error

    }

    private const string Header = "{\n  \"model\": \"test/values\",\n  \"family\": \"market\",\n  \"category\": \"music\",\n  \"result\": \"music\",\n";

    private static string Model(string property) =>
        Header + "  \"input\": {\n    \"type\": \"object\",\n    \"properties\": {\n" + property + "\n    }\n  }\n}\n";

    [Theory]
    // The property is line 9; the diagnostic starts at the first occurrence of `at` on it.
    [InlineData("\"x-enumDeprecated\": {\"V3\": {\"reason\": \"r\"}}", "\"V3\"", "marks \"V3\", which is not one of the enum values (did you mean \"V4\"?)")]
    [InlineData("\"x-enumDeprecated\": {\"V4\": {\"reason\": 4}}", "4}", "for \"V4\" needs a 'reason': a non-empty string saying why")]
    [InlineData("\"x-enumDeprecated\": {\"V4\": {\"reason\": \" \"}}", "\" \"", "for \"V4\" needs a 'reason'")]
    [InlineData("\"x-enumDeprecated\": {\"V4\": {\"status\": \"retired\"}}", "{\"status", "for \"V4\" needs a 'reason'")]
    [InlineData("\"x-enumDeprecated\": {\"V4\": \"gone\"}", "\"gone\"", "for \"V4\" must be an object {\"reason\": text, \"replacedBy\": value, \"status\": word}, not \"gone\"")]
    [InlineData("\"x-enumDeprecated\": {\"V4\": {\"reason\": \"r\", \"replacedBy\": \"V7\"}}", "\"V7\"", "for \"V4\": 'replacedBy' \"V7\" is not one of the enum values")]
    [InlineData("\"x-enumDeprecated\": {\"V4\": {\"reason\": \"r\", \"replacedBy\": \"V4\"}}", "\"V4\"}", "a value cannot replace itself")]
    [InlineData("\"x-enumDeprecated\": {\"V4\": {\"reason\": \"r\", \"replacedBy\": \"V5\"}, \"V5\": {\"reason\": \"r\"}}", "\"V5\"}", "'replacedBy' \"V5\" is marked too; name a value that is still offered")]
    [InlineData("\"x-enumDeprecated\": {\"V4\": {\"reason\": \"r\", \"replacedBy\": true}}", "true", "'replacedBy' must be the enum value to use instead, not true")]
    [InlineData("\"x-enumDeprecated\": {\"V4\": {\"reason\": \"r\", \"status\": \"gone\"}}", "\"gone\"", "'status' must be one of \"deprecated\", \"retired\", \"discontinued\", not \"gone\"")]
    [InlineData("\"x-enumDeprecated\": {\"V4\": {\"reason\": \"r\", \"replaceBy\": \"V5\"}}", "\"replaceBy\"", "has the unknown member 'replaceBy' (did you mean 'replacedBy'?)")]
    [InlineData("\"x-enumDeprecated\": [\"V4\"]", "[", "must be an object mapping enum values to")]
    public void Bad_markers_are_KIE031_at_their_line_and_column(string keyword, string at, string message)
    {
        var property = "      \"p\": { \"type\": \"string\", \"enum\": [\"V4\", \"V5\", \"V6\"], " + keyword + " }";
        AssertKie031(Model(property), property.IndexOf(at, property.IndexOf("x-enumDeprecated", StringComparison.Ordinal), StringComparison.Ordinal) + 1, message);
    }

    [Theory]
    [InlineData("      \"p\": { \"type\": \"string\", \"x-enumDeprecated\": {\"V4\": {\"reason\": \"r\"}} }", "marks enum values, but the schema has no 'enum'")]
    [InlineData("      \"p\": { \"type\": \"number\", \"enum\": [1.5, 2.5], \"x-enumDeprecated\": {\"1.5\": {\"reason\": \"r\"}} }", "marks values of a string or integer enum; this schema's values are a number")]
    public void Markers_need_a_string_or_integer_enum(string property, string message) =>
        AssertKie031(Model(property), property.IndexOf("\"x-enumDeprecated\"", StringComparison.Ordinal) + 1, message);

    private static void AssertKie031(string text, int column, string message)
    {
        var result = GeneratorHarness.Run(("schemas/test.kie.json", text));
        Assert.Empty(result.Sources);
        var d = Assert.Single(result.GeneratorDiagnostics);
        var span = d.Location.GetLineSpan();
        Assert.Equal(("KIE031", "schemas/test.kie.json", DiagnosticSeverity.Error), (d.Id, span.Path, d.Severity));
        Assert.Equal((9, column), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        Assert.Contains(message, d.GetMessage());
    }

    private static (string, string) Retired(string status) => ("old.kie.json",
        "{\"model\": \"acme/old\", \"family\": \"market\", \"category\": \"video\", \"result\": \"video\", " +
        "\"deprecated\": {\"reason\": \"its pages left Kie's docs in September 2026\"" + status + "}, " +
        "\"input\": {\"type\": \"object\", \"properties\": {\"prompt\": {\"type\": \"string\"}}}}");

    [Theory]
    [InlineData(", \"status\": \"retired\"", "acme/old is retired: its pages left Kie's docs in September 2026.")]
    [InlineData(", \"status\": \"discontinued\"", "acme/old is discontinued: its pages left Kie's docs in September 2026.")]
    [InlineData("", "acme/old is deprecated: its pages left Kie's docs in September 2026.")]
    public void A_model_status_words_its_obsolete_message(string status, string message)
    {
        var warnings = Scenario.Warnings(new[] { Retired(status) }, "class Use { object M() => Consumer.Kie.Video.AcmeOldRequest.CreateBuilder(); }");
        Assert.Equal("'AcmeOldRequest' is obsolete: '" + message + "'", Assert.Single(warnings).GetMessage());
    }

    [Fact]
    public void An_unknown_model_status_is_KIE013_at_its_value()
    {
        var (path, text) = Retired(", \"status\": \"gone\"");
        var result = GeneratorHarness.Run((path, text));
        var d = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("KIE013", d.Id);
        Assert.Equal(text.IndexOf("\"gone\"", StringComparison.Ordinal), d.Location.SourceSpan.Start);
        Assert.Contains("'deprecated.status' has the invalid value \"gone\"; say how far along it is: \"deprecated\", \"retired\", \"discontinued\"", d.GetMessage());
    }
}
