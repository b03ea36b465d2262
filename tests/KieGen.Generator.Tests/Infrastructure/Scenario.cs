using Microsoft.CodeAnalysis;

namespace KieGen.Generator.Tests.Infrastructure;

/// <summary>
/// Generates from test schema files, compiles the output together with a C# scenario that exercises it, and runs the
/// scenario: the generated code is checked by the compiler and by its behaviour, without reflection on its shape.
/// The scenario defines <c>public static class Scenario { public static IEnumerable&lt;string&gt; Run() }</c>.
/// </summary>
public static class Scenario
{
    public static string[] Run(IEnumerable<(string Path, string Text)> files, string scenario, params string[] allowedScenarioWarnings)
    {
        var schemaTexts = files.Select(f => (AdditionalText)new SchemaText(f.Path, f.Text)).ToArray();
        var result = GeneratorHarness.Run(schemaTexts, "using System; using System.Collections.Generic; using System.Linq; using System.Text; using System.Text.Json; using KieGen.Requests; using KieGen.Validation;\n" + scenario, GeneratorHarness.Consumer);
        Assert.Empty(result.GeneratorDiagnostics);

        // Generated files must compile with no warning at all; the scenario may trigger the warnings it tests.
        var problems = result.CompileProblems()
            .Where(d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true || !allowedScenarioWarnings.Contains(d.Id))
            .ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        var assembly = GeneratorHarness.Load(result.Output);
        var run = assembly.GetType("Scenario")!.GetMethod("Run")!;
        return ((IEnumerable<string>)run.Invoke(null, null)!).ToArray();
    }

    /// <summary>The scenario's own compiler warnings (for example CS0618 from using a deprecated model).</summary>
    public static IReadOnlyList<Diagnostic> Warnings(IEnumerable<(string Path, string Text)> files, string scenario)
    {
        var schemaTexts = files.Select(f => (AdditionalText)new SchemaText(f.Path, f.Text)).ToArray();
        var result = GeneratorHarness.Run(schemaTexts, scenario, GeneratorHarness.Consumer);
        Assert.Empty(result.GeneratorDiagnostics);
        return result.CompileProblems();
    }
}
