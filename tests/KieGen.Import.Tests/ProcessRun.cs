using System.Diagnostics;

namespace KieGen.Import.Tests;

/// <summary>Runs a real process to its end and returns its exit code, standard output and standard error.</summary>
internal static class ProcessRun
{
    /// <summary>The built kiegen beside the tests (a project reference copies it here).</summary>
    public static string KiegenDll => Path.Combine(AppContext.BaseDirectory, "KieGen.Cli.dll");

    /// <summary>
    /// Runs <paramref name="file"/> with <paramref name="args"/>; <paramref name="environment"/> sets variables (a null
    /// value removes one) on top of this process's.
    /// </summary>
    public static async Task<(int Code, string Output, string Errors)> RunAsync(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment, CancellationToken ct)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await output, await errors);
    }
}
