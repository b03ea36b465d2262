using System.Reflection;
using System.Text.Json;
using KieGen.Generator.Tests.Infrastructure;
using KieGen.Validation;

namespace KieGen.Generator.Tests;

/// <summary>The odd-but-valid values of the corpus behave as JSON Schema says once compiled and run.</summary>
public class CorpusBehaviourTests
{
    private static readonly Lazy<StrictResult> OddValuesBuild = new(() =>
    {
        var root = typeof(CorpusBehaviourTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!;
        var path = Path.Combine(root, "Corpus", "valid-values", "values.kie.json");
        return StrictBuild.Run(new[] { new SchemaText("values.kie.json", File.ReadAllText(path)) });
    });

    private static readonly Lazy<Type> OddValues = new(() =>
        OddValuesBuild.Value.Load().GetType("Consumer.Kie.Video.OddValuesRequest", throwOnError: true)!);

    private static (bool Ok, IReadOnlyList<KieValidationError> Errors) Parse(string json)
    {
        var method = OddValues.Value.GetMethod("TryParse", new[] { typeof(JsonElement), OddValues.Value.MakeByRefType(), typeof(IReadOnlyList<KieValidationError>).MakeByRefType() })!;
        using var document = JsonDocument.Parse(json);
        var arguments = new object?[] { document.RootElement, null, null };
        var ok = (bool)method.Invoke(null, arguments)!;
        return (ok, (IReadOnlyList<KieValidationError>)arguments[2]!);
    }

    [Theory]
    [InlineData("{\"steps\": 10}", true)] // 1e1 in the schema is the integer 10
    [InlineData("{\"steps\": 1}", true)] // 1.0 in the schema is the integer 1
    [InlineData("{\"steps\": 9007199254740993}", true)]
    [InlineData("{\"steps\": 9007199254740992}", false)] // one below; equal as doubles
    [InlineData("{\"steps\": 2, \"seed\": 9007199254740993}", true)]
    [InlineData("{\"steps\": 2, \"seed\": 9007199254740992}", false)] // below an exact minimum beyond 2^53
    [InlineData("{\"steps\": 2, \"offset\": 2}", true)]
    [InlineData("{\"steps\": 2, \"offset\": 3}", false)] // exclusiveMaximum 2.5 on an integer
    [InlineData("{\"steps\": 2, \"mode\": \"fast\"}", true)]
    [InlineData("{\"steps\": 2, \"mode\": \"slow\"}", false)] // in the enum, but not the const
    [InlineData("{\"steps\": 2, \"level\": 2}", true)]
    [InlineData("{\"steps\": 2, \"level\": 3}", false)]
    [InlineData("{\"steps\": 2, \"shape\": {\"w\": 1}}", true)]
    [InlineData("{\"steps\": 2, \"shape\": {\"w\": 2}}", false)] // const on an object with properties
    [InlineData("{\"steps\": 2, \"scale\": 10.05}", true)]
    [InlineData("{\"steps\": 2, \"scale\": 10.06}", false)]
    public void Values_are_checked_exactly(string json, bool valid)
    {
        var (ok, errors) = Parse(json);
        Assert.True(ok == valid, string.Join("; ", errors));
    }

    [Fact]
    public void Bounds_are_written_as_the_schema_gives_them_in_docs_and_messages()
    {
        var generated = string.Concat(OddValuesBuild.Value.Output.SyntaxTrees
            .Select(t => t.ToString()).Where(t => t.Contains("class OddValuesRequest", StringComparison.Ordinal)));

        Assert.Contains("Range: 0.01 to 10.05.", generated, StringComparison.Ordinal); // once "Range: 01 to 105."
        var (_, errors) = Parse("{\"steps\": 2, \"seed\": 9007199254740992}");
        var seed = Assert.Single(errors);
        Assert.Contains("9007199254740993", seed.Message, StringComparison.Ordinal); // exact, not a rounded double
        Assert.DoesNotContain("E+", seed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_surrogate_is_an_error_at_its_path_not_an_exception()
    {
        var (ok, errors) = Parse("{\"steps\": 2, \"mode\": \"\\ud800\"}");
        Assert.False(ok);
        Assert.Contains(errors, e => e.Path == "mode" && e.Message.Contains("Unicode", StringComparison.Ordinal));
    }

    [Fact]
    public void Integer_bounds_are_reported_without_a_fraction()
    {
        var (_, errors) = Parse("{\"steps\": 2, \"seed\": 1}");
        Assert.Contains(errors, e => e.Path == "seed" && e.Message == "must be at least 9007199254740993 (was 1)");
    }
}
