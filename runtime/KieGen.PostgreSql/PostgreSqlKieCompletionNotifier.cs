using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using KieGen.Callbacks;
using KieGen.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace KieGen.PostgreSql;

/// <summary>
/// <see cref="IKieCompletionNotifier"/> across instances: a status is a row of <c>kiegen_completions</c> announced
/// with NOTIFY (payload: row id and task id); each instance LISTENs on a dedicated connection and reads the rows of
/// the tasks it waits on. The listener reconnects with backoff, and after every (re)connect reads the latest terminal
/// status of every task waited on here, so nothing published while it was disconnected is missed.
/// </summary>
public sealed partial class PostgreSqlKieCompletionNotifier : IKieCompletionNotifier, IAsyncDisposable
{
    private readonly KiePostgreSqlDatabase _database;
    private readonly ILogger _logger;
    private readonly InMemoryKieCompletionNotifier _local;
    private readonly ConcurrentDictionary<string, int> _waited = new(StringComparer.Ordinal);
    private readonly Channel<(long Id, string TaskId)> _heard = Channel.CreateUnbounded<(long, string)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _running;
    private long _connects;

    /// <summary>Creates the notifier; it starts listening at its first use.</summary>
    public PostgreSqlKieCompletionNotifier(KiePostgreSqlDatabase database, ILogger<PostgreSqlKieCompletionNotifier>? logger = null, TimeProvider? timeProvider = null)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _local = new InMemoryKieCompletionNotifier(timeProvider);
    }

    /// <summary>Tasks waited on in this instance now.</summary>
    public int Waiting => _waited.Count;

    /// <summary>How many times the listener has connected (1 after the start; more after reconnects).</summary>
    public long Connects => Interlocked.Read(ref _connects);

    /// <summary>Completes when the listener is connected and has caught up (again, after a reconnect).</summary>
    public Task Connected
    {
        get
        {
            EnsureListening();
            return Volatile.Read(ref _connected).Task;
        }
    }

    /// <inheritdoc />
    public async ValueTask PublishAsync(KieTaskStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(status);
        EnsureListening();
        await _database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        // One statement: the row and its announcement commit together (NOTIFY is delivered at commit).
        const string Sql = """
            WITH row AS (INSERT INTO kiegen_completions (task_id, terminal, status) VALUES (@task_id, @terminal, @status) RETURNING id, task_id)
            SELECT pg_notify(@channel, row.id || ':' || row.task_id) FROM row
            """;
        await using var command = _database.DataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue("task_id", status.TaskId);
        command.Parameters.AddWithValue("terminal", status.IsTerminal);
        command.Parameters.Add(new NpgsqlParameter("status", NpgsqlTypes.NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(status, KieStatusJson.Default.KieTaskStatus) });
        command.Parameters.AddWithValue("channel", _database.Options.NotificationChannel);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<KieTaskStatus> WaitAsync(string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        EnsureListening();
        // Interest first, then the look-up: a status committed after the look-up is announced to this interest.
        _waited.AddOrUpdate(taskId, 1, (_, n) => n + 1);
        try
        {
            var wait = _local.WaitAsync(taskId, cancellationToken);
            try
            {
                if (await ReadLatestTerminalAsync([taskId], cancellationToken).ConfigureAwait(false) is { Count: > 0 } earlier)
                {
                    await _local.PublishAsync(earlier[0], cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is NpgsqlException or System.IO.IOException or TimeoutException or InvalidOperationException)
            {
                // The database is away: the listener's catch-up after it reconnects reads what this look-up missed.
                ReadFailed(_logger, e, 0);
            }

            return await wait.ConfigureAwait(false);
        }
        finally
        {
            if (_waited.AddOrUpdate(taskId, 0, (_, n) => n - 1) <= 0)
            {
                _waited.TryRemove(new KeyValuePair<string, int>(taskId, 0));
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_running is not null)
        {
            await _running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stopping.Dispose();
    }

    private void EnsureListening()
    {
        lock (_gate)
        {
            _running ??= Task.WhenAll(Task.Run(ListenAsync), Task.Run(DispatchAsync));
        }
    }

    /// <summary>The dedicated connection: LISTEN, catch up, then wait for notifications until it breaks; reconnect with backoff.</summary>
    private async Task ListenAsync()
    {
        var token = _stopping.Token;
        var delay = _database.Options.ReconnectDelay;
        var builder = new NpgsqlConnectionStringBuilder(_database.Options.ConnectionString)
        {
            // Its own physical connection (LISTEN state must not go back to a pool), with keepalives so a silently
            // dropped connection is noticed.
            Pooling = false,
            KeepAlive = 5,
        };
        while (!token.IsCancellationRequested)
        {
            try
            {
                await _database.EnsureReadyAsync(token).ConfigureAwait(false);
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(token).ConfigureAwait(false);
                connection.Notification += (_, e) => Heard(e.Payload);
                await using (var listen = new NpgsqlCommand("LISTEN " + _database.Options.NotificationChannel, connection))
                {
                    await listen.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                }

                await CatchUpAsync(token).ConfigureAwait(false);
                Interlocked.Increment(ref _connects);
                delay = _database.Options.ReconnectDelay;
                Volatile.Read(ref _connected).TrySetResult();
                Listening(_logger, _database.Options.NotificationChannel);
                while (!token.IsCancellationRequested)
                {
                    await connection.WaitAsync(token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or System.IO.IOException or TimeoutException or InvalidOperationException)
            {
                if (Volatile.Read(ref _connected).Task.IsCompleted)
                {
                    Interlocked.Exchange(ref _connected, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                }

                Disconnected(_logger, e, delay);
                try
                {
                    await Task.Delay(delay, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = delay * 2 < _database.Options.MaxReconnectDelay ? delay * 2 : _database.Options.MaxReconnectDelay;
            }
        }
    }

    /// <summary>A notification: only tasks waited on here are read (on the connection's thread nothing else is done).</summary>
    private void Heard(string payload)
    {
        var colon = payload.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && long.TryParse(payload.AsSpan(0, colon), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            && _waited.ContainsKey(payload[(colon + 1)..]))
        {
            _heard.Writer.TryWrite((id, payload[(colon + 1)..]));
        }
    }

    /// <summary>Reads announced rows and hands them to the local waiters, retrying a failed read a few times.</summary>
    private async Task DispatchAsync()
    {
        var token = _stopping.Token;
        try
        {
            await foreach (var (id, _) in _heard.Reader.ReadAllAsync(token).ConfigureAwait(false))
            {
                // A few tries: right after a server restart the pool's first connections fail once.
                var delay = _database.Options.ReconnectDelay;
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await using var command = _database.DataSource.CreateCommand("SELECT status::text FROM kiegen_completions WHERE id = @id");
                        command.Parameters.AddWithValue("id", id);
                        if (await command.ExecuteScalarAsync(token).ConfigureAwait(false) is string json)
                        {
                            await _local.PublishAsync(Parse(json), token).ConfigureAwait(false);
                        }

                        break;
                    }
                    catch (Exception e) when (e is NpgsqlException or System.IO.IOException or TimeoutException or InvalidOperationException or JsonException)
                    {
                        if (attempt == 5 || e is JsonException)
                        {
                            ReadFailed(_logger, e, id);
                            break;
                        }

                        await Task.Delay(delay, token).ConfigureAwait(false);
                        delay *= 2;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    /// <summary>After a (re)connect: the latest terminal status of every task waited on here.</summary>
    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        var waited = new List<string>(_waited.Keys);
        if (waited.Count == 0)
        {
            return;
        }

        foreach (var status in await ReadLatestTerminalAsync(waited, cancellationToken).ConfigureAwait(false))
        {
            await _local.PublishAsync(status, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<List<KieTaskStatus>> ReadLatestTerminalAsync(IReadOnlyCollection<string> taskIds, CancellationToken cancellationToken)
    {
        await _database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _database.DataSource.CreateCommand("""
            SELECT DISTINCT ON (task_id) status::text FROM kiegen_completions
            WHERE task_id = ANY(@task_ids) AND terminal ORDER BY task_id, id DESC
            """);
        command.Parameters.AddWithValue("task_ids", new List<string>(taskIds).ToArray());
        var found = new List<KieTaskStatus>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            found.Add(Parse(reader.GetString(0)));
        }

        return found;
    }

    private static KieTaskStatus Parse(string json) =>
        JsonSerializer.Deserialize(json, KieStatusJson.Default.KieTaskStatus) ?? throw new JsonException("A completion row holds no status.");

    [LoggerMessage(40, LogLevel.Debug, "Listening for Kie completions on channel {Channel}")]
    private static partial void Listening(ILogger logger, string channel);

    [LoggerMessage(41, LogLevel.Warning, "The completion listener lost its connection; reconnecting in {Delay}")]
    private static partial void Disconnected(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(42, LogLevel.Warning, "Reading the announced completion {Id} failed; waiters fall back to polling")]
    private static partial void ReadFailed(ILogger logger, Exception exception, long id);
}
