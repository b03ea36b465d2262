using System.Collections.Immutable;
using System.Reflection;
using KieGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace KieGen.Generator.Tests.Infrastructure;

/// <summary>An in-memory schema file as the compiler hands it to the generator.</summary>
public sealed class SchemaText(string path, string text, bool flagged = false) : AdditionalText
{
    public override string Path { get; } = path;

    public bool Flagged { get; } = flagged;

    public string Content { get; } = text;

    public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(Content);
}

/// <summary>MSBuild properties and item metadata as the compiler passes them to the generator.</summary>
public sealed class TestOptionsProvider(IReadOnlyDictionary<string, string> global) : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(global);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        textFile is SchemaText { Flagged: true }
            ? new Options(new Dictionary<string, string> { ["build_metadata.AdditionalFiles.KieSchema"] = "true" })
            : Options.Empty;

    private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(new Dictionary<string, string>());

        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}

/// <summary>Runs the generator the way the compiler does, then compiles what it produced.</summary>
public static class GeneratorHarness
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>The SDK's net10.0 reference pack plus the KieGen runtime: what a consumer project compiles against.</summary>
    public static readonly ImmutableArray<MetadataReference> References = ReferencePack()
        .Add(MetadataReference.CreateFromFile(typeof(KieGen.Requests.IKieRequest).Assembly.Location));

    private static ImmutableArray<MetadataReference> ReferencePack()
    {
        // shared/Microsoft.NETCore.App/<version>/ -> the dotnet root, which also holds packs/.
        var dotnetRoot = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        var version = Directory.GetDirectories(packs)
            .Where(d => Path.GetFileName(d).StartsWith("10.", StringComparison.Ordinal))
            .OrderBy(d => Version.Parse(Path.GetFileName(d).Split('-')[0]))
            .Last();
        return Directory.GetFiles(Path.Combine(version, "ref", "net10.0"), "*.dll")
            .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))
            .ToImmutableArray();
    }

    public static CSharpCompilation Compilation(params string[] sources) =>
        CSharpCompilation.Create(
            "Consumer",
            sources.Select(s => CSharpSyntaxTree.ParseText(s, ParseOptions)),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver(IEnumerable<AdditionalText> files, IReadOnlyDictionary<string, string>? options = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new KieModelGenerator().AsSourceGenerator() },
            files,
            ParseOptions,
            new TestOptionsProvider(options ?? new Dictionary<string, string>()),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Options of a consumer project with <c>RootNamespace</c> <c>Consumer</c> (models land in <c>Consumer.Kie.*</c>).</summary>
    public static readonly IReadOnlyDictionary<string, string> Consumer = new Dictionary<string, string> { ["build_property.RootNamespace"] = "Consumer" };

    public static GenerationResult Run(IEnumerable<AdditionalText> files, string code = "", IReadOnlyDictionary<string, string>? options = null)
    {
        var compilation = Compilation(code);
        var driver = Driver(files, options).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        return new GenerationResult(driver, (CSharpCompilation)output, generatorDiagnostics);
    }

    public static GenerationResult Run(params (string Path, string Text)[] files) =>
        Run(files.Select(f => (AdditionalText)new SchemaText(f.Path, f.Text)).ToArray());

    /// <summary>Emits the compilation and loads it, so generated code can be executed by the test.</summary>
    public static Assembly Load(CSharpCompilation compilation)
    {
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
        return Assembly.Load(stream.ToArray());
    }
}

public sealed record GenerationResult(GeneratorDriver Driver, CSharpCompilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public GeneratorRunResult RunResult => Driver.GetRunResult().Results.Single();

    /// <summary>The request sources, one per model (the project-wide catalog class excluded).</summary>
    public IReadOnlyList<GeneratedSourceResult> Sources =>
        RunResult.GeneratedSources.Where(s => s.HintName != CatalogHintName).ToList();

    /// <summary>The generated <c>KieCatalog</c> class, or null when no model was generated.</summary>
    public string? CatalogSource =>
        RunResult.GeneratedSources.Where(s => s.HintName == CatalogHintName).Select(s => s.SourceText.ToString()).SingleOrDefault();

    public const string CatalogHintName = "KieCatalog.g.cs";

    public string Source(string hintName) => Sources.Single(s => s.HintName == hintName).SourceText.ToString();

    /// <summary>Compiler errors and warnings in the generated code (generator diagnostics excluded).</summary>
    public IReadOnlyList<Diagnostic> CompileProblems() =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
}
