using System.Collections.Immutable;
using System.Threading.Tasks;
using KieGen.Generator.Analysis;
using KieGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KieGen.Generator.Tests;

/// <summary>
/// Conditional requirements (issue 24 item 2): <c>if</c>/<c>then</c>/<c>else</c>, <c>not</c>, a <c>false</c> member,
/// <c>dependentRequired</c>, a parameter defined differently in two <c>oneOf</c> branches, and open branches (a member
/// a branch does not list is allowed unless the branch says <c>additionalProperties: false</c>), through generated
/// code: TryParse, TryParseBody, Validate() and Build() all name the condition.
/// </summary>
public class ConditionTests
{
    private static readonly (string, string) Conditions = TestSchemas.File("acme-conditions.kie.json");
    private static readonly (string, string) OmniOpen = TestSchemas.File("kling-3.0-omni-reference-to-video.kie.json");

    private const string Helpers = """
        static class Show
        {
            public static string Errors(IEnumerable<KieValidationError> errors) => string.Join(" | ", errors.Select(e => e.Path + ":" + e.Keyword + ":" + e.Message));

            public static string Parse<T>(string json) where T : class, IKieRequest<T>
            {
                using var document = JsonDocument.Parse(json);
                return T.TryParse(document.RootElement, out var request, out var errors)
                    ? "ok " + Encoding.UTF8.GetString(request.ToJsonParameters())
                    : Errors(errors);
            }

            public static string ParseBody<T>(string json) where T : class, IKieRequest<T>
            {
                using var document = JsonDocument.Parse(json);
                return T.TryParseBody(document.RootElement, out _, out var errors) ? "ok" : Errors(errors);
            }

            public static string Build(Func<IKieRequest> build)
            {
                try { return "ok " + Encoding.UTF8.GetString(build().ToJsonParameters()); }
                catch (KieValidationException e) { return Errors(e.Errors); }
            }
        }
        """;

    [Fact]
    public void Conditional_schema_matches_snapshot_compiles_without_warnings_and_caches()
    {
        var result = GeneratorHarness.Run(new AdditionalText[] { new SchemaText(Conditions.Item1, Conditions.Item2) }, options: GeneratorHarness.Consumer);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompileProblems());
        Snapshot.Match(result.Source("Consumer.Kie.Video.AcmeConditionsRequest.g.cs"), "Consumer.Kie.Video.AcmeConditionsRequest");
        Incremental.AssertCachedAfterUnrelatedEdit(result.Driver, result.Output);
    }

    [Fact]
    public void Conditions_are_checked_by_TryParse_TryParseBody_Validate_and_Build_naming_the_condition()
    {
        const string image = "\\\"image_urls\\\":[\\\"https://example.com/a.png\\\"]";
        var output = Scenario.Run(new[] { Conditions }, """
            using Consumer.Kie.Video;
            public static class Scenario
            {
                public static IEnumerable<string> Run()
                {
                    yield return Show.Parse<AcmeConditionsRequest>("{\"prompt\":\"p\",\"multi_shots\":false,IMAGE}");
                    yield return Show.Parse<AcmeConditionsRequest>("{\"prompt\":\"p\",\"multi_shots\":true,IMAGE}");
                    yield return Show.Parse<AcmeConditionsRequest>("{\"prompt\":\"p\",\"multi_shots\":true,\"multi_prompt\":[\"a\",\"b\"],IMAGE}");
                    yield return Show.Parse<AcmeConditionsRequest>("{\"prompt\":\"p\",\"multi_prompt\":[\"a\"],IMAGE}");
                    yield return Show.Parse<AcmeConditionsRequest>("{\"prompt\":\"p\",\"mode\":\"4k\",\"sound\":true,IMAGE}");
                    yield return Show.Parse<AcmeConditionsRequest>("{\"prompt\":\"p\",\"mode\":\"pro\",\"sound\":true,IMAGE}");
                    yield return Show.Parse<AcmeConditionsRequest>("{\"prompt\":\"p\",\"seed\":7,IMAGE}");
                    yield return Show.Parse<AcmeConditionsRequest>("{\"prompt\":\"p\",\"seed\":7,\"seed_mode\":\"fixed\",IMAGE}");
                    yield return Show.ParseBody<AcmeConditionsRequest>("{\"model\":\"acme/conditions\",\"input\":{\"prompt\":\"p\",\"multi_shots\":true,IMAGE}}");
                    yield return Show.Build(() => AcmeConditionsRequest.CreateBuilder().WithPrompt("p").WithMultiShots(true).WithImageUrls("https://example.com/a.png").Build());
                    yield return Show.Build(() => AcmeConditionsRequest.CreateBuilder().WithPrompt("p").WithMode(AcmeConditionsMode.V4k).WithSound(false).WithImageUrls("https://example.com/a.png").Build());
                    yield return Show.Errors(new AcmeConditionsRequest { Prompt = "p", Seed = 1, ImageUrls = new[] { "https://example.com/a.png" } }.Validate());
                }
            }
            """.Replace("IMAGE", image) + Helpers);
        Assert.Equal(
            new[]
            {
                """ok {"prompt":"p","multi_shots":false,"image_urls":["https://example.com/a.png"]}""",
                "multi_prompt:required:is required when multi_shots is true",
                """ok {"prompt":"p","multi_shots":true,"multi_prompt":["a","b"],"image_urls":["https://example.com/a.png"]}""",
                "multi_prompt:false:is not allowed unless multi_shots is true",
                "sound:not:is not allowed when mode is \"4k\"",
                """ok {"prompt":"p","mode":"pro","sound":true,"image_urls":["https://example.com/a.png"]}""",
                "seed_mode:dependentRequired:is required when 'seed' is present",
                """ok {"prompt":"p","seed":7,"seed_mode":"fixed","image_urls":["https://example.com/a.png"]}""",
                "input.multi_prompt:required:is required when multi_shots is true",
                "multi_prompt:required:is required when multi_shots is true",
                "sound:not:is not allowed when mode is \"4k\"",
                "seed_mode:dependentRequired:is required when 'seed' is present",
            },
            output);
    }

    [Fact]
    public void A_parameter_defined_differently_in_two_branches_is_typed_once_and_checked_by_the_branch_that_matches()
    {
        var output = Scenario.Run(new[] { Conditions }, """
            using Consumer.Kie.Video;
            public static class Scenario
            {
                public static IEnumerable<string> Run()
                {
                    yield return Show.Parse<AcmeConditionsRequest>("{\"prompt\":\"p\",\"image_urls\":[\"https://example.com/a.png\"]}");
                    yield return Show.Parse<AcmeConditionsRequest>("{\"prompt\":\"p\",\"image_urls\":[\"https://example.com/a.png\",\"https://example.com/b.png\"],\"end_image_url\":\"https://example.com/z.png\"}");
                    yield return Show.Parse<AcmeConditionsRequest>("{\"prompt\":\"p\",\"image_urls\":[\"https://example.com/a.png\"],\"end_image_url\":\"https://example.com/z.png\"}");
                    yield return Show.Parse<AcmeConditionsRequest>("{\"prompt\":\"p\",\"image_urls\":[\"https://example.com/a.png\",\"https://example.com/b.png\"]}");
                    yield return Show.Build(() => AcmeConditionsRequest.CreateStartAndEndBuilder().WithPrompt("p").WithImageUrls("https://example.com/a.png", "https://example.com/b.png").WithEndImageUrl("https://example.com/z.png").Build());
                    yield return typeof(AcmeConditionsRequest).GetProperty("ImageUrls")!.PropertyType.ToString();
                }
            }
            """ + Helpers);
        Assert.Equal(
            new[]
            {
                """ok {"prompt":"p","image_urls":["https://example.com/a.png"]}""",
                """ok {"prompt":"p","end_image_url":"https://example.com/z.png","image_urls":["https://example.com/a.png","https://example.com/b.png"]}""",
                """ok {"prompt":"p","end_image_url":"https://example.com/z.png","image_urls":["https://example.com/a.png"]}""",
                ":oneOf:matches none of its 2 alternatives; the closest is 'Single image', which fails image_urls: must have at most 1 items (had 2)",
                """ok {"prompt":"p","end_image_url":"https://example.com/z.png","image_urls":["https://example.com/a.png","https://example.com/b.png"]}""",
                "System.Collections.Generic.IReadOnlyList`1[System.String]",
            },
            output);
    }

    /// <summary>
    /// Kie's documented Kling 3.0 Omni reference-to-video examples (video input with customize_multi_shots; image and
    /// video input with multi_prompt) pass with open branches: the test copy, and the catalog file, whose branches now
    /// say what they exclude ("video_urls": false, "image_urls": false) instead of <c>additionalProperties: false</c>.
    /// The same branches closed with <c>additionalProperties: false</c> still forbid the members they do not list.
    /// </summary>
    [Fact]
    public void Kling_omni_examples_pass_with_open_branches_and_closed_branches_still_forbid_unlisted_members()
    {
        var catalogFile = Catalog.File("video/kling-3.0-omni-reference-to-video.kie.json").Content;
        var catalog = catalogFile.Replace("\"kling-3.0-omni/reference-to-video\"", "\"catalog/omni\"", StringComparison.Ordinal);
        var closed = System.Text.Json.Nodes.JsonNode.Parse(catalogFile)!;
        closed["model"] = "closed/omni";
        foreach (var branch in closed["input"]!["oneOf"]!.AsArray())
        {
            branch!["additionalProperties"] = false;
        }

        var output = Scenario.Run(new[] { OmniOpen, ("catalog/omni.kie.json", catalog), ("closed/omni.kie.json", closed.ToJsonString()) }, """
            using Consumer.Kie.Video;
            public static class Scenario
            {
                const string VideoWithShots = "{\"prompt\":\"The cat from @video1 walks into the garden\",\"video_urls\":[\"https://example.com/v.mp4\"],\"aspect_ratio\":\"auto\",\"audio\":true,\"customize_multi_shots\":false}";
                const string ImagesVideoAndShots = "{\"prompt\":\"@image1 meets @video1\",\"image_urls\":[\"https://example.com/a.png\"],\"video_urls\":[\"https://example.com/v.mp4\"],\"aspect_ratio\":\"16:9\",\"audio\":false,\"customize_multi_shots\":true,\"multi_prompt\":[{\"prompt\":\"shot one\",\"duration\":3},{\"prompt\":\"shot two\",\"duration\":2}]}";
                const string ImagesNoVideo = "{\"prompt\":\"a cat\",\"image_urls\":[\"https://example.com/a.png\"],\"video_urls\":[\"https://example.com/v.mp4\"]}";

                public static IEnumerable<string> Run()
                {
                    yield return Show.Parse<Kling3_0OmniReferenceToVideoRequest>(VideoWithShots).Substring(0, 2);
                    yield return Show.Parse<Kling3_0OmniReferenceToVideoRequest>(ImagesVideoAndShots).Substring(0, 2);
                    yield return Show.Parse<Kling3_0OmniReferenceToVideoRequest>(ImagesNoVideo);
                    yield return Show.Parse<ClosedOmniRequest>(VideoWithShots);
                    yield return Show.Parse<CatalogOmniRequest>(VideoWithShots).Substring(0, 2);
                    yield return Show.Parse<CatalogOmniRequest>(ImagesVideoAndShots).Substring(0, 2);
                    yield return Show.Parse<CatalogOmniRequest>(ImagesNoVideo).Substring(0, 2);
                }
            }
            """ + Helpers);
        Assert.Equal("ok", output[0]);
        Assert.Equal("ok", output[1]);
        Assert.Equal(":oneOf:matches none of its 3 alternatives; the closest is 'No Video Input', which fails video_urls: is not allowed", output[2]);
        Assert.Contains("customize_multi_shots", output[3], StringComparison.Ordinal);
        Assert.Equal("ok", output[4]);
        Assert.Equal("ok", output[5]);
        Assert.NotEqual("ok", output[6]);
    }

    [Fact]
    public async Task Analyzer_reports_a_condition_broken_by_constant_builder_calls_at_Build()
    {
        var result = GeneratorHarness.Run(new AdditionalText[] { new SchemaText(Conditions.Item1, Conditions.Item2) }, """
            using Consumer.Kie.Video;
            public static class Use
            {
                public static void Run(bool shots, string[] prompts)
                {
                    AcmeConditionsRequest.CreateBuilder().WithPrompt("p").WithMultiShots(true).WithImageUrls("https://example.com/a.png").Build();
                    AcmeConditionsRequest.CreateBuilder().WithPrompt("p").WithMultiShots(true).WithMultiPrompt(prompts).WithImageUrls("https://example.com/a.png").Build();
                    AcmeConditionsRequest.CreateBuilder().WithPrompt("p").WithMultiShots(false).WithImageUrls("https://example.com/a.png").Build();
                    AcmeConditionsRequest.CreateBuilder().WithPrompt("p").WithMultiShots(shots).WithImageUrls("https://example.com/a.png").Build();
                    AcmeConditionsRequest.CreateBuilder().WithPrompt("p").WithMode(AcmeConditionsMode.V4k).WithSound(true).WithImageUrls("https://example.com/a.png").Build();
                    AcmeConditionsRequest.CreateBuilder().WithPrompt("p").WithMode(AcmeConditionsMode.Pro).WithSound(true).WithImageUrls("https://example.com/a.png").Build();
                    AcmeConditionsRequest.CreateSingleImageBuilder().WithPrompt("p").WithSeed(7).WithImageUrls("https://example.com/a.png").Build();
                }
            }
            """, GeneratorHarness.Consumer);
        Assert.Empty(result.CompileProblems());
        var analyzed = result.Output.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ConditionAnalyzer()));
        var found = (await analyzed.GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken)).OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(
            new[]
            {
                "KIE108 6 acme/conditions: 'multi_prompt' is required when multi_shots is true",
                "KIE108 10 acme/conditions: 'sound' is not allowed when mode is \"4k\"",
                "KIE108 12 acme/conditions: 'seed_mode' is required when 'seed' is present",
            },
            found.Select(d => d.Id + " " + (d.Location.GetLineSpan().StartLinePosition.Line + 1) + " " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("\"if\": {\"properties\": {\"p\": {\"const\": \"x\"}}},\n    \"then\": {\"required\": [\"q\"]},", "KIE025", 10, 27)]
    [InlineData("\"then\": {\"required\": [\"q\"]},", "KIE025", 10, 5)]
    [InlineData("\"if\": {\"properties\": {\"p\": {\"const\": \"x\"}}, \"required\": [\"p\"]},\n    \"then\": {\"required\": [\"r\"]},", "KIE015", 11, 27)]
    [InlineData("\"dependentRequired\": {\"p\": [\"r\"]},", "KIE013", 10, 33)]
    [InlineData("\"dependentRequired\": {\"p\": \"q\"},", "KIE003", 10, 32)]
    [InlineData("\"if\": {\"properties\": {\"p\": {\"const\": \"x\"}}, \"required\": [\"p\"]},\n    \"then\": {\"contains\": {}},", "KIE016", 11, 14)]
    [InlineData("\"not\": {\"required\": [\"r\"]},", "KIE015", 10, 26)]
    public void Condition_mistakes_are_reported_at_the_keyword(string keywords, string id, int line, int column)
    {
        var text = "{\n  \"model\": \"test/model\",\n  \"family\": \"market\",\n  \"category\": \"image\",\n  \"result\": \"image\",\n" +
                   "  \"input\": {\n    \"type\": \"object\",\n    \"properties\": {\"p\": {\"type\": \"string\"}, \"q\": {\"type\": \"string\"}},\n    \"required\": [],\n    " +
                   keywords + "\n    \"additionalProperties\": false\n  }\n}\n";
        var result = GeneratorHarness.Run(("schemas/test.kie.json", text));
        Assert.Empty(result.Sources);
        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal((id, "schemas/test.kie.json", line, column), (diagnostic.Id, span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
    }

    [Fact]
    public void False_outside_a_branch_or_condition_is_still_reported()
    {
        var text = "{\"model\": \"test/model\", \"family\": \"market\", \"category\": \"image\", \"result\": \"image\",\n" +
                   "  \"input\": {\"type\": \"object\", \"properties\": {\"p\": false}}}";
        var result = GeneratorHarness.Run(("schemas/test.kie.json", text));
        Assert.Equal("KIE016", Assert.Single(result.GeneratorDiagnostics).Id);
    }
}
