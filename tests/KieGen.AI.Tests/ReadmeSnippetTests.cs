using System.IO;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KieGen.AI.Tests;

/// <summary>
/// The READMEs' whole-program examples (README.md's first one, its request-helpers one and its Microsoft.Extensions.AI
/// one, and the pipeline example of runtime/KieGen.AI/README.md) are compiled here against this build's assemblies, as a console project
/// with implicit usings would compile them, so the documented code cannot drift from the library. Those that start
/// their own fake server are run as well.
/// </summary>
public sealed class ReadmeSnippetTests
{
    private static readonly string RepositoryRoot = typeof(ReadmeSnippetTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    // What the SDK's implicit usings add to a console project.
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    [Fact]
    public async Task The_README_AI_example_compiles_without_warnings_and_runs_against_the_fake_server()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot, "README.md"), TestContext.Current.CancellationToken);
        var program = CSharpBlocks(readme).Single(block => block.Code.Contains("using Microsoft.Extensions.AI;", StringComparison.Ordinal));

        var output = await RunAsync(Compile(program));

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, line => Uri.TryCreate(line, UriKind.Absolute, out var link) && link.Scheme == Uri.UriSchemeHttp);
        Assert.Contains("Fake answer to: Describe a lighthouse in one sentence.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_README_request_helpers_example_compiles_with_only_the_model_namespace_and_runs()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot, "README.md"), TestContext.Current.CancellationToken);
        var program = CSharpBlocks(readme).Single(block => block.Code.Contains(".ToJsonBody(", StringComparison.Ordinal));

        // The helpers are the request's own members: nothing but the model's namespace is imported.
        Assert.DoesNotContain("using KieGen.Requests;", program.Code, StringComparison.Ordinal);
        var output = await RunAsync(Compile(program));

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
            [
                "0",
                """{"prompt":"A lighthouse at dusk"}""",
                """{"model":"google/imagen4-fast","callBackUrl":"https://example.com/kie-callback","input":{"prompt":"A lighthouse at dusk"}}""",
            ],
            lines);
    }

    // What the SDK suppresses in every project: assembly-version unification (Microsoft.Extensions.AI 11 brings the
    // 11.0 abstractions, KieGen was compiled against 10.0).
    private static readonly Dictionary<string, ReportDiagnostic> SdkNoWarn = new()
    {
        ["CS1701"] = ReportDiagnostic.Suppress,
        ["CS1702"] = ReportDiagnostic.Suppress,
    };

    // What the Web SDK adds as well, for README.md's blocks that configure an ASP.NET Core app (builder., app.).
    private const string WebImplicitUsings = """
        global using System.Net.Http.Json;
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Hosting;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.AspNetCore.Routing;
        global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;
        """;

    // The names README.md's shorter blocks use without declaring them (the reader's client, request, services, app and
    // own classes), declared with full names: nothing is imported for a block, so it needs exactly the usings it shows.
    private const string GivenByTheReader = """
        global using static ReadmeGiven;

        static class ReadmeGiven
        {
            public static KieGen.Client.KieClient kie = null!;
            public static KieGen.Requests.IKieRequest request = null!;
            public static Microsoft.Extensions.DependencyInjection.IServiceCollection services = null!;
            public static Microsoft.AspNetCore.Builder.WebApplicationBuilder builder = null!;
            public static Microsoft.AspNetCore.Builder.WebApplication app = null!;
            public static System.IServiceProvider provider = null!;
            public static KieGen.Requests.IKieRequest videoRequest = null!;
        }

        sealed class ThumbnailService(KieGen.Client.KieClient kie)
        {
            public KieGen.Client.KieClient Kie => kie;
        }

        namespace MyApp.Kie
        {
            static class KieCatalog
            {
                public static KieGen.Requests.KieModelCatalog Models => KieGen.Models.KieGenCatalog.Models;
            }
        }

        sealed class SaveResults : KieGen.AspNetCore.IKieTaskHandler
        {
            public System.Threading.Tasks.Task HandleAsync(KieGen.AspNetCore.KieTaskCompletion completion, System.Threading.CancellationToken cancellationToken) =>
                System.Threading.Tasks.Task.CompletedTask;
        }
        """;

    [Theory]
    [InlineData("README.md", 9)]
    [InlineData("runtime/KieGen/README.md", 1)]
    [InlineData("runtime/KieGen.AI/README.md", 4)]
    [InlineData("runtime/KieGen.AspNetCore/README.md", 1)]
    [InlineData("runtime/KieGen.PostgreSql/README.md", 1)]
    [InlineData("runtime/KieGen.Testing/README.md", 2)]
    public async Task Every_README_example_compiles_without_warnings_with_only_the_usings_it_shows(string file, int blocks)
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot, file), TestContext.Current.CancellationToken);
        var compiled = 0;
        foreach (var block in CSharpBlocks(readme))
        {
            // The one block that is not KieGen's: its type is generated into the reader's own project
            // (<RootNamespace>.Kie.Video) by the `kiegen import` shown above it.
            if (block.Code.Contains("Kling3_0MotionControlRequest", StringComparison.Ordinal))
            {
                continue;
            }

            var web = block.Code.Contains("builder.", StringComparison.Ordinal) || block.Code.Contains("app.", StringComparison.Ordinal);
            Compile(block, file, web ? WebImplicitUsings : "", GivenByTheReader);
            compiled++;
        }

        Assert.Equal(blocks, compiled);
    }

    [Fact]
    public async Task The_KieGen_AI_README_pipeline_example_compiles_without_warnings_and_runs_against_the_fake_server()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot, "runtime", "KieGen.AI", "README.md"), TestContext.Current.CancellationToken);
        var program = CSharpBlocks(readme).Single(block => block.Code.Contains(".UseOpenTelemetry(", StringComparison.Ordinal));

        var output = await RunAsync(Compile(program, "runtime/KieGen.AI/README.md"));

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Count(line => line == "Fake answer to: Describe a lighthouse in one sentence."));
        Assert.Contains("Chat calls Kie saw: 1", lines); // the second answer came from the distributed cache
        Assert.Contains(lines, line => Uri.TryCreate(line, UriKind.Absolute, out var link) && link.Scheme == Uri.UriSchemeHttp);
    }

    /// <summary>The C# blocks of a Markdown text, each with the line its code starts on.</summary>
    private static IEnumerable<(int Line, string Code)> CSharpBlocks(string markdown)
    {
        var parts = markdown.ReplaceLineEndings("\n").Split("```");
        var line = 1;
        for (var i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 1 && parts[i].StartsWith("csharp\n", StringComparison.Ordinal))
            {
                yield return (line + 1, parts[i]["csharp\n".Length..]);
            }

            line += parts[i].Count(c => c == '\n');
        }
    }

    // Every assembly this test process runs with, read once for all the blocks compiled against them.
    private static readonly MetadataReference[] References = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
        .Split(Path.PathSeparator)
        .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        .Select(path => MetadataReference.CreateFromFile(path))
        .ToArray();

    /// <summary>Compiles a block as a console program (asserting no error or warning) and returns its image.</summary>
    private static byte[] Compile((int Line, string Code) block, string readme = "README.md", params string[] beside)
    {
        // Diagnostics then name the README's own lines.
        var program = $"#line {block.Line} \"{readme}\"\n{block.Code}";
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "ReadmeExample",
            [
                CSharpSyntaxTree.ParseText(ImplicitUsings, parse, "Usings.cs"),
                CSharpSyntaxTree.ParseText(program, parse, "README.md"),
                .. beside.Select((source, i) => CSharpSyntaxTree.ParseText(source, parse, $"Beside{i}.cs")),
            ],
            References,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(SdkNoWarn));

        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var problems = emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(emitted.Success && problems.Count == 0, "The README example does not compile cleanly:\n" + string.Join("\n", problems));
        return image.ToArray();
    }

    private static async Task<string> RunAsync(byte[] image)
    {
        var program = Assembly.Load(image);
        var console = Console.Out;
        var output = new StringWriter();
        Console.SetOut(TextWriter.Synchronized(output));
        try
        {
            // The entry point of an async top-level program blocks until the program ends.
            await Task.Run(() => program.EntryPoint!.Invoke(null, [Array.Empty<string>()]), TestContext.Current.CancellationToken);
        }
        finally
        {
            Console.SetOut(console);
        }

        return output.ToString();
    }
}
