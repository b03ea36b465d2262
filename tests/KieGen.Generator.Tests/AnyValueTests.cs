using KieGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace KieGen.Generator.Tests;

/// <summary>
/// Values a schema leaves open (<c>{}</c>, an array without <c>items</c>, <c>additionalProperties: {}</c>, a branch
/// member without rules): kept as they came, with no read or check helper of their own, so no generated method
/// takes a parameter it never uses.
/// </summary>
public class AnyValueTests
{
    private static readonly (string, string) Open = ("open.kie.json", """
        {
          "model": "acme/open", "family": "market", "category": "image", "result": "image",
          "input": {
            "type": "object",
            "properties": {
              "prompt": {"type": "string", "maxLength": 5},
              "meta": {},
              "tags": {"type": "array", "maxItems": 2},
              "extra": {"type": "object", "properties": {"note": {"type": "string"}}, "additionalProperties": {}}
            },
            "oneOf": [
              {"title": "Prompt", "required": ["prompt"], "properties": {"meta": true}},
              {"title": "Meta", "required": ["meta"]}
            ]
          }
        }
        """);

    [Fact]
    public void Open_values_have_no_helpers_and_are_read_as_they_came()
    {
        var source = GeneratorHarness.Run(new AdditionalText[] { new SchemaText(Open.Item1, Open.Item2) }, "", GeneratorHarness.Consumer)
            .Source("Consumer.Kie.Image.AcmeOpenRequest.g.cs");
        Assert.DoesNotContain("ReadMeta(", source);
        Assert.DoesNotContain("ReadTagsItem", source);
        Assert.DoesNotContain("ReadExtraExtra", source);
        Assert.DoesNotContain("ReadPromptBranchMeta", source);
        Assert.Contains("meta = property.Value.Clone();", source);
        Assert.Contains("global::KieGen.Requests.Support.KieRead.Array(json, path, errors, out value);", source);

        var output = Scenario.Run(new[] { Open }, """"
            using Consumer.Kie.Image;
            public static class Scenario
            {
                static string Parse(string json)
                {
                    var ok = AcmeOpenRequest.TryParse(Encoding.UTF8.GetBytes(json), out var request, out var errors);
                    return ok + " " + string.Join(" | ", errors.Select(e => e.Path + ":" + e.Keyword)) +
                        (ok ? " " + request!.Meta!.Value.GetRawText() + " " + string.Join(",", request.Tags!.Select(t => t.GetRawText())) +
                              " " + request.Extra!.AdditionalProperties!["any"].GetRawText() : "");
                }

                public static IEnumerable<string> Run()
                {
                    yield return Parse("""{"meta":{"a":[1]},"tags":[1,"x"],"extra":{"any":null}}""");
                    yield return Parse("""{"prompt":"too long","meta":1,"tags":[1,2,3],"extra":{}}""");
                }
            }
            """");
        Assert.Equal(
            new[]
            {
                """True  {"a":[1]} 1,"x" null""",
                "False prompt:maxLength | tags:maxItems | :oneOf",
            },
            output);
    }
}
