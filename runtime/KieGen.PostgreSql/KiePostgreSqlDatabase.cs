using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace KieGen.PostgreSql;

/// <summary>
/// The database every KieGen.PostgreSql piece of one app instance shares: a pooled data source, and the schema,
/// migrated once at first use when <see cref="KiePostgreSqlOptions.MigrateOnStart"/> is set.
/// </summary>
public sealed class KiePostgreSqlDatabase : IAsyncDisposable
{
    /// <summary>The schema version this package needs.</summary>
    public const int SchemaVersion = 2;

    // Any fixed number: instances migrating at once queue on it.
    private const long MigrationLock = 0x4b6965_47656e;
    private readonly object _gate = new();
    private readonly SemaphoreSlim _sessionGate = new(1, 1);
    private Task? _ready;
    private NpgsqlConnection? _session;

    /// <summary>Opens a data source from validated options.</summary>
    public KiePostgreSqlDatabase(KiePostgreSqlOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        KiePostgreSqlOptionsValidator.ThrowIfInvalid(options);
        Options = options;
        DataSource = NpgsqlDataSource.Create(options.ConnectionString!);
    }

    /// <summary>The options.</summary>
    public KiePostgreSqlOptions Options { get; }

    /// <summary>The pooled data source.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>The script of one schema version, as shipped in the package's <c>Schema</c> folder.</summary>
    public static string Script(int version)
    {
        var prefix = $"KieGen.PostgreSql.Schema.{version:000}_";
        var assembly = typeof(KiePostgreSqlDatabase).Assembly;
        var name = Array.Find(assembly.GetManifestResourceNames(), n => n.StartsWith(prefix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException("The schema script of version " + version + " is missing from the assembly.");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Migrates the schema (once per instance; again after a failure) unless migrations are run by hand.</summary>
    public Task EnsureReadyAsync(CancellationToken cancellationToken = default)
    {
        if (!Options.MigrateOnStart)
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            if (_ready is null || _ready.IsFaulted || _ready.IsCanceled)
            {
                _ready = MigrateAsync(CancellationToken.None);
            }

            return _ready.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Brings the schema to <see cref="SchemaVersion"/>: under a transaction-scoped advisory lock, so instances starting
    /// together migrate one after the other, and each version's script runs only when its row is missing.
    /// </summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@lock)", connection, transaction))
        {
            command.Parameters.AddWithValue("lock", MigrationLock);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var current = 0;
        const string Read = "CREATE TABLE IF NOT EXISTS kiegen_schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());"
            + " SELECT coalesce(max(version), 0) FROM kiegen_schema_version";
        await using (var command = new NpgsqlCommand(Read, connection, transaction))
        {
            current = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }

        if (current > SchemaVersion)
        {
            throw new InvalidOperationException($"The database's KieGen schema is version {current}, newer than this package's {SchemaVersion}: update KieGen.PostgreSql.");
        }

        for (var version = current + 1; version <= SchemaVersion; version++)
        {
            await using var command = new NpgsqlCommand(Script(version), connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The backend pid of this instance's session: one connection held open for the instance's life, so other instances
    /// can tell from <c>pg_stat_activity</c> that it still runs (a process that ends, however it ends, closes it).
    /// Opened at first use and again after <see cref="SessionLostAsync"/>; null when no connection can be had.
    /// </summary>
    internal async Task<int?> SessionPidAsync(CancellationToken cancellationToken)
    {
        await _sessionGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_session is null)
            {
                _session = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            }

            return _session.ProcessID;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return null;
        }
        finally
        {
            _sessionGate.Release();
        }
    }

    /// <summary>The session's pid was not found on the server (a restart, a dropped connection): open a new one next time.</summary>
    internal async Task SessionLostAsync()
    {
        await _sessionGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_session is not null)
            {
                await _session.DisposeAsync().ConfigureAwait(false);
                _session = null;
            }
        }
        finally
        {
            _sessionGate.Release();
        }
    }

    /// <summary>Closes the session (other instances then see this one has ended) and the data source.</summary>
    public async ValueTask DisposeAsync()
    {
        await SessionLostAsync().ConfigureAwait(false);
        await DataSource.DisposeAsync().ConfigureAwait(false);
    }
}
