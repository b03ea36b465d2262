using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
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
/// <b>Order.</b> A caller takes a transaction-scoped advisory lock of the limit, waits (holding it) until the earliest
/// slot is free, takes the slot with a conditional update and commits. PostgreSQL grants lock waiters in arrival
/// order, so callers across instances are served first come, first served; within an instance one caller per limit at
/// a time queues on the lock (so an instance holds one connection per limit, however many callers wait). The row is
/// locked only for single statements, so calls that finish meanwhile record it at once.
/// </para>
/// <para>
/// <b>When a slot is free again.</b> Kie counts a call when its request arrives, somewhere between when it was sent and
/// when its answer came back. Counting from the answer (the in-process gate) is safe but pays the whole round trip:
/// with a round trip R the ceiling is window / (window × 1.01 + R). Here a finished call frees its slot at
/// <c>finished + window × 1.01 − min RTT / 2</c>: the answer took at least the one-way latency (half the shortest
/// round trip seen for this limit, shared by all instances, trusted after 8 calls) to come back, so the request had
/// arrived by then. Only one leg is subtracted, though the next request also takes a leg to arrive: that leg is the
/// margin against jitter and asymmetric legs (subtracting both legs was tried, and on a loaded machine a late timer
/// made one leg short and the fake server answered 429). So
/// the arrivals stay a window apart and a standing latency costs half what it costs the in-process gate: with 150 ms
/// each way and Kie's 10 s window, 97.6 % of the limit instead of 96.2 %; with a 1 s round trip, 94.3 % instead of
/// 90.1 %.
/// </para>
/// <para>
/// <b>An instance that ends holding a slot.</b> Each instance keeps one session open for its life, and a slot records
/// the session's backend pid. A caller waiting on held slots looks (every twentieth of a window) for holders whose
/// session is gone from <c>pg_stat_activity</c>: a process that ends, however it ends, closes its connections, so its
/// slot is free one window (and 1 %) after the end is seen, as if its call had finished then. A holder whose session
/// is still there keeps its slot until the call finishes or its lease runs out: two windows from the take, renewed
/// every third of a window while the call runs (with a lease of one window, a renewal that came late on a heavily
/// loaded machine let a slow call's slot be reused while its request was still on the way, and the fake server
/// answered 429). A server restart ends every session without saying anything of the instances, so a pid is only
/// believed for the server start it was recorded in; a host that vanishes without closing its connections (power
/// loss, a partition) is caught by its lease. One case is weaker: a live instance whose own session the server drops
/// (an administrator, an idle-session timeout) looks ended until its next renewal (a third of a window), which finds
/// the pid gone and leaves the slot to its lease; meanwhile a slot of its running call may be marked free a window
/// from then. The windows are
/// measured on the database's clock, so instances' clocks need not agree.
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
        var pid = await _database.SessionPidAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var create = new NpgsqlCommand("""
            INSERT INTO kiegen_rate_limits (limit_id, free_at, holders)
            VALUES (@id, array_fill('epoch'::timestamptz, ARRAY[@limit]), array_fill(NULL::uuid, ARRAY[@limit]))
            ON CONFLICT (limit_id) DO NOTHING
            """, connection, transaction))
        {
            create.Parameters.AddWithValue("id", limit.Id);
            create.Parameters.AddWithValue("limit", limit.Limit);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // The queue: a transaction-scoped advisory lock per limit, granted in request order. The row itself is only
        // locked for single statements, so finishing calls release their slots while the head of the queue waits.
        await using (var queue = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended(@id, 0))", connection, transaction))
        {
            queue.Parameters.AddWithValue("id", limit.Id);
            await queue.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var holder = Guid.NewGuid();
        long? reaped = null;
        while (true)
        {
            int slot;
            double wait;
            bool held;
            await using (var earliest = new NpgsqlCommand("""
                SELECT s.i::int, greatest(0, extract(epoch FROM s.f - clock_timestamp()))::float8, l.holders[s.i] IS NOT NULL
                FROM kiegen_rate_limits l, unnest(l.free_at) WITH ORDINALITY AS s(f, i)
                WHERE l.limit_id = @id ORDER BY s.f, s.i LIMIT 1
                """, connection, transaction))
            {
                earliest.Parameters.AddWithValue("id", limit.Id);
                await using var reader = await earliest.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                (slot, wait, held) = (reader.GetInt32(0), reader.GetDouble(1), reader.GetBoolean(2));
            }

            if (wait > 0 && (reaped is not { } last || _time.GetElapsedTime(last) >= ReapInterval(limit)))
            {
                reaped = _time.GetTimestamp();
                if (await FreeSlotsOfEndedInstancesAsync(limit, connection, transaction, cancellationToken).ConfigureAwait(false))
                {
                    continue; // the earliest free time may have moved
                }
            }

            if (wait > 0)
            {
                // At the head of the queue: whoever queues behind comes after this caller. When every slot is in use,
                // the earliest time is only a lease's end; a call finishing sooner frees its slot sooner, so look again
                // after a two-hundredth of the window (at least 10 ms).
                var pause = TimeSpan.FromSeconds(wait);
                var recheck = limit.Window / 200 > TimeSpan.FromMilliseconds(10) ? limit.Window / 200 : TimeSpan.FromMilliseconds(10);
                await Task.Delay(held && pause > recheck ? recheck : pause, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            // Taken only if still free: a call that finished meanwhile may have moved its slot's time later. The holder's
            // session pid is recorded only if the server shows it (a pid of a connection the server has dropped would
            // make this live instance look ended).
            await using var take = new NpgsqlCommand("""
                UPDATE kiegen_rate_limits SET
                    free_at[@slot] = clock_timestamp() + @window * 2,
                    holders[@slot] = @holder,
                    holder_pids[@slot] = (SELECT a.pid FROM pg_stat_activity a WHERE a.pid = @pid),
                    holder_epochs[@slot] = pg_postmaster_start_time()
                WHERE limit_id = @id AND free_at[@slot] <= clock_timestamp()
                RETURNING holder_pids[@slot]
                """, connection, transaction);
            take.Parameters.AddWithValue("id", limit.Id);
            take.Parameters.AddWithValue("slot", slot);
            take.Parameters.AddWithValue("window", limit.Window);
            take.Parameters.AddWithValue("holder", holder);
            take.Parameters.Add(new NpgsqlParameter<int?>("pid", NpgsqlTypes.NpgsqlDbType.Integer) { TypedValue = pid });
            var recorded = await take.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            if (recorded is not null)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                if (recorded is DBNull)
                {
                    await _database.SessionLostAsync().ConfigureAwait(false); // the slot relies on its lease; reconnect for the next
                }

                return (slot, holder);
            }
        }
    }

    /// <summary>The call finished: its slot is free one window (and 1 %) after, less half the shortest round trip seen.</summary>
    private async Task ReleaseAsync(KieRateLimit limit, int slot, Guid holder, TimeSpan roundTrip)
    {
        var rtt = roundTrip.TotalMilliseconds;
        try
        {
            // min_rtt_ms is the smallest round trip seen; it is trusted only after 8 calls, so one slow first call (a
            // cold process) cannot pass for the network's latency.
            await using var command = _database.DataSource.CreateCommand("""
                UPDATE kiegen_rate_limits SET
                    free_at[@slot] = clock_timestamp() + @window * 1.01
                        - make_interval(secs => CASE WHEN rtt_samples >= 8 THEN least(min_rtt_ms, @rtt) / 2 ELSE 0 END / 1000),
                    holders[@slot] = NULL,
                    holder_pids[@slot] = NULL,
                    min_rtt_ms = least(coalesce(min_rtt_ms, @rtt), @rtt),
                    rtt_samples = rtt_samples + 1
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
            // The slot stays taken until its lease ends (two windows after it was taken or renewed): safe, only slower.
            ReleaseFailed(_logger, e, limit.Purpose);
        }
    }

    /// <summary>How often a caller waiting on held slots looks for instances that have ended: a twentieth of the window.</summary>
    private static TimeSpan ReapInterval(KieRateLimit limit) => limit.Window / 20;

    /// <summary>
    /// Slots whose holder's session is gone from the server (same server start: a restart ends every session and says
    /// nothing of the instances) belong to an instance that has ended: each is free one window (and 1 %) from now, as
    /// if its call had finished now, since its request, if any, arrived before the instance ended. Returns whether any
    /// was freed.
    /// </summary>
    private async Task<bool> FreeSlotsOfEndedInstancesAsync(KieRateLimit limit, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var ended = new List<(int Slot, Guid Holder)>();
        await using (var find = new NpgsqlCommand("""
            SELECT i, l.holders[i]
            FROM kiegen_rate_limits l, generate_subscripts(l.holders, 1) AS i
            WHERE l.limit_id = @id AND l.holders[i] IS NOT NULL AND l.holder_pids[i] IS NOT NULL
              AND l.holder_epochs[i] = pg_postmaster_start_time()
              AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = l.holder_pids[i])
            """, connection, transaction))
        {
            find.Parameters.AddWithValue("id", limit.Id);
            await using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ended.Add((reader.GetInt32(0), reader.GetGuid(1)));
            }
        }

        foreach (var (slot, holder) in ended)
        {
            await using var free = new NpgsqlCommand("""
                UPDATE kiegen_rate_limits SET
                    free_at[@slot] = least(free_at[@slot], clock_timestamp() + @window * 1.01),
                    holders[@slot] = NULL,
                    holder_pids[@slot] = NULL
                WHERE limit_id = @id AND holders[@slot] = @holder
                """, connection, transaction);
            free.Parameters.AddWithValue("id", limit.Id);
            free.Parameters.AddWithValue("slot", slot);
            free.Parameters.AddWithValue("holder", holder);
            free.Parameters.AddWithValue("window", limit.Window);
            await free.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            SlotOfEndedInstanceFreed(_logger, limit.Purpose, slot);
        }

        return ended.Count > 0;
    }

    /// <summary>
    /// A call still running: its slot stays taken for two more windows, and names this instance's session as it is now
    /// (after a reconnect, the pid recorded at the take is gone, which would make the slot look abandoned).
    /// </summary>
    private async Task RenewAsync(KieRateLimit limit, int slot, Guid holder)
    {
        try
        {
            var pid = await _database.SessionPidAsync(CancellationToken.None).ConfigureAwait(false);
            await using var command = _database.DataSource.CreateCommand("""
                UPDATE kiegen_rate_limits SET
                    free_at[@slot] = greatest(free_at[@slot], clock_timestamp() + @window * 2),
                    holder_pids[@slot] = (SELECT a.pid FROM pg_stat_activity a WHERE a.pid = @pid),
                    holder_epochs[@slot] = pg_postmaster_start_time()
                WHERE limit_id = @id AND holders[@slot] = @holder
                """);
            command.Parameters.Add(new NpgsqlParameter<int?>("pid", NpgsqlTypes.NpgsqlDbType.Integer) { TypedValue = pid });
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

    [LoggerMessage(51, LogLevel.Information, "A {Purpose} slot ({Slot}) of the shared limit was held by an instance that has ended; it is free one window from now")]
    private static partial void SlotOfEndedInstanceFreed(ILogger logger, string purpose, int slot);

    [LoggerMessage(50, LogLevel.Warning, "Could not update a {Purpose} slot of the shared limit; it frees itself when its lease ends (two windows)")]
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
            var third = limit.Window / 3;
            _renewal = owner._time.CreateTimer(_ => _ = owner.RenewAsync(limit, slot, holder), null, third, third);
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
