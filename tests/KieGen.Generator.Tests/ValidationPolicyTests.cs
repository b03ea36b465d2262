using System.Collections.Immutable;
using System.Threading.Tasks;
using KieGen.Generator.Analysis;
using KieGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KieGen.Generator.Tests;

/// <summary>
/// The validation policy: a limit the schema marks <c>x-kie-advisory</c> is a warning with its reason (Validate reports
/// it, Build and TryParse let it pass, strict refuses it), a limit without the mark stays an error, an undeclared
/// member read from JSON is a warning naming the member meant, and a bad annotation is a KIE030 at its line and column.
/// </summary>
public class ValidationPolicyTests
{
    private static readonly (string Path, string Text) Advisory = TestSchemas.File("acme-advisory.kie.json");

    private const string Helpers = """
        static class Show
        {
            public static string Findings(IEnumerable<KieValidationError> findings) =>
                string.Join(" | ", findings.Select(e => e.Severity + " " + e.Path + ":" + e.Keyword + (e.Reason is null ? "" : " (" + e.Reason + ")")));

            public static string Build(Func<Consumer.Kie.Video.AcmeAdvisoryRequest> build)
            {
                try { return "built " + Encoding.UTF8.GetString(build().ToJsonParameters()); }
                catch (KieValidationException e) { return "thrown " + Findings(e.Errors); }
            }

            public static string Parse(string json)
            {
                using var document = JsonDocument.Parse(json);
                return Consumer.Kie.Video.AcmeAdvisoryRequest.TryParse(document.RootElement, out var request, out var findings)
                    ? "parsed " + Encoding.UTF8.GetString(request.ToJsonParameters()) + " | " + Findings(findings)
                    : "refused " + Findings(findings);
            }
        }
        """;

    [Fact]
    public void Advisory_schema_matches_snapshot_compiles_without_warnings_and_caches()
    {
        var result = GeneratorHarness.Run(new AdditionalText[] { new SchemaText(Advisory.Path, Advisory.Text) }, options: GeneratorHarness.Consumer);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompileProblems());
        Snapshot.Match(result.Source("Consumer.Kie.Video.AcmeAdvisoryRequest.g.cs"), "Consumer.Kie.Video.AcmeAdvisoryRequest");
        Incremental.AssertCachedAfterUnrelatedEdit(result.Driver, result.Output);
    }

    [Fact]
    public void Advisory_violations_are_warnings_with_their_reasons_Build_passes_and_strict_refuses()
    {
        var output = Scenario.Run(new[] { Advisory }, """
            using Consumer.Kie.Video;
            public static class Scenario
            {
                static AcmeAdvisoryRequest.Builder Over() => AcmeAdvisoryRequest.CreateBuilder()
                    .WithPrompt(new string('x', 2600)).WithDuration(15).WithMode("4K")
                    .WithImageUrls("https://e.com/1.png", "https://e.com/2.png", "https://e.com/3.png");

                public static IEnumerable<string> Run()
                {
                    yield return Show.Findings(Over().Build().Validate());
                    yield return Show.Build(() => Over().Build());
                    yield return Show.Build(() => Over().Build(strict: true));
                    yield return Show.Findings(Over().Build().Validate(strict: true));
                    yield return Show.Build(() => Over().WithSeed(101).Build());
                    yield return Show.Build(() => AcmeAdvisoryRequest.CreateBuilder().WithPrompt("").Build());
                }
            }
            """ + Helpers);

        const string Warnings =
            "Warning prompt:maxLength (Kie's page says 2500; accepted bodies up to 3000 recorded 2026-03) | " +
            "Warning duration:maximum (Kie ran 15-second tasks (2026-03)) | " +
            "Warning mode:enum (Kie also ran \"4K\" (2026-03)) | " +
            "Warning image_urls:maxItems (Kie accepted 3 images (2026-03)) | " +
            "Warning sound:required (Kie created tasks without it (2026-03)) | " +
            "Warning multi_prompt:required (Kie ran bodies without it when multi_shots was false (2026-03))";
        Assert.Equal(Warnings, output[0]);

        // Build passes warnings, and sends only what the caller set: no made-up value for the advisory-required bool.
        Assert.StartsWith("built {\"prompt\":\"xxx", output[1]);
        Assert.EndsWith("\"duration\":15,\"mode\":\"4K\",\"image_urls\":[\"https://e.com/1.png\",\"https://e.com/2.png\",\"https://e.com/3.png\"]}", output[1]);

        Assert.Equal("thrown " + Warnings, output[2]);
        Assert.Equal(Warnings.Replace("Warning ", "Error "), output[3]);

        // A limit without the mark stays an error; the exception lists errors only, not the warnings beside them.
        Assert.Equal("thrown Error seed:maximum", output[4]);
        Assert.Equal("thrown Error prompt:minLength", output[5]);
    }

    [Fact]
    public void TryParse_accepts_advisory_violations_and_undeclared_members_as_warnings_and_keeps_the_member()
    {
        var output = Scenario.Run(new[] { Advisory }, """
            public static class Scenario
            {
                public static IEnumerable<string> Run()
                {
                    yield return Show.Parse("{\"prompt\":\"p\",\"sound\":true,\"multi_prompt\":\"m\",\"aspectRatio\":\"9:16\"}");
                    yield return Show.Parse("{\"prompt\":\"p\",\"sound\":true,\"multi_prompt\":\"m\",\"duration\":12,\"zzz\":1}");
                    yield return Show.Parse("{\"prompt\":\"p\",\"sound\":true,\"multi_prompt\":\"m\",\"seed\":-1}");
                    yield return Show.Parse("{\"prompt\":\"p\"}");
                }
            }
            """ + Helpers);

        // Kie ignores members it does not know: the typo is kept and sent (so a member Kie added later still works),
        // and reported with the declared member it most likely meant.
        Assert.Equal("parsed {\"prompt\":\"p\",\"sound\":true,\"multi_prompt\":\"m\",\"aspectRatio\":\"9:16\"} | Warning aspectRatio:undeclared (undeclared members are sent as given (a parameter Kie added after the schema was written), but Kie drops those it does not know)", output[0]);
        Assert.Contains("Warning duration:maximum (Kie ran 15-second tasks (2026-03)) | Warning zzz:undeclared", output[1]);
        Assert.StartsWith("parsed ", output[1]);
        Assert.Equal("refused Error seed:minimum", output[2]);
        Assert.Equal("parsed {\"prompt\":\"p\"} | Warning sound:required (Kie created tasks without it (2026-03)) | Warning multi_prompt:required (Kie ran bodies without it when multi_shots was false (2026-03))", output[3]);
    }

    [Fact]
    public void The_undeclared_member_warning_names_the_member_meant()
    {
        var output = Scenario.Run(new[] { Advisory }, """
            public static class Scenario
            {
                public static IEnumerable<string> Run()
                {
                    using var document = JsonDocument.Parse("{\"prompt\":\"p\",\"sound\":true,\"multi_prompt\":\"m\",\"aspectRatio\":\"9:16\"}");
                    Consumer.Kie.Video.AcmeAdvisoryRequest.TryParse(document.RootElement, out _, out var findings);
                    yield return findings.Single().ToString();
                }
            }
            """ + Helpers);

        Assert.Equal("warning: aspectRatio: is not a parameter of this model; Kie ignores members it does not know; did you mean aspect_ratio? " +
                     "(advisory: undeclared members are sent as given (a parameter Kie added after the schema was written), but Kie drops those it does not know)", output[0]);
    }

    [Fact]
    public async Task A_constant_breaking_an_advisory_limit_is_warning_KIE109_with_the_reason_and_an_enforced_limit_stays_an_error()
    {
        var code = $$"""
            using Consumer.Kie.Video;
            public static class Use
            {
                public static void Run()
                {
                    _ = AcmeAdvisoryRequest.CreateBuilder().WithPrompt("{{new string('x', 2600)}}").WithDuration(15).WithSeed(101);
                }
            }
            """;
        var result = GeneratorHarness.Run(new AdditionalText[] { new SchemaText(Advisory.Path, Advisory.Text) }, code, GeneratorHarness.Consumer);
        Assert.Empty(result.CompileProblems());
        var analyzed = result.Output.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ConstantValueAnalyzer()));
        var found = (await analyzed.GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken)).OrderBy(d => d.Location.SourceSpan.Start).ToList();

        Assert.Equal(new[] { "KIE109", "KIE109", "KIE103" }, found.Select(d => d.Id));
        Assert.Equal(new[] { DiagnosticSeverity.Warning, DiagnosticSeverity.Warning, DiagnosticSeverity.Error }, found.Select(d => d.Severity));
        Assert.Equal("acme/advisory: 'prompt': allows at most 2500 characters; this value has 2600 (advisory limit, Kie accepts such values: Kie's page says 2500; accepted bodies up to 3000 recorded 2026-03)", found[0].GetMessage());
        Assert.Equal("acme/advisory: 'duration': must be at most 10; this value is 15 (advisory limit, Kie accepts such values: Kie ran 15-second tasks (2026-03))", found[1].GetMessage());
        Assert.Equal("acme/advisory: 'seed' must be at most 100; this value is 101", found[2].GetMessage());
    }

    private const string Header = "{\n  \"model\": \"test/model\",\n  \"family\": \"market\",\n  \"category\": \"image\",\n  \"result\": \"image\",\n";

    private static string Model(string properties, string extra = "") =>
        Header + "  \"input\": {\n    \"type\": \"object\",\n    \"properties\": {\n" + properties + "\n    }" + extra + "\n  }\n}\n";

    [Theory]
    // Line 9 is the property's line; columns are 1-based.
    [InlineData("      \"p\": { \"type\": \"string\", \"maxLength\": 5, \"x-kie-advisory\": { \"maxLenght\": \"r\" } }", 9, 68, "names 'maxLenght', which cannot be advisory (did you mean 'maxLength'?)")]
    [InlineData("      \"p\": { \"type\": \"string\", \"maxLength\": 5, \"x-kie-advisory\": { \"maxLength\": \"  \" } }", 9, 81, "gives 'maxLength' an empty reason")]
    [InlineData("      \"p\": { \"type\": \"string\", \"maxLength\": 5, \"x-kie-advisory\": { \"minLength\": \"r\" } }", 9, 68, "names 'minLength', which this schema does not have")]
    [InlineData("      \"p\": { \"type\": \"string\", \"maxLength\": 5, \"x-kie-advisory\": { \"maxLength\": 3000 } }", 9, 81, "gives 'maxLength' a 3000; the value must be a string")]
    [InlineData("      \"p\": { \"type\": \"string\", \"maxLength\": 5, \"x-kie-advisory\": [\"maxLength\"] }", 9, 66, "must be an object mapping keywords")]
    public void Bad_advisory_annotations_are_KIE030_at_their_line_and_column(string property, int line, int column, string message)
    {
        var result = GeneratorHarness.Run(("schemas/test.kie.json", Model(property)));
        Assert.Empty(result.Sources);
        var d = Assert.Single(result.GeneratorDiagnostics);
        var span = d.Location.GetLineSpan();
        Assert.Equal(("KIE030", "schemas/test.kie.json", DiagnosticSeverity.Error), (d.Id, span.Path, d.Severity));
        Assert.Equal((line, column), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        Assert.Contains(message, d.GetMessage());
    }

    [Fact]
    public void An_advisory_required_member_must_be_listed_in_required()
    {
        var text = Model("      \"p\": { \"type\": \"string\" }", ",\n    \"required\": [\"p\"],\n    \"x-kie-advisory\": { \"required\": { \"q\": \"r\" } }");
        var result = GeneratorHarness.Run(("schemas/test.kie.json", text));
        var d = Assert.Single(result.GeneratorDiagnostics);
        var span = d.Location.GetLineSpan();
        Assert.Equal("KIE030", d.Id);
        Assert.Equal((12, 39), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        Assert.Contains("names the member 'q', which 'required' does not list", d.GetMessage());
    }

    [Fact]
    public void Required_as_one_reason_makes_every_required_member_advisory()
    {
        var text = Model("      \"p\": { \"type\": \"string\" },\n      \"n\": { \"type\": \"integer\" }",
            ",\n    \"required\": [\"p\", \"n\"],\n    \"x-kie-advisory\": { \"required\": \"nothing confirms it\" }");
        var output = Scenario.Run(new[] { ("schemas/test.kie.json", text) }, """
            public static class Scenario
            {
                public static IEnumerable<string> Run()
                {
                    var request = Consumer.Kie.Image.TestModelRequest.CreateBuilder().Build();
                    yield return string.Join(" | ", request.Validate().Select(e => e.Severity + " " + e.Path + ":" + e.Keyword + " " + e.Reason));
                    yield return Encoding.UTF8.GetString(request.ToJsonParameters());
                }
            }
            """);
        Assert.Equal(new[] { "Warning p:required nothing confirms it | Warning n:required nothing confirms it", "{}" }, output);
    }

    [Fact]
    public void Under_additionalProperties_false_an_undeclared_member_is_an_error_naming_the_member_meant()
    {
        var text = Model("      \"aspect_ratio\": { \"type\": \"string\" }", ",\n    \"additionalProperties\": false");
        var output = Scenario.Run(new[] { ("schemas/test.kie.json", text) }, """
            public static class Scenario
            {
                public static IEnumerable<string> Run()
                {
                    using var document = JsonDocument.Parse("{\"aspectRatio\":\"16:9\"}");
                    yield return Consumer.Kie.Image.TestModelRequest.TryParse(document.RootElement, out _, out var findings) + " " + findings.Single();
                }
            }
            """);
        Assert.Equal("False aspectRatio: is not a parameter of this model; did you mean aspect_ratio?", Assert.Single(output));
    }

    [Fact]
    public void An_advisory_beside_a_bare_ref_is_KIE030_pointing_at_the_definition()
    {
        var text = Model("      \"p\": { \"$ref\": \"#/$defs/p\", \"x-kie-advisory\": { \"maxLength\": \"r\" } }",
            ",\n    \"$defs\": { \"p\": { \"type\": \"string\", \"maxLength\": 5 } }");
        var result = GeneratorHarness.Run(("schemas/test.kie.json", text));
        var d = Assert.Single(result.GeneratorDiagnostics);
        var span = d.Location.GetLineSpan();
        Assert.Equal(("KIE030", 9, 35), (d.Id, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        Assert.Contains("put it in the definition", d.GetMessage());
    }
}
