using System.Diagnostics;
using System.IO;
using System.Threading.Channels;

namespace KieGen.PostgreSql.Tests.Infrastructure;

/// <summary>An app instance in a separate OS process (KieGen.PostgreSql.TestInstance), driven by stdin/stdout lines.</summary>
public sealed class InstanceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    private InstanceProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.Writer.TryComplete();
            }
            else
            {
                _lines.Writer.TryWrite(e.Data);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (Errors)
                {
                    Errors.Add(e.Data);
                }
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>What the process wrote to stderr.</summary>
    public List<string> Errors { get; } = new();

    public static InstanceProcess Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HelperPath());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new InstanceProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start the instance process"));
    }

    /// <summary>The next line starting with <paramref name="prefix"/> (what follows it); fails when the process ends first.</summary>
    public async Task<string> ExpectAsync(string prefix, CancellationToken cancellationToken)
    {
        await foreach (var line in _lines.Reader.ReadAllAsync(cancellationToken))
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line[prefix.Length..].Trim();
            }
        }

        throw new InvalidOperationException($"The instance process ended (exit code {(_process.HasExited ? _process.ExitCode : -1)}) before printing '{prefix}'.");
    }

    public async Task SendAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Kills the process at once, as a crash or an OOM kill would.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    /// <summary>The helper's own build output, beside this project's in the repository (same configuration).</summary>
    private static string HelperPath()
    {
        // .../tests/KieGen.PostgreSql.Tests/bin/<Configuration>/net10.0/
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = here.Parent!.Name;
        var tests = here.Parent.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(tests, "KieGen.PostgreSql.TestInstance", "bin", configuration, here.Name, "KieGen.PostgreSql.TestInstance.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build KieGen.PostgreSql.TestInstance first (it is a project reference of the tests).", path);
    }
}
