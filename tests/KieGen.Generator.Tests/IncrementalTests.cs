using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using KieGen.Generator.Model;
using KieGen.Generator.Naming;
using KieGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace KieGen.Generator.Tests;

/// <summary>Which outputs each kind of change touches: only the models that actually changed.</summary>
public class IncrementalTests
{
    private static string Model(string id, string description) =>
        "{\"model\": \"" + id + "\", \"family\": \"market\", \"category\": \"image\", \"result\": \"image\", \"input\": {\"properties\": " +
        "{\"prompt\": {\"type\": \"string\", \"description\": \"" + description + "\"}}}}";

    private static readonly SchemaText A = new("a.kie.json", Model("test/a", "first"));
    private static readonly SchemaText B = new("b.kie.json", Model("test/b", "second"));

    /// <summary>Output reasons of the Sources step, keyed by hint name.</summary>
    private static Dictionary<string, IncrementalStepRunReason> SourceReasons(GeneratorDriver driver)
    {
        var result = new Dictionary<string, IncrementalStepRunReason>();
        foreach (var step in driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.Sources])
        {
            foreach (var (value, reason) in step.Outputs)
            {
                result[((RenderedSource)value).HintName] = reason;
            }
        }

        return result;
    }

    private static GeneratorDriver Warm(params AdditionalText[] files)
    {
        var compilation = GeneratorHarness.Compilation("class C { }");
        return GeneratorHarness.Driver(files).RunGenerators(compilation);
    }

    private static GeneratorDriver Rerun(GeneratorDriver driver) => driver.RunGenerators(GeneratorHarness.Compilation("class C { }"));

    [Fact]
    public void Editing_one_schema_re_emits_only_that_model()
    {
        var driver = Warm(A, B);
        var edited = new SchemaText(B.Path, Model("test/b", "second, edited"));
        driver = Rerun(driver.ReplaceAdditionalText(B, edited));

        var reasons = SourceReasons(driver);
        Assert.Equal(IncrementalStepRunReason.Cached, reasons["KieGen.Models.Image.TestARequest.g.cs"]);
        Assert.Equal(IncrementalStepRunReason.Modified, reasons["KieGen.Models.Image.TestBRequest.g.cs"]);
    }

    [Fact]
    public void Whitespace_only_edit_leaves_emission_cached()
    {
        var driver = Warm(A, B);
        var before = driver.GetRunResult().GeneratedTrees.Select(t => t.ToString()).ToList();
        driver = Rerun(driver.ReplaceAdditionalText(A, new SchemaText(A.Path, "\n\n  " + A.Content + "\n")));

        // Positions live beside the model, not in it: the re-parsed model is equal, so emission never runs.
        var run = driver.GetRunResult().Results.Single();
        Assert.Contains(run.TrackedSteps[TrackingNames.Parsed].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.All(run.TrackedSteps[TrackingNames.Models].SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, o.Reason.ToString()));
        var reasons = SourceReasons(driver);
        Assert.Equal(IncrementalStepRunReason.Cached, reasons["KieGen.Models.Image.TestARequest.g.cs"]);
        Assert.Equal(IncrementalStepRunReason.Cached, reasons["KieGen.Models.Image.TestBRequest.g.cs"]);
        Assert.Equal(before, driver.GetRunResult().GeneratedTrees.Select(t => t.ToString()));
    }

    [Fact]
    public void Adding_and_removing_a_schema_touches_only_its_outputs()
    {
        var driver = Rerun(Warm(A).AddAdditionalTexts(ImmutableArray.Create<AdditionalText>(B)));
        var reasons = SourceReasons(driver);
        Assert.Equal(IncrementalStepRunReason.Cached, reasons["KieGen.Models.Image.TestARequest.g.cs"]);
        Assert.Equal(IncrementalStepRunReason.New, reasons["KieGen.Models.Image.TestBRequest.g.cs"]);

        driver = Rerun(driver.RemoveAdditionalTexts(ImmutableArray.Create<AdditionalText>(B)));
        Assert.Equal(
            new[] { GenerationResult.CatalogHintName, "KieGen.Models.Image.TestARequest.g.cs" },
            driver.GetRunResult().Results.Single().GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal));
        Assert.Equal(IncrementalStepRunReason.Cached, SourceReasons(driver)["KieGen.Models.Image.TestARequest.g.cs"]);
    }

    [Fact]
    public void Changing_the_namespace_option_re_emits_every_model()
    {
        var driver = Warm(A, B).WithUpdatedAnalyzerConfigOptions(new TestOptionsProvider(new Dictionary<string, string> { ["build_property.KieGenNamespace"] = "My.Kie" }));
        driver = Rerun(driver);
        var sources = driver.GetRunResult().Results.Single().GeneratedSources;
        Assert.All(sources.Where(s => s.HintName != GenerationResult.CatalogHintName), s => Assert.StartsWith("My.Kie.Image.", s.HintName));
        Assert.Contains("namespace My.Kie", sources.Single(s => s.HintName == GenerationResult.CatalogHintName).SourceText.ToString());
    }

    [Fact]
    public void Only_kie_json_files_or_flagged_files_are_schema_files()
    {
        var result = GeneratorHarness.Run(new AdditionalText[]
        {
            new SchemaText("appsettings.json", Model("test/ignored", "x")),
            new SchemaText("models/flagged.json", Model("test/flagged", "x"), flagged: true),
            A,
        });
        Assert.Equal(
            new[] { "KieGen.Models.Image.TestARequest.g.cs", "KieGen.Models.Image.TestFlaggedRequest.g.cs" },
            result.Sources.Select(s => s.HintName).OrderBy(h => h, StringComparer.Ordinal));
    }

    [Fact]
    public void Output_is_byte_identical_run_to_run()
    {
        var first = GeneratorHarness.Run(new AdditionalText[] { A, B }).Sources.Select(s => s.SourceText.ToString());
        var second = GeneratorHarness.Run(new AdditionalText[] { B, A }).Sources.OrderBy(s => s.HintName, StringComparer.Ordinal).Select(s => s.SourceText.ToString());
        Assert.Equal(first, second);
    }

    [Fact]
    public void Pipeline_model_holds_no_roslyn_symbols_syntax_or_locations()
    {
        var forbidden = new[] { typeof(ISymbol), typeof(Compilation), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location), typeof(SemanticModel) };
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>(new[] { typeof(ParseResult), typeof(ModelSpec), typeof(RenderedSource), typeof(Conflicts), typeof(SchemaFile), typeof(GeneratorOptions) });
        while (pending.Count > 0)
        {
            var type = pending.Pop();
            if (!seen.Add(type) || type.IsPrimitive || type == typeof(string) || type.IsEnum)
            {
                continue;
            }

            Assert.False(forbidden.Any(f => f.IsAssignableFrom(type)), $"{type} must not cross a pipeline step");
            Assert.False(type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>), $"{type}: ImmutableArray has reference equality; use EquatableArray");
            Assert.True(type.IsValueType || typeof(IEquatable<>).MakeGenericType(type).IsAssignableFrom(type) || type == typeof(object),
                $"{type} has no value equality");
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                var fieldType = Nullable.GetUnderlyingType(field.FieldType) ?? field.FieldType;
                if (fieldType.IsArray)
                {
                    fieldType = fieldType.GetElementType()!;
                }

                pending.Push(fieldType);
                foreach (var argument in fieldType.IsGenericType ? fieldType.GetGenericArguments() : Type.EmptyTypes)
                {
                    pending.Push(argument);
                }
            }
        }

        Assert.Contains(typeof(SchemaNode), seen);
        Assert.Contains(typeof(DiagnosticInfo), seen);
    }
}
