using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace KieGen.Callbacks;

/// <summary>
/// The in-process <see cref="IKieTaskStore"/>, bounded: a record is forgotten a while after its task finished
/// (<see cref="RetentionAfterCompletion"/>), or after <see cref="MaxAge"/> if nothing says it finished, and the oldest
/// records go first when more than <see cref="Capacity"/> are held (counted by the metric <c>kie.store.evicted</c>).
/// </summary>
public sealed class InMemoryKieTaskStore : IKieTaskStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Slot> _byCorrelation = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _correlationOf = new(StringComparer.Ordinal);
    private readonly Dictionary<(string TaskId, string Stage), DateTimeOffset> _claims = new();
    private Queue<(string Correlation, long Version)> _age = new();
    private readonly TimeProvider _time;
    private DateTimeOffset _nextSweep;
    private long _version;

    /// <summary>Creates a store.</summary>
    /// <param name="timeProvider">The clock for expiry.</param>
    /// <param name="retentionAfterCompletion">How long a finished task's record is kept (late callbacks, late waiters); 1 hour by default.</param>
    /// <param name="maxAge">How long any record is kept; 2 days by default (Kie's tasks end within hours).</param>
    /// <param name="capacity">Most records held; 100,000 by default.</param>
    public InMemoryKieTaskStore(TimeProvider? timeProvider = null, TimeSpan? retentionAfterCompletion = null, TimeSpan? maxAge = null, int capacity = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = timeProvider ?? TimeProvider.System;
        RetentionAfterCompletion = retentionAfterCompletion ?? TimeSpan.FromHours(1);
        MaxAge = maxAge ?? TimeSpan.FromDays(2);
        Capacity = capacity;
    }

    /// <summary>How long a finished task's record is kept.</summary>
    public TimeSpan RetentionAfterCompletion { get; }

    /// <summary>How long any record is kept.</summary>
    public TimeSpan MaxAge { get; }

    /// <summary>Most records held.</summary>
    public int Capacity { get; }

    /// <summary>Records held now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byCorrelation.Count;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask SaveAsync(KieTaskRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var now = _time.GetUtcNow();
        var evicted = 0;
        lock (_gate)
        {
            Sweep(now);
            var version = ++_version;
            if (_byCorrelation.TryGetValue(record.Correlation, out var old) && old.Record.TaskId is { } oldId && oldId != record.TaskId)
            {
                _correlationOf.Remove(oldId);
            }

            _byCorrelation[record.Correlation] = new Slot(record, now + MaxAge, version);
            if (record.TaskId is not null)
            {
                _correlationOf[record.TaskId] = record.Correlation;
            }

            _age.Enqueue((record.Correlation, version));
            while (_byCorrelation.Count > Capacity && _age.TryDequeue(out var oldest))
            {
                if (_byCorrelation.TryGetValue(oldest.Correlation, out var slot) && slot.Version == oldest.Version)
                {
                    Remove(oldest.Correlation, slot);
                    evicted++;
                }
            }

            // Stale queue items (records saved again or removed) are dropped as they reach the front.
            while (_age.TryPeek(out var front) && !(_byCorrelation.TryGetValue(front.Correlation, out var live) && live.Version == front.Version))
            {
                _age.Dequeue();
            }
        }

        if (evicted > 0)
        {
            KieTelemetry.StoreEvicted.Add(evicted, new KeyValuePair<string, object?>("kie.store", "tasks"));
        }

        return default;
    }

    /// <inheritdoc />
    public ValueTask<KieTaskRecord?> FindByCorrelationAsync(string correlation, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            return new(_byCorrelation.TryGetValue(correlation, out var slot) && slot.ExpiresAt > now ? slot.Record : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<KieTaskRecord?> FindByTaskIdAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            return new(_correlationOf.TryGetValue(taskId, out var correlation) && _byCorrelation.TryGetValue(correlation, out var slot) && slot.ExpiresAt > now
                ? slot.Record
                : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> TryClaimAsync(string taskId, string stage, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            Sweep(now);
            return new(_claims.TryAdd((taskId, stage), now + MaxAge));
        }
    }

    /// <inheritdoc />
    public ValueTask ReleaseAsync(string taskId, string stage, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _claims.Remove((taskId, stage));
        }

        return default;
    }

    /// <inheritdoc />
    public ValueTask CompleteAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var until = _time.GetUtcNow() + RetentionAfterCompletion;
        lock (_gate)
        {
            if (_correlationOf.TryGetValue(taskId, out var correlation) && _byCorrelation.TryGetValue(correlation, out var slot) && slot.ExpiresAt > until)
            {
                _byCorrelation[correlation] = slot with { ExpiresAt = until };
            }
        }

        return default;
    }

    /// <summary>Drops expired records and claims, at most once a minute (a sweep is linear in what is held).</summary>
    private void Sweep(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + TimeSpan.FromMinutes(1);
        var expired = new List<KeyValuePair<string, Slot>>();
        foreach (var pair in _byCorrelation)
        {
            if (pair.Value.ExpiresAt <= now)
            {
                expired.Add(pair);
            }
        }

        foreach (var pair in expired)
        {
            Remove(pair.Key, pair.Value);
        }

        var lapsed = new List<(string, string)>();
        foreach (var pair in _claims)
        {
            if (pair.Value <= now)
            {
                lapsed.Add(pair.Key);
            }
        }

        foreach (var key in lapsed)
        {
            _claims.Remove(key);
        }

        // Keep only the age-order items of live records (a record saved twice, or expired, leaves stale ones).
        var live = new Queue<(string Correlation, long Version)>(_byCorrelation.Count);
        foreach (var item in _age)
        {
            if (_byCorrelation.TryGetValue(item.Correlation, out var slot) && slot.Version == item.Version)
            {
                live.Enqueue(item);
            }
        }

        _age = live;

        if (expired.Count > 0)
        {
            KieTelemetry.StoreEvicted.Add(expired.Count, new KeyValuePair<string, object?>("kie.store", "tasks"));
        }
    }

    private void Remove(string correlation, Slot slot)
    {
        _byCorrelation.Remove(correlation);
        if (slot.Record.TaskId is { } taskId && _correlationOf.TryGetValue(taskId, out var current) && current == correlation)
        {
            _correlationOf.Remove(taskId);
        }
    }

    private sealed record Slot(KieTaskRecord Record, DateTimeOffset ExpiresAt, long Version);
}
