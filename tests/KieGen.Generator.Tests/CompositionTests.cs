using System.Collections.Immutable;
using System.Threading.Tasks;
using KieGen.Generator.Analysis;
using KieGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KieGen.Generator.Tests;

/// <summary>
/// oneOf/anyOf of object branches, $ref/$defs, allOf, type lists and const, through generated code: one request type
/// holding every branch's fields, a builder per branch, and errors that name the branches.
/// </summary>
public class CompositionTests
{
    private static readonly (string, string) Extend = TestSchemas.File("acme-extend.kie.json");

    [Fact]
    public void OneOf_schema_matches_snapshot_compiles_without_warnings_and_caches()
    {
        var result = GeneratorHarness.Run(new AdditionalText[] { new SchemaText(Extend.Item1, Extend.Item2) }, options: GeneratorHarness.Consumer);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompileProblems());
        Snapshot.Match(result.Source("Consumer.Kie.Video.AcmeExtendRequest.g.cs"), "Consumer.Kie.Video.AcmeExtendRequest");
        Incremental.AssertCachedAfterUnrelatedEdit(result.Driver, result.Output);
    }

    private const string Helpers = """
        static class Show
        {
            public static string Errors(IEnumerable<KieValidationError> errors) => string.Join(" | ", errors.Select(e => e.Path + ":" + e.Keyword + ":" + e.Message));

            public static string Parse(string json)
            {
                using var document = JsonDocument.Parse(json);
                return Consumer.Kie.Video.AcmeExtendRequest.TryParse(document.RootElement, out var request, out var errors)
                    ? "ok " + Encoding.UTF8.GetString(request.ToJsonParameters())
                    : Errors(errors);
            }

            public static string Build(Func<Consumer.Kie.Video.AcmeExtendRequest> build)
            {
                try { return "ok " + Encoding.UTF8.GetString(build().ToJsonParameters()); }
                catch (KieValidationException e) { return Errors(e.Errors); }
            }
        }
        """;

    [Fact]
    public void Branch_builders_build_each_alternative_and_json_round_trips()
    {
        var output = Scenario.Run(new[] { Extend }, """
            using Consumer.Kie.Video;
            public static class Scenario
            {
                public static IEnumerable<string> Run()
                {
                    yield return Show.Build(() => AcmeExtendRequest.CreateFromTaskBuilder().WithPrompt("more waves").WithTaskId("t-1").WithAspectRatio(AcmeExtendAspectRatio.Ratio16x9).Build());
                    yield return Show.Build(() => AcmeExtendRequest.CreateFromVideoBuilder().WithPrompt("more waves").WithVideoUrl("https://example.com/v.mp4").WithAspectRatio(AcmeExtendAspectRatio.Auto).WithDuration(5).Build());
                    yield return Show.Parse("{\"prompt\":\"more waves\",\"video_url\":\"https://example.com/v.mp4\",\"aspect_ratio\":\"auto\",\"quality\":\"1080p\"}");
                }
            }
            """ + Helpers);
        Assert.Equal(
            new[]
            {
                """ok {"prompt":"more waves","task_id":"t-1","aspect_ratio":"16:9"}""",
                """ok {"prompt":"more waves","aspect_ratio":"auto","video_url":"https://example.com/v.mp4","duration":5}""",
                """ok {"prompt":"more waves","quality":"1080p","aspect_ratio":"auto","video_url":"https://example.com/v.mp4"}""",
            },
            output);
    }

    [Fact]
    public void Mixing_two_branches_fails_naming_both_and_a_near_miss_names_the_branch_and_what_it_lacks()
    {
        var output = Scenario.Run(new[] { Extend }, """
            using Consumer.Kie.Video;
            public static class Scenario
            {
                public static IEnumerable<string> Run()
                {
                    yield return Show.Parse("{\"prompt\":\"more waves\",\"task_id\":\"t-1\",\"video_url\":\"https://example.com/v.mp4\"}");
                    yield return Show.Parse("{\"prompt\":\"more waves\"}");
                    yield return Show.Parse("{\"prompt\":\"more waves\",\"task_id\":\"t-1\",\"aspect_ratio\":\"auto\"}");
                    yield return Show.Build(() => AcmeExtendRequest.CreateFromTaskBuilder().WithPrompt("more waves").Build());
                    yield return Show.Errors(new AcmeExtendRequest { Prompt = "more waves", TaskId = "t-1", VideoUrl = "https://example.com/v.mp4" }.Validate());
                }
            }
            """ + Helpers);
        Assert.Equal(
            new[]
            {
                ":oneOf:matches 'From task' and 'From video' at once, but exactly one is allowed: use the fields of one of them, not both",
                ":oneOf:matches none of its 2 alternatives; the closest is 'From task', which lacks 'task_id'",
                ":oneOf:matches none of its 2 alternatives; the closest is 'From task', which fails aspect_ratio: must be one of \"16:9\", \"9:16\"",
                ":oneOf:matches none of its 2 alternatives; the closest is 'From task', which lacks 'task_id'",
                ":oneOf:matches 'From task' and 'From video' at once, but exactly one is allowed: use the fields of one of them, not both",
            },
            output);
    }

    [Fact]
    public async Task Branch_builder_parameters_carry_the_branch_limits_for_the_analyzer()
    {
        var result = GeneratorHarness.Run(new AdditionalText[] { new SchemaText(Extend.Item1, Extend.Item2) },
            "public static class Use { public static void Run() { Consumer.Kie.Video.AcmeExtendRequest.CreateFromTaskBuilder().WithTaskId(\"" + new string('x', 65) + "\").WithPrompt(\"ab\"); } }",
            GeneratorHarness.Consumer);
        Assert.Empty(result.CompileProblems());
        var analyzed = result.Output.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ConstantValueAnalyzer()));
        var found = (await analyzed.GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken)).OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(new[] { "KIE101", "KIE102" }, found.Select(d => d.Id));
        Assert.Contains("'task_id' allows at most 64 characters; this value has 65", found[0].GetMessage());
        Assert.Contains("'prompt'", found[1].GetMessage());
    }

    private static readonly (string, string) Shapes = ("shapes.kie.json", """
        {
          "model": "acme/shapes", "family": "market", "category": "image", "result": "image",
          "$defs": {
            "size": { "type": "object", "properties": { "width": { "type": "integer", "minimum": 1 }, "height": { "type": "integer", "minimum": 1 } }, "required": ["width", "height"] }
          },
          "input": {
            "type": "object",
            "properties": {
              "thumbnail": { "$ref": "#/$defs/size", "description": "Thumbnail size." },
              "full": { "$ref": "#/$defs/size" },
              "seed": { "type": ["integer", "null"] },
              "version": { "type": "string", "const": "V6" }
            },
            "required": ["version"],
            "allOf": [ { "properties": { "prompt": { "type": "string", "maxLength": 10 } }, "required": ["prompt"] } ],
            "anyOf": [
              { "title": "By style", "properties": { "style": { "type": "string" } }, "required": ["style"] },
              { "title": "By reference", "properties": { "reference_url": { "type": "string", "format": "uri" } }, "required": ["reference_url"] }
            ]
          }
        }
        """);

    [Fact]
    public void Refs_share_one_type_allOf_merges_into_the_class_and_nullable_const_and_anyOf_validate()
    {
        var output = Scenario.Run(new[] { Shapes }, """
            using Consumer.Kie.Image;
            public static class Scenario
            {
                static string Parse(string json)
                {
                    using var document = JsonDocument.Parse(json);
                    return AcmeShapesRequest.TryParse(document.RootElement, out var request, out var errors)
                        ? "ok " + Encoding.UTF8.GetString(request.ToJsonParameters())
                        : string.Join(" | ", errors.Select(e => e.Path + ":" + e.Keyword + ":" + e.Message));
                }

                public static IEnumerable<string> Run()
                {
                    // One class for both references; allOf's prompt is a required member of the request type.
                    var request = new AcmeShapesRequest { Version = "V6", Prompt = "cat", Style = "ink", Thumbnail = new Size { Width = 64, Height = 64 }, Full = new Size { Width = 0, Height = 9 } };
                    yield return string.Join(" | ", request.Validate().Select(e => e.Path + ":" + e.Keyword));
                    yield return Parse("{\"version\":\"V6\",\"prompt\":\"cat\",\"style\":\"ink\",\"seed\":null}");
                    yield return Parse("{\"version\":\"V6\",\"prompt\":\"cat\",\"style\":\"ink\",\"reference_url\":\"https://example.com/r.png\",\"seed\":7}");
                    yield return Parse("{\"version\":\"V5\",\"prompt\":\"a long prompt\",\"seed\":\"x\"}");
                }
            }
            """);
        Assert.Equal(
            new[]
            {
                "full.width:minimum",
                """ok {"seed":null,"version":"V6","prompt":"cat","style":"ink"}""",
                """ok {"seed":7,"version":"V6","prompt":"cat","style":"ink","reference_url":"https://example.com/r.png"}""",
                "version:const:must be \"V6\" | prompt:maxLength:must be at most 10 characters long (was 13) | seed:type:must be integer or null (was a string) | :anyOf:matches none of its 2 alternatives; the closest is 'By style', which lacks 'style'",
            },
            output);
    }
}
