using KieGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace KieGen.Generator.Tests;

/// <summary>The file members beside <c>input</c>: <c>deprecated</c> ([Obsolete]) and <c>topLevel</c> (typed body fields).</summary>
public class FileMemberTests
{
    private static string Model(string id, string extra, string properties = "\"prompt\": {\"type\": \"string\", \"maxLength\": 20}", string required = "[\"prompt\"]") =>
        "{\"model\": \"" + id + "\", \"family\": \"market\", \"category\": \"video\", \"result\": \"video\", " + extra +
        "\"input\": {\"type\": \"object\", \"properties\": {" + properties + "}, \"required\": " + required + "}}";

    private static readonly (string, string) Replacement = ("new.kie.json", Model("acme/new", ""));

    private static readonly (string, string) Retired = ("old.kie.json", Model("acme/old",
        "\"deprecated\": {\"reason\": \"Kie retired it in October 2026.\", \"replacedBy\": \"acme/new\"}, "));

    [Fact]
    public void Deprecated_model_is_obsolete_with_a_message_naming_the_replacement_and_its_type()
    {
        var warnings = Scenario.Warnings(new[] { Replacement, Retired }, "class Use { object M() => Consumer.Kie.Video.AcmeOldRequest.CreateBuilder(); }");

        var warning = Assert.Single(warnings);
        Assert.Equal(("CS0618", DiagnosticSeverity.Warning), (warning.Id, warning.Severity));
        Assert.Contains("acme/old is deprecated: Kie retired it in October 2026. Use acme/new (Consumer.Kie.Video.AcmeNewRequest).", warning.GetMessage());
    }

    [Fact]
    public void Replacement_outside_the_project_is_named_by_model_id_only()
    {
        var warnings = Scenario.Warnings(new[] { Retired }, "class Use { object M() => new Consumer.Kie.Video.AcmeOldRequest { Prompt = \"p\" }; }");
        Assert.All(warnings, w => Assert.Equal("CS0618", w.Id));
        Assert.Contains("acme/old is deprecated: Kie retired it in October 2026. Use acme/new.", warnings[0].GetMessage());
    }

    [Fact]
    public void Deprecated_model_still_builds_validates_and_serializes_with_only_the_warning_at_the_call_site()
    {
        var output = Scenario.Run(new[] { Retired }, """
            public static class Scenario
            {
                public static IEnumerable<string> Run()
                {
                    var request = Consumer.Kie.Video.AcmeOldRequest.CreateBuilder().WithPrompt("p").Build();
                    yield return Encoding.UTF8.GetString(request.ToJsonBody());
                }
            }
            """, "CS0618");
        Assert.Equal("""{"model":"acme/old","input":{"prompt":"p"}}""", Assert.Single(output));
    }

    private static readonly (string, string) WithTopLevel = ("progress.kie.json", Model("acme/progress",
        "\"topLevel\": {\"properties\": {\"progressCallBackUrl\": {\"type\": \"string\", \"format\": \"uri\"}, \"priority\": {\"type\": \"integer\", \"minimum\": 1, \"maximum\": 3}}, \"required\": [\"priority\"]}, "));

    [Fact]
    public void Top_level_fields_are_typed_written_beside_model_and_input_and_read_back()
    {
        var output = Scenario.Run(new[] { WithTopLevel }, """
            using Consumer.Kie.Video;
            public static class Scenario
            {
                public static IEnumerable<string> Run()
                {
                    var request = AcmeProgressRequest.CreateBuilder().WithPrompt("p").WithPriority(2).WithProgressCallBackUrl("https://example.com/progress").Build();
                    var body = request.ToJsonBody("https://example.com/done");
                    yield return Encoding.UTF8.GetString(body);
                    using var document = JsonDocument.Parse(body);
                    var ok = AcmeProgressRequest.TryParseBody(document.RootElement, out var read, out var errors);
                    yield return ok + " " + string.Join("; ", errors) + " " + read?.ProgressCallBackUrl + " " + read?.Priority;
                    yield return Encoding.UTF8.GetString(read!.ToJsonBody("https://example.com/done")) == Encoding.UTF8.GetString(body) ? "same" : "different";
                    // Through the catalog, as the fake server reads bodies.
                    var entry = KieCatalogEntry.For<AcmeProgressRequest>();
                    yield return entry.TryParseBody(document.RootElement, out var viaCatalog, out _) && viaCatalog is AcmeProgressRequest ? "catalog" : "no";
                }
            }
            """);
        Assert.Equal(
            new[]
            {
                """{"model":"acme/progress","callBackUrl":"https://example.com/done","progressCallBackUrl":"https://example.com/progress","priority":2,"input":{"prompt":"p"}}""",
                "True  https://example.com/progress 2",
                "same",
                "catalog",
            },
            output);
    }

    [Fact]
    public void Top_level_fields_are_validated_and_nothing_unknown_in_the_body_is_dropped()
    {
        var output = Scenario.Run(new[] { WithTopLevel }, """
            using Consumer.Kie.Video;
            public static class Scenario
            {
                public static IEnumerable<string> Run()
                {
                    foreach (var json in new[]
                    {
                        "{\"model\":\"acme/other\",\"priority\":9,\"progressCallBackUrl\":\"not a url\",\"extra\":1,\"input\":{\"prompt\":\"p\"}}",
                        "{\"model\":\"acme/progress\",\"input\":{\"prompt\":5}}",
                        "[]",
                    })
                    {
                        using var document = JsonDocument.Parse(json);
                        AcmeProgressRequest.TryParseBody(document.RootElement, out _, out var errors);
                        yield return string.Join(" | ", errors.Select(e => e.Path + ":" + e.Keyword));
                    }

                    yield return string.Join(" | ", new AcmeProgressRequest { Prompt = "p", Priority = 0 }.Validate().Select(e => e.Path + ":" + e.Keyword));
                    yield return AcmeProgressRequest.CreateBuilder().WithPrompt("p").TryBuildErrors();
                }
            }

            static class BuilderExtensions
            {
                public static string TryBuildErrors(this AcmeProgressRequest.Builder builder)
                {
                    try { builder.Build(); return "built"; }
                    catch (KieValidationException e) { return string.Join(" | ", e.Errors.Select(x => x.Path + ":" + x.Keyword)); }
                }
            }
            """);
        Assert.Equal(
            new[]
            {
                "model:const | extra:additionalProperties | progressCallBackUrl:format | priority:maximum",
                "input.prompt:type | priority:required",
                ":type",
                "priority:minimum",
                "priority:required",
            },
            output);
    }

    [Fact]
    public void Models_without_top_level_fields_read_whole_bodies_through_the_interface_default()
    {
        var output = Scenario.Run(new[] { Replacement }, """
            using Consumer.Kie.Video;
            public static class Scenario
            {
                static bool Parse<T>(string json, out string errors) where T : class, IKieRequest<T>
                {
                    using var document = JsonDocument.Parse(json);
                    var ok = T.TryParseBody(document.RootElement, out _, out var list);
                    errors = string.Join(" | ", list.Select(e => e.Path + ":" + e.Keyword));
                    return ok;
                }

                public static IEnumerable<string> Run()
                {
                    yield return Parse<AcmeNewRequest>("{\"model\":\"acme/new\",\"callBackUrl\":\"https://x.test/cb\",\"input\":{\"prompt\":\"p\"}}", out var e1) + " " + e1;
                    yield return Parse<AcmeNewRequest>("{\"model\":\"acme/new\",\"progressCallBackUrl\":\"https://x.test/p\",\"input\":{}}", out var e2) + " " + e2;
                }
            }
            """);
        Assert.Equal(new[] { "True ", "False progressCallBackUrl:additionalProperties | input.prompt:required" }, output);
    }
}
