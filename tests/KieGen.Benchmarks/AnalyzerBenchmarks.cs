using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using KieGen.Generator.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KieGen.Benchmarks;

/// <summary>
/// What the KIE1xx analyzer adds to a build: a large user file full of catalog requests (object initializers and
/// builder calls with constant arguments, a few of them over the limits) compiled alone, then with the analyzer.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class AnalyzerBenchmarks
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzer = ImmutableArray.Create<DiagnosticAnalyzer>(new ConstantValueAnalyzer());

    private CSharpCompilation _compilation = null!;

    /// <summary>Methods in the user file; each builds two requests (about 12 lines).</summary>
    [Params(500, 2000)]
    public int Methods { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Load the library whose compiled catalog the user file calls.
        _ = typeof(KieGen.Models.KieGenCatalog);
        var references = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && a.Location.Length > 0)
            .Select(a => MetadataReference.CreateFromFile(a.Location));
        _compilation = CSharpCompilation.Create("AnalyzerBench", new[] { CSharpSyntaxTree.ParseText(UserFile(Methods)) }, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        // The benchmark means nothing unless the file compiles and the analyzer finds exactly the planted violations.
        var errors = _compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The user file does not compile: " + errors[0]);
        }

        var found = _compilation.WithAnalyzers(Analyzer).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        if (found.Length != Methods / 100)
        {
            throw new InvalidOperationException($"Expected {Methods / 100} KIE1xx diagnostics, the analyzer reported {found.Length}.");
        }
    }

    /// <summary>Binding and checking the file, as the compiler does in every build.</summary>
    [Benchmark(Baseline = true)]
    public int CompileAlone() => _compilation.Clone().GetDiagnostics().Length;

    /// <summary>The same, with the analyzer over every assignment and argument.</summary>
    [Benchmark]
    public int CompileWithAnalyzer() => _compilation.Clone().WithAnalyzers(Analyzer).GetAllDiagnosticsAsync().GetAwaiter().GetResult().Length;

    /// <summary>A file of <paramref name="methods"/> methods; every hundredth has a prompt over Kling's 1,000 characters.</summary>
    internal static string UserFile(int methods)
    {
        var code = new StringBuilder()
            .AppendLine("using KieGen.Models.Video;")
            .AppendLine("public static class Calls")
            .AppendLine("{");
        for (var i = 0; i < methods; i++)
        {
            var prompt = i % 100 == 99 ? new string('x', 1001) : "A red fox runs through fresh snow, take " + i;
            code.AppendLine($"    public static object[] Make{i}() => new object[]")
                .AppendLine("    {")
                .AppendLine("        new Kling2_6ImageToVideoRequest")
                .AppendLine("        {")
                .AppendLine($"            Prompt = \"{prompt}\",")
                .AppendLine($"            ImageUrls = new[] {{ \"https://example.com/{i}.png\" }},")
                .AppendLine("            Sound = true,")
                .AppendLine("            Duration = Kling2_6ImageToVideoDuration.Seconds5,")
                .AppendLine("        },")
                .AppendLine($"        Kling2_6ImageToVideoRequest.CreateBuilder().WithPrompt(\"take {i}\").WithImageUrls(\"https://example.com/{i}.png\").WithSound(false).WithDuration(Kling2_6ImageToVideoDuration.Seconds10).Build(),")
                .AppendLine("    };");
        }

        return code.AppendLine("}").ToString();
    }

    /// <summary>
    /// In-process: a separate benchmark build would recompile the whole catalog (minutes on a 2-core machine) to
    /// measure what does not depend on it.
    /// </summary>
    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() =>
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(8));
    }
}
