using KieGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace KieGen.Generator.Tests;

/// <summary>
/// Names the emitter derives from properties, branch titles and top-level fields: readable, and never colliding with
/// each other, with C# keywords or with the helper class's fixed members, even when a schema picks exactly those words.
/// </summary>
public class EmittedNameTests
{
    // Top-level fields named like ReadBody's own locals and a keyword; a parameter named like the helper class's
    // fixed members; two untitled allOf parts testing the same member; a branch titled like a parameter.
    private static readonly (string, string) Clashing = ("names.kie.json", """
        {
          "model": "acme/names", "family": "market", "category": "image", "result": "image",
          "topLevel": {
            "properties": {
              "body": {"type": "string", "maxLength": 8},
              "event": {"type": "integer", "minimum": 1},
              "mark": {"type": "string", "format": "uri"}
            },
            "required": ["event"]
          },
          "input": {
            "type": "object",
            "properties": {
              "top_level_fields": {"type": "string", "maxLength": 3},
              "from_text": {"type": "string", "maxLength": 5},
              "style": {"type": "string"}
            },
            "allOf": [
              {"properties": {"style": {"type": "string", "minLength": 2}}},
              {"properties": {"style": {"type": "string", "maxLength": 6}}}
            ],
            "anyOf": [
              {"title": "From text", "required": ["from_text"]},
              {"title": "Style", "required": ["style"]}
            ]
          }
        }
        """);

    [Fact]
    public void Names_that_clash_with_locals_keywords_and_helper_members_are_made_unique_and_the_code_behaves()
    {
        var output = Scenario.Run(new[] { Clashing }, """"
            using Consumer.Kie.Image;
            public static class Scenario
            {
                static string Errors(IEnumerable<KieValidationError> errors) => string.Join(" | ", errors.Select(e => e.Path + ":" + e.Keyword));

                static string Parse(string json)
                {
                    using var document = JsonDocument.Parse(json);
                    var ok = AcmeNamesRequest.TryParseBody(document.RootElement, out var request, out var errors);
                    return ok + " " + Errors(errors) + (ok ? " " + request!.Body + "/" + request.Event + "/" + request.Mark + "/" + request.TopLevelFields : "");
                }

                public static IEnumerable<string> Run()
                {
                    yield return Parse("""{"model":"acme/names","body":"b","event":2,"mark":"https://m.example","input":{"top_level_fields":"abc","from_text":"t","style":"ab"}}""");
                    yield return Parse("""{"model":"acme/names","body":"too long body","event":0,"mark":"no url","input":{"top_level_fields":"abcd","style":"a"}}""");
                    yield return Parse("""{"model":"acme/names","input":{"style":"abcdefg"}}""");
                    var request = new AcmeNamesRequest { TopLevelFields = "abc", FromText = "t", Event = 3, Body = "b" };
                    yield return Errors(request.Validate()) + " " + Encoding.UTF8.GetString(request.ToJsonBody());
                }
            }
            """");
        Assert.Equal(
            new[]
            {
                "True  b/2/https://m.example/abc",
                "False input.top_level_fields:maxLength | input.style:minLength | body:maxLength | event:minimum | mark:format",
                "False input.style:maxLength | event:required",
                """ {"model":"acme/names","body":"b","event":3,"input":{"top_level_fields":"abc","from_text":"t"}}""",
            },
            output);
    }

    [Fact]
    public void Locals_and_helpers_are_named_after_fields_and_branches_and_escaped()
    {
        var source = GeneratorHarness.Run(new AdditionalText[] { new SchemaText(Clashing.Item1, Clashing.Item2) }, "", GeneratorHarness.Consumer)
            .Source("Consumer.Kie.Image.AcmeNamesRequest.g.cs");

        // ReadBody's locals after each field; a field named like one of its own locals gets a suffix, a keyword an @.
        Assert.Contains("var hasBody = body.TryGetProperty(\"body\", out var bodyJson);", source);
        Assert.Contains("var hasEvent = body.TryGetProperty(\"event\", out var eventJson);", source);
        Assert.Contains("if (hasEvent) ReadTopLevelEvent(eventJson, \"event\", errors, out @event);", source);
        Assert.Contains("string mark_2 = default!;", source);
        // The parameter named like the helper class's field list keeps its property name; its helpers are the request's.
        Assert.Contains("internal static readonly string[] TopLevelFields = new string[] { \"body\", \"event\", \"mark\" };", source);
        Assert.Contains("CheckRequestTopLevelFields(", source);
        // Untitled parts after what they test; titled branches after their titles; a name already taken (by the other
        // part, by a parameter's helpers) says it is a branch, never a bare counter.
        Assert.Contains("ReadWithStyle(json, path, withStyle, out _);", source);
        Assert.Contains("ReadWithStyleBranch(json, path, withStyleBranch, out _);", source);
        Assert.Contains("ReadFromTextBranch(json, path, fromTextBranch, out _);", source);
        Assert.Contains("new global::KieGen.Requests.Support.KieBranchResult(\"From text\", fromTextBranch)", source);
        Assert.DoesNotContain("Option1", source);
        Assert.DoesNotMatch(@"\b(Read|Check)[A-Za-z]+[a-z]2\b", source);
    }
}
