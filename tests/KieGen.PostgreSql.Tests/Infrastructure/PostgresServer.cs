using System.Diagnostics;
using System.IO;
using System.Net.Sockets;
using Npgsql;

[assembly: AssemblyFixture(typeof(KieGen.PostgreSql.Tests.Infrastructure.PostgresServer))]

namespace KieGen.PostgreSql.Tests.Infrastructure;

/// <summary>
/// A private PostgreSQL server for the test run: Debian's binaries (installed with apt-get when missing and allowed),
/// a cluster in a temporary folder on a free loopback port with trust authentication, run as the <c>postgres</c> OS
/// user when the tests run as root (PostgreSQL refuses root), stopped and deleted at the end. Each test gets a
/// database of its own. When no server can be had, tests are skipped with the reason.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private static int _databases;
    private string? _folder;
    private string? _bin;
    private bool _asPostgres;

    /// <summary>Why no server runs, when none does.</summary>
    public string? Unavailable { get; private set; }

    public int Port { get; private set; }

    /// <summary>Connection string of the maintenance database.</summary>
    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    public async ValueTask InitializeAsync()
    {
        try
        {
            _bin = FindBin() ?? (await InstallAsync() ? FindBin() : null);
            if (_bin is null)
            {
                Unavailable ??= "PostgreSQL's initdb/pg_ctl were not found under /usr/lib/postgresql/*/bin and could not be installed with apt-get (needs root).";
                return;
            }

            _asPostgres = Environment.UserName == "root";
            _folder = Directory.CreateTempSubdirectory("kiegen-pg-").FullName;
            if (_asPostgres)
            {
                await RunAsync("chown", ["-R", "postgres:postgres", _folder]);
            }

            await RunAsync(Path.Combine(_bin, "initdb"), ["-D", Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"], asPostgres: _asPostgres);
            Port = FreePort();
            await StartAsync();
        }
        catch (Exception e)
        {
            Unavailable = "PostgreSQL could not be started: " + e.Message;
        }
    }

    /// <summary>A new, empty database; skips the test when no server runs.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        if (Unavailable is not null)
        {
            Assert.Skip(Unavailable);
        }

        var name = "kiegen_test_" + Interlocked.Increment(ref _databases);
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name}";
    }

    /// <summary>Restarts the server (fast shutdown: every connection is cut), as an outage would.</summary>
    public Task RestartAsync() => RunAsync(Path.Combine(_bin!, "pg_ctl"), ["-D", Data, "-m", "fast", "-w", "restart", "-o", Settings, "-l", LogFile], asPostgres: _asPostgres);

    public async ValueTask DisposeAsync()
    {
        if (_folder is null)
        {
            return;
        }

        try
        {
            await RunAsync(Path.Combine(_bin!, "pg_ctl"), ["-D", Data, "-m", "immediate", "-w", "stop"], asPostgres: _asPostgres);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_folder, recursive: true);
    }

    private string Data => Path.Combine(_folder!, "data");

    private string LogFile => Path.Combine(_folder!, "server.log");

    private string Settings => $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300";

    private Task StartAsync() => RunAsync(Path.Combine(_bin!, "pg_ctl"), ["-D", Data, "-w", "-o", Settings, "-l", LogFile, "start"], asPostgres: _asPostgres);

    private static string? FindBin()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault();
    }

    /// <summary>A fresh CI machine runs as root: install Debian's server package, as .ci/run does for ffprobe.</summary>
    private async Task<bool> InstallAsync()
    {
        if (Environment.UserName != "root" || !File.Exists("/usr/bin/apt-get"))
        {
            Unavailable = "PostgreSQL is not installed (/usr/lib/postgresql/*/bin) and apt-get cannot install it here (not root).";
            return false;
        }

        try
        {
            await RunAsync("apt-get", ["update", "-qq"], timeout: TestLimits.Install);
            await RunAsync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "postgresql"], environment: ("DEBIAN_FRONTEND", "noninteractive"), timeout: TestLimits.Install);
            return true;
        }
        catch (InvalidOperationException e)
        {
            Unavailable = "PostgreSQL is not installed and apt-get could not install it: " + e.Message;
            return false;
        }
    }

    /// <summary>Runs a command to its end; one that fails or outlives its time limit (killed then) throws, naming it.</summary>
    private static async Task RunAsync(string file, string[] arguments, bool asPostgres = false, (string Name, string Value)? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        if (environment is { } variable)
        {
            start.Environment[variable.Name] = variable.Value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + file);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? TestLimits.Command;
        using (var expiry = new CancellationTokenSource(limit))
        {
            try
            {
                await process.WaitForExitAsync(expiry.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} did not finish within {limit.TotalSeconds:F0} s and was killed.");
            }
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}{await output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
