using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using KieGen.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace KieGen.PostgreSql;

/// <summary>
/// <see cref="IKieRateLimiter"/> shared by every instance through one row of <c>kiegen_rate_limits</c> per key and
/// limit, holding when each of the limit's slots is free again.
/// <para>
/// <b>Order.</b> A caller locks the row (<c>SELECT ... FOR UPDATE</c>), waits, holding the lock, until the earliest
/// slot is free, takes it and commits. PostgreSQL queues row-lock waiters in arrival order, so callers across
/// instances are served first come, first served; within an instance one caller per limit at a time queues on the
/// row (so an instance holds one connection per limit, however many callers wait).
/// </para>
/// <para>
/// <b>When a slot is free again.</b> Kie counts a call when its request arrives, somewhere between when it was sent and
/// when its answer came back. Counting from the answer (the in-process gate) is safe but wastes the round trip: with
/// latency L the ceiling is window / (window + L). Here a finished call frees its slot at
/// <c>finished + window × 1.01 − min RTT</c>: the answer took at least half of the shortest round trip seen for this
/// limit (shared by all instances) to come back, and the next request takes at least the other half to arrive, so
/// the arrivals stay a window apart while a standing latency costs nothing. A slot in use is free one window after it
/// was taken (renewed every half window while its call runs), so an instance that dies holding one frees it within a
/// window. The windows are measured on the database's clock, so instances' clocks need not agree.
/// </para>
/// </summary>
public sealed partial class PostgreSqlKieRateLimiter : IKieRateLimiter
{
    private readonly KiePostgreSqlDatabase _database;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _queues = new(StringComparer.Ordinal);

    /// <summary>Creates the limiter.</summary>
    public PostgreSqlKieRateLimiter(KiePostgreSqlDatabase database, TimeProvider? timeProvider = null, ILogger<PostgreSqlKieRateLimiter>? logger = null)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <inheritdoc />
    public async ValueTask<IKieRateLease> AcquireAsync(KieRateLimit limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limit);
        var started = _time.GetTimestamp();
        var queue = _queues.GetOrAdd(limit.Id, _ => new SemaphoreSlim(1, 1));
        await queue.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var (slot, holder) = await TakeSlotAsync(limit, cancellationToken).ConfigureAwait(false);
                    return new Lease(this, limit, slot, holder, _time.GetElapsedTime(started));
                }
                catch (NpgsqlException e) when (e.IsTransient && attempt < 5)
                {
                    // A broken pooled connection (a server restart) fails once; nothing was taken.
                    await Task.Delay(_database.Options.ReconnectDelay * attempt, _time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            queue.Release();
        }
    }

    private async Task<(int Slot, Guid Holder)> TakeSlotAsync(KieRateLimit limit, CancellationToken cancellationToken)
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var create = new NpgsqlCommand("""
            INSERT INTO kiegen_rate_limits (limit_id, free_at, holders)
            VALUES (@id, array_fill('-infinity'::timestamptz, ARRAY[@limit]), array_fill(NULL::uuid, ARRAY[@limit]))
            ON CONFLICT (limit_id) DO NOTHING
            """, connection, transaction))
        {
            create.Parameters.AddWithValue("id", limit.Id);
            create.Parameters.AddWithValue("limit", limit.Limit);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        int slot;
        double wait;
        await using (var earliest = new NpgsqlCommand("""
            SELECT s.i::int, greatest(0, extract(epoch FROM s.f - clock_timestamp()))::float8
            FROM (SELECT free_at FROM kiegen_rate_limits WHERE limit_id = @id FOR UPDATE) l, unnest(l.free_at) WITH ORDINALITY AS s(f, i)
            ORDER BY s.f, s.i LIMIT 1
            """, connection, transaction))
        {
            earliest.Parameters.AddWithValue("id", limit.Id);
            await using var reader = await earliest.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            (slot, wait) = (reader.GetInt32(0), reader.GetDouble(1));
        }

        if (wait > 0)
        {
            // Holding the row lock: whoever queues behind comes after this caller.
            await Task.Delay(TimeSpan.FromSeconds(wait), _time, cancellationToken).ConfigureAwait(false);
        }

        var holder = Guid.NewGuid();
        await using (var take = new NpgsqlCommand(
            "UPDATE kiegen_rate_limits SET free_at[@slot] = clock_timestamp() + @window, holders[@slot] = @holder WHERE limit_id = @id", connection, transaction))
        {
            take.Parameters.AddWithValue("id", limit.Id);
            take.Parameters.AddWithValue("slot", slot);
            take.Parameters.AddWithValue("window", limit.Window);
            take.Parameters.AddWithValue("holder", holder);
            await take.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (slot, holder);
    }

    /// <summary>The call finished: its slot is free one window (and 1 %) after, less the shortest round trip seen.</summary>
    private async Task ReleaseAsync(KieRateLimit limit, int slot, Guid holder, TimeSpan roundTrip)
    {
        var rtt = roundTrip.TotalMilliseconds;
        try
        {
            // min_rtt_ms follows the smallest round trip, creeping up by 1/64 of the gap per call so a lasting rise in
            // latency is learnt; the subtraction uses the smaller of it and this call's own round trip.
            await using var command = _database.DataSource.CreateCommand("""
                UPDATE kiegen_rate_limits SET
                    free_at[@slot] = clock_timestamp() + @window * 1.01 - make_interval(secs => least(coalesce(min_rtt_ms, @rtt), @rtt) / 1000),
                    holders[@slot] = NULL,
                    min_rtt_ms = least(@rtt, coalesce(min_rtt_ms, @rtt) + (@rtt - coalesce(min_rtt_ms, @rtt)) / 64)
                WHERE limit_id = @id AND holders[@slot] = @holder
                """);
            command.Parameters.AddWithValue("id", limit.Id);
            command.Parameters.AddWithValue("slot", slot);
            command.Parameters.AddWithValue("holder", holder);
            command.Parameters.AddWithValue("window", limit.Window);
            command.Parameters.AddWithValue("rtt", rtt);
            await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // The slot stays taken until its lease ends (one window after it was taken or renewed): safe, only slower.
            ReleaseFailed(_logger, e, limit.Purpose);
        }
    }

    /// <summary>A call still running: its slot stays taken for another window.</summary>
    private async Task RenewAsync(KieRateLimit limit, int slot, Guid holder)
    {
        try
        {
            await using var command = _database.DataSource.CreateCommand(
                "UPDATE kiegen_rate_limits SET free_at[@slot] = greatest(free_at[@slot], clock_timestamp() + @window) WHERE limit_id = @id AND holders[@slot] = @holder");
            command.Parameters.AddWithValue("id", limit.Id);
            command.Parameters.AddWithValue("slot", slot);
            command.Parameters.AddWithValue("holder", holder);
            command.Parameters.AddWithValue("window", limit.Window);
            await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            ReleaseFailed(_logger, e, limit.Purpose);
        }
    }

    [LoggerMessage(50, LogLevel.Warning, "Could not update a {Purpose} slot of the shared limit; it frees itself within one window")]
    private static partial void ReleaseFailed(ILogger logger, Exception exception, string purpose);

    private sealed class Lease : IKieRateLease
    {
        private readonly PostgreSqlKieRateLimiter _owner;
        private readonly KieRateLimit _limit;
        private readonly int _slot;
        private readonly Guid _holder;
        private readonly long _taken;
        private readonly ITimer _renewal;
        private int _disposed;

        public Lease(PostgreSqlKieRateLimiter owner, KieRateLimit limit, int slot, Guid holder, TimeSpan waited)
        {
            _owner = owner;
            _limit = limit;
            _slot = slot;
            _holder = holder;
            Waited = waited;
            _taken = owner._time.GetTimestamp();
            var half = limit.Window / 2;
            _renewal = owner._time.CreateTimer(_ => _ = owner.RenewAsync(limit, slot, holder), null, half, half);
        }

        public TimeSpan Waited { get; }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }

            await _renewal.DisposeAsync().ConfigureAwait(false);
            await _owner.ReleaseAsync(_limit, _slot, _holder, _owner._time.GetElapsedTime(_taken)).ConfigureAwait(false);
        }
    }
}
