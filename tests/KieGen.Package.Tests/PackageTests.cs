using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Xunit;

[assembly: AssemblyFixture(typeof(KieGen.Package.Tests.Packages))]

namespace KieGen.Package.Tests;

/// <summary>Packs KieGen and its companion packages once, with a version no cache has seen.</summary>
public sealed class Packages : IAsyncLifetime
{
    public static readonly string Repository = Metadata("RepositoryRoot");
    internal static readonly string Configuration = Metadata("Configuration");

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "kiegen-packages-" + Guid.NewGuid().ToString("N"));

    public string Feed => Path.Combine(Root, "feed");

    /// <summary>Unique per run, so no restore ever reuses an older package from a cache.</summary>
    public string Version { get; } = "0.1.0-ci." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        foreach (var id in new[] { "KieGen", "KieGen.AspNetCore", "KieGen.Testing", "KieGen.PostgreSql", "KieGen.AI" })
        {
            // Not --no-build: a test run builds only the target frameworks its tests use, and the package needs all of
            // them; everything already built is up to date and left alone.
            var project = Path.Combine(Repository, "runtime", id, id + ".csproj");
            var (code, output) = await Dotnet.RunAsync(Repository, "pack", project, "-c", Configuration, "-o", Feed, "-p:PackageVersion=" + Version);
            Assert.True(code == 0, $"pack {project} failed:\n{output}");
        }
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }

        return default;
    }

    /// <summary>A fresh copy of the consumer project, restored into a private, empty package folder.</summary>
    public string NewConsumer()
    {
        var directory = Path.Combine(Root, "consumer-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Consumer"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(directory, Path.GetRelativePath(Path.Combine(AppContext.BaseDirectory, "Consumer"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return directory;
    }

    public string[] ConsumerProperties() =>
        new[] { "-p:KieGenVersion=" + Version, "-p:RestorePackagesPath=" + Path.Combine(Root, "packages"), "-p:RestoreAdditionalProjectSources=" + Feed };

    private static string Metadata(string key) =>
        typeof(Packages).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}

public class PackageTests(Packages packages)
{
    [Fact]
    public void KieGen_has_exactly_one_analyzer_slot_the_msbuild_wiring_and_no_stray_dlls()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(packages.Feed, $"KieGen.{packages.Version}.nupkg"));
        var entries = zip.Entries.Select(e => e.FullName).ToList();

        Assert.Equal(new[] { "analyzers/dotnet/cs/KieGen.Generator.dll" }, entries.Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)));
        Assert.Equal(
            new[] { "analyzers/dotnet/cs/KieGen.Generator.dll", "lib/net10.0/KieGen.dll", "lib/net8.0/KieGen.dll" },
            entries.Where(e => e.EndsWith(".dll", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Contains("build/KieGen.props", entries);
        Assert.Contains("buildTransitive/KieGen.props", entries);
        Assert.Contains("build/KieGen.targets", entries);
        Assert.Contains("build/KieGen.Generator.targets", entries);
        Assert.Contains("buildTransitive/KieGen.targets", entries);
        Assert.Contains("buildTransitive/KieGen.Generator.targets", entries);
        Assert.Contains("schemas/kie-model.schema.json", entries);
        Assert.Contains("lib/net8.0/KieGen.xml", entries);
        Assert.Contains("README.md", entries);
    }

    [Theory]
    [InlineData("KieGen.AspNetCore")]
    [InlineData("KieGen.Testing")]
    [InlineData("KieGen.PostgreSql")]
    [InlineData("KieGen.AI")]
    public void Companion_packages_carry_their_library_docs_and_readme_and_depend_on_KieGen(string id)
    {
        using var zip = ZipFile.OpenRead(Path.Combine(packages.Feed, $"{id}.{packages.Version}.nupkg"));
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains($"lib/net10.0/{id}.dll", entries);
        Assert.Contains($"lib/net10.0/{id}.xml", entries);
        Assert.Contains("README.md", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("analyzers/", StringComparison.Ordinal));
        using var nuspec = new StreamReader(zip.GetEntry($"{id}.nuspec")!.Open());

        // KieGen.AI uses a KieGen internal, so it takes exactly its own KieGen version; the others take that or later.
        var range = id == "KieGen.AI" ? $"[{packages.Version}]" : packages.Version;
        Assert.Contains($"<dependency id=\"KieGen\" version=\"{range}\"", nuspec.ReadToEnd());
    }

    [Fact]
    public void KieGen_PostgreSql_ships_its_schema_scripts_as_in_the_repository_for_teams_that_migrate_themselves()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(packages.Feed, $"KieGen.PostgreSql.{packages.Version}.nupkg"));
        var scripts = Directory.GetFiles(Path.Combine(Packages.Repository, "runtime", "KieGen.PostgreSql", "Schema"), "*.sql");
        Assert.NotEmpty(scripts);
        foreach (var file in scripts)
        {
            var name = Path.GetFileName(file);
            foreach (var path in new[] { "content/Schema/" + name, "contentFiles/any/any/KieGenSchema/" + name })
            {
                var entry = zip.GetEntry(path);
                Assert.True(entry is not null, path + " is not in the package");
                using var reader = new StreamReader(entry.Open());
                Assert.Equal(File.ReadAllText(file), reader.ReadToEnd());
            }
        }
    }

    [Fact]
    public async Task A_dropped_in_schema_becomes_a_typed_request_the_consumer_uses_against_the_fake_server()
    {
        var consumer = packages.NewConsumer();
        // A schema file outside schemas/ is not generated, and the build says so instead of staying silent.
        File.Copy(Path.Combine(consumer, "schemas", "image", "acme-upscale.kie.json"), Path.Combine(consumer, "stray.kie.json"));
        var (build, buildOutput) = await Dotnet.RunAsync(consumer, new[] { "build", "-c", "Release" }.Concat(packages.ConsumerProperties()).ToArray());
        Assert.True(build == 0, buildOutput);
        Assert.Contains("warning KIEGEN001: KieGen: stray.kie.json look like schema files but are outside KieGenSchemas", buildOutput);

        // The schema file's "$schema": "../kie-model.schema.json" resolves to the meta-schema the package wrote.
        var metaSchema = Path.GetFullPath(Path.Combine(consumer, "schemas", "image", "../kie-model.schema.json"));
        Assert.True(File.Exists(metaSchema), $"{metaSchema} was not written:\n{buildOutput}");
        Assert.Equal(File.ReadAllText(Path.Combine(Packages.Repository, "schemas", "kie-model.schema.json")), File.ReadAllText(metaSchema));

        var (run, output) = await Dotnet.RunAsync(consumer, "run", "-c", "Release", "--no-build");
        Assert.True(run == 0, output);
        Assert.Contains("model=acme/upscale body={\"model\":\"acme/upscale\",\"input\":{\"image_url\":\"https://example.com/photo.png\",\"scale\":4}}", output);
        Assert.Matches(@"result=http://127\.0\.0\.1:\d+/files/[0-9a-f]+/0\.png", output);
        // The compiled catalog holds one model per schema file of the repository; the consumer adds one of its own.
        var catalogSize = Directory.GetFiles(Path.Combine(Packages.Repository, "schemas"), "*.kie.json", SearchOption.AllDirectories).Length;
        Assert.Contains($"catalog={catalogSize} own=1 merged={catalogSize + 1}", output);
        // States arrive in order, ending with Succeeded (a fast fake task may finish before the first poll).
        Assert.Matches(@"progress=((Pending|Running),)*Succeeded\r?\n", output);
        Assert.Contains("json={\"model\":\"acme/upscale\"", output);
    }

    [Fact]
    public async Task A_constant_prompt_over_the_limit_fails_the_consumers_build_with_KIE101()
    {
        var consumer = packages.NewConsumer();
        var (code, output) = await Dotnet.RunAsync(consumer, new[] { "build", "-c", "Release", "-p:KieGenBad=true" }.Concat(packages.ConsumerProperties()).ToArray());
        Assert.NotEqual(0, code);
        Assert.Contains("error KIE101: kling-2.6/image-to-video: 'prompt' allows at most 1000 characters; this value has 1020", output);
        Assert.Contains("Bad.cs(", output);
    }
}

/// <summary>Runs the dotnet CLI the way a user would, without the MSBuild state of the test run leaking in.</summary>
internal static class Dotnet
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k == "MSBUILD_EXE_PATH").ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromMinutes(8));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
