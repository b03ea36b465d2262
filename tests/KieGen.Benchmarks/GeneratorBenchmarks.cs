using System;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using KieGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace KieGen.Benchmarks;

/// <summary>What a build pays for the catalog (cold) and what the IDE pays per keystroke (incremental).</summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private AdditionalText[] _files = null!;
    private GeneratorDriver _warm = null!;

    /// <summary>How many copies of the catalog to generate (copies get distinct model ids and type names).</summary>
    [Params(1, 5)]
    public int CatalogCopies { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "schemas");
        var catalog = Directory.GetFiles(directory, "*.kie.json", SearchOption.AllDirectories)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (Path: p, Text: File.ReadAllText(p)))
            .ToArray();
        _files = Enumerable.Range(0, CatalogCopies)
            .SelectMany(copy => catalog.Select(f => (AdditionalText)new SchemaFileText(
                f.Path.Replace(".kie.json", "." + copy + ".kie.json"),
                copy == 0 ? f.Text : f.Text.Replace("\"model\": \"", "\"model\": \"copy" + copy + "/"))))
            .ToArray();
        var references = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && a.Location.Length > 0)
            .Select(a => MetadataReference.CreateFromFile(a.Location));
        _compilation = CSharpCompilation.Create("Bench", new[] { CSharpSyntaxTree.ParseText("class A { }") }, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        _edited = _compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class B { int X => 1; }"));
        _warm = NewDriver().RunGenerators(_compilation);
    }

    /// <summary>Every schema file parsed and emitted from scratch.</summary>
    [Benchmark(Baseline = true)]
    public GeneratorDriver Cold() => NewDriver().RunGenerators(_compilation);

    /// <summary>The same driver after an unrelated C# edit: every step should come from cache.</summary>
    [Benchmark]
    public GeneratorDriver IncrementalAfterUnrelatedEdit() => _warm.RunGenerators(_edited);

    private GeneratorDriver NewDriver() => CSharpGeneratorDriver.Create(
        new[] { new KieModelGenerator().AsSourceGenerator() }, _files, new CSharpParseOptions(LanguageVersion.Latest));
}
