using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace KieGen.Package.Tests;

/// <summary>The kiegen command as users get it: packed as a .NET tool, installed from a folder, run in a project.</summary>
public class ToolPackageTests(Packages packages)
{
    [Fact]
    public async Task The_tool_installs_from_a_folder_and_init_gives_a_project_a_model_it_builds()
    {
        var (pack, packOutput) = await Dotnet.RunAsync(Packages.Repository, "pack", Path.Combine(Packages.Repository, "tools/KieGen.Cli/KieGen.Cli.csproj"),
            "-c", Packages.Configuration, "-o", packages.Feed, "-p:PackageVersion=" + packages.Version);
        Assert.True(pack == 0, packOutput);

        // As the README shows: a tool path of its own, the folder as the package source.
        var tools = Path.Combine(packages.Root, "tools");
        var (install, installOutput) = await Dotnet.RunAsync(packages.Root, "tool", "install", "KieGen.Cli", "--tool-path", tools,
            "--version", packages.Version, "--add-source", packages.Feed);
        Assert.True(install == 0, installOutput);
        var kiegen = Path.Combine(tools, OperatingSystem.IsWindows() ? "kiegen.exe" : "kiegen");
        Assert.True(File.Exists(kiegen), installOutput);

        var consumer = packages.NewConsumer();
        var (init, initOutput) = await Process(kiegen, consumer, "init");
        Assert.True(init == 0, initOutput);
        Assert.Contains("added " + Path.Combine(consumer, "schemas", "image", "google-nano-banana.kie.json"), initOutput);

        // The example shadows the catalog's google/nano-banana in the consumer's merged catalog: one more own model,
        // the same merged count.
        var (build, buildOutput) = await Dotnet.RunAsync(consumer, new[] { "build", "-c", "Release" }.Concat(packages.ConsumerProperties()).ToArray());
        Assert.True(build == 0, buildOutput);
        var (run, output) = await Dotnet.RunAsync(consumer, "run", "-c", "Release", "--no-build");
        Assert.True(run == 0, output);
        var catalogSize = Directory.GetFiles(Path.Combine(Packages.Repository, "schemas"), "*.kie.json", SearchOption.AllDirectories).Length;
        Assert.Contains($"catalog={catalogSize} own=2 merged={catalogSize + 1}", output);
    }

    private static async Task<(int ExitCode, string Output)> Process(string file, string workingDirectory, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }
}
