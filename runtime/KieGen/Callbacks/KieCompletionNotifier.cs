using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KieGen.Tasks;

namespace KieGen.Callbacks;

/// <summary>
/// Carries confirmed statuses from the callback endpoint to whoever waits on the task. In memory by default; several
/// instances behind a load balancer need a shared one (pub/sub) so the instance that waits hears of the callback.
/// </summary>
public interface IKieCompletionNotifier
{
    /// <summary>Publishes a status (progress or terminal) of a task.</summary>
    ValueTask PublishAsync(KieTaskStatus status, CancellationToken cancellationToken = default);

    /// <summary>The next status published for the task; a terminal status published earlier is returned at once.</summary>
    Task<KieTaskStatus> WaitAsync(string taskId, CancellationToken cancellationToken = default);
}

/// <summary>
/// The in-process <see cref="IKieCompletionNotifier"/>, bounded: a task's entry is forgotten <see cref="Retention"/>
/// after it was last published to or waited on (a terminal status stays that long for late waiters), and beyond
/// <see cref="Capacity"/> entries the oldest go first (counted by the metric <c>kie.store.evicted</c>).
/// </summary>
public sealed class InMemoryKieCompletionNotifier : IKieCompletionNotifier
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private long _lastPurgeTicks;

    /// <summary>Creates the notifier.</summary>
    /// <param name="timeProvider">The clock for expiry.</param>
    /// <param name="retention">How long an entry is kept after its last use; 1 hour by default (waits last 15 minutes by default).</param>
    /// <param name="capacity">Most entries held; 100,000 by default.</param>
    public InMemoryKieCompletionNotifier(TimeProvider? timeProvider = null, TimeSpan? retention = null, int capacity = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = timeProvider ?? TimeProvider.System;
        Retention = retention ?? TimeSpan.FromHours(1);
        Capacity = capacity;
    }

    /// <summary>How long an entry is kept after its last use.</summary>
    public TimeSpan Retention { get; }

    /// <summary>Most entries held.</summary>
    public int Capacity { get; }

    /// <summary>Entries held now.</summary>
    public int Count => _entries.Count;

    /// <inheritdoc />
    public ValueTask PublishAsync(KieTaskStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(status);
        var now = _time.GetUtcNow();
        var entry = _entries.GetOrAdd(status.TaskId, _ => new Entry());
        TaskCompletionSource<KieTaskStatus> signal;
        lock (entry)
        {
            signal = entry.Signal;
            if (!status.IsTerminal)
            {
                entry.Signal = NewSignal();
            }

            entry.Touched = now;
        }

        signal.TrySetResult(status);
        Purge(now);
        return default;
    }

    /// <inheritdoc />
    public Task<KieTaskStatus> WaitAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var entry = _entries.GetOrAdd(taskId, _ => new Entry());
        var now = _time.GetUtcNow();
        Task<KieTaskStatus> wait;
        lock (entry)
        {
            entry.Touched = now;
            wait = entry.Signal.Task.WaitAsync(cancellationToken);
        }

        Purge(now);
        return wait;
    }

    private void Purge(DateTimeOffset now)
    {
        // Over the cap at once; otherwise at most once a minute: a sweep is linear in the number of tasks.
        var last = Interlocked.Read(ref _lastPurgeTicks);
        if ((_entries.Count <= Capacity && now.UtcTicks - last < TimeSpan.TicksPerMinute) || Interlocked.CompareExchange(ref _lastPurgeTicks, now.UtcTicks, last) != last)
        {
            return;
        }

        var evicted = 0;
        foreach (var pair in _entries)
        {
            if (now - pair.Value.Touched > Retention && _entries.TryRemove(pair))
            {
                evicted++;
            }
        }

        // Down to 90 % of the cap, so a full notifier sorts once per tenth of its capacity, not once per publish.
        var excess = _entries.Count > Capacity ? _entries.Count - (Capacity - (Capacity / 10)) : 0;
        if (excess > 0)
        {
            foreach (var pair in _entries.ToArray().OrderBy(p => p.Value.Touched).Take(excess))
            {
                if (_entries.TryRemove(pair))
                {
                    evicted++;
                }
            }
        }

        if (evicted > 0)
        {
            KieTelemetry.StoreEvicted.Add(evicted, new System.Collections.Generic.KeyValuePair<string, object?>("kie.store", "completions"));
        }
    }

    private static TaskCompletionSource<KieTaskStatus> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Entry
    {
        public TaskCompletionSource<KieTaskStatus> Signal { get; set; } = NewSignal();

        public DateTimeOffset Touched { get; set; }
    }
}
