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
                ":oneOf:matches none of any of its 2 alternatives; the closest is 'From task', which lacks 'task_id'",
                ":oneOf:matches none of any of its 2 alternatives; the closest is 'From task', which fails aspect_ratio: must be one of \"16:9\", \"9:16\"",
                ":oneOf:matches none of any of its 2 alternatives; the closest is 'From task', which lacks 'task_id'",
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
}
