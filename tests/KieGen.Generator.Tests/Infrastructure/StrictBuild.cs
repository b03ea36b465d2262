using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KieGen.Generator.Tests.Infrastructure;

/// <summary>
/// Runs the generator and compiles its output the strictest way a consumer can: every warning wave, XML
/// documentation generated (so malformed doc comments are diagnosed), nullable on. Any warning counts as a failure.
/// </summary>
public static class StrictBuild
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    public static StrictResult Run(IEnumerable<AdditionalText> files)
    {
        var compilation = CSharpCompilation.Create(
            "Consumer",
            Array.Empty<SyntaxTree>(),
            GeneratorHarness.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));
        var driver = CSharpGeneratorDriver.Create(
            new[] { new KieModelGenerator().AsSourceGenerator() },
            files,
            ParseOptions,
            new TestOptionsProvider(GeneratorHarness.Consumer));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        return new StrictResult((CSharpCompilation)output, generatorDiagnostics, problems);
    }
}

public sealed record StrictResult(CSharpCompilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics, IReadOnlyList<Diagnostic> CompileProblems)
{
    /// <summary>Emits and loads the compiled output so a test can run the generated code.</summary>
    public Assembly Load() => GeneratorHarness.Load(Output);
}
