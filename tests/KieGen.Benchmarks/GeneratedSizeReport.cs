using System;
using System.Globalization;
using System.IO;
using System.Linq;
using KieGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace KieGen.Benchmarks;

/// <summary>
/// Generates the whole catalog in-process and prints the size of each model's source (the catalog class excluded):
/// the numbers of docs/benchmarks.md's "Generated code size" table. Given a folder, it also writes every generated
/// source there, so two emitter versions can be compared file by file with <c>diff -r</c>.
/// </summary>
internal static class GeneratedSizeReport
{
    public static int Run(string? dumpFolder)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "schemas");
        var files = Directory.GetFiles(directory, "*.kie.json", SearchOption.AllDirectories)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (AdditionalText)new SchemaFileText(p, File.ReadAllText(p)))
            .ToArray();
        var compilation = CSharpCompilation.Create("Size", new[] { CSharpSyntaxTree.ParseText("class A { }") }, Array.Empty<MetadataReference>(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var driver = CSharpGeneratorDriver.Create(new[] { new KieModelGenerator().AsSourceGenerator() }, files, new CSharpParseOptions(LanguageVersion.Latest))
            .RunGenerators(compilation);
        var generated = driver.GetRunResult().Results.Single().GeneratedSources;
        if (dumpFolder is not null)
        {
            Directory.CreateDirectory(dumpFolder);
            foreach (var source in generated)
            {
                File.WriteAllText(Path.Combine(dumpFolder, source.HintName), source.SourceText.ToString());
            }
        }

        var sources = generated
            .Where(s => s.HintName != "KieCatalog.g.cs") // the catalog class's hint, whatever the class is called
            .Select(s => (s.HintName, Lines: s.SourceText.Lines.Count - 1, Bytes: System.Text.Encoding.UTF8.GetByteCount(s.SourceText.ToString())))
            .OrderBy(s => s.Lines)
            .ToList();

        string Row(string hint) => sources.Where(s => s.HintName.Contains(hint, StringComparison.Ordinal)).Select(s => s.Lines.ToString("N0", CultureInfo.InvariantCulture)).FirstOrDefault() ?? "-";
        var largest = sources[^1];
        Console.WriteLine($"schema files: {files.Length}, generated model sources: {sources.Count}");
        Console.WriteLine($"Kling 2.6 image-to-video: {Row(".Kling2_6ImageToVideoRequest.g.cs")} lines");
        Console.WriteLine($"Veo 3.1 generate: {Row(".Veo3_1GenerateRequest.g.cs")} lines");
        Console.WriteLine($"median model: {sources[sources.Count / 2].Lines.ToString("N0", CultureInfo.InvariantCulture)} lines");
        Console.WriteLine($"largest model: {largest.HintName}, {largest.Lines.ToString("N0", CultureInfo.InvariantCulture)} lines");
        Console.WriteLine($"whole catalog: {sources.Sum(s => s.Lines).ToString("N0", CultureInfo.InvariantCulture)} lines, {(sources.Sum(s => (long)s.Bytes) / 1e6).ToString("0.00", CultureInfo.InvariantCulture)} MB");
        return 0;
    }
}
