using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using KieGen.Client;

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

/// <summary>The in-process <see cref="IKieCompletionNotifier"/>; keeps a terminal status for an hour for late waiters.</summary>
public sealed class InMemoryKieCompletionNotifier : IKieCompletionNotifier
{
    private static readonly TimeSpan Keep = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private long _lastPurgeTicks;

    /// <summary>Creates the notifier.</summary>
    public InMemoryKieCompletionNotifier(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

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
        lock (entry)
        {
            entry.Touched = _time.GetUtcNow();
            return entry.Signal.Task.WaitAsync(cancellationToken);
        }
    }

    private void Purge(DateTimeOffset now)
    {
        // At most once a minute: a sweep is linear in the number of tasks.
        var last = Interlocked.Read(ref _lastPurgeTicks);
        if (now.UtcTicks - last < TimeSpan.TicksPerMinute || Interlocked.CompareExchange(ref _lastPurgeTicks, now.UtcTicks, last) != last)
        {
            return;
        }

        foreach (var pair in _entries)
        {
            if (pair.Value.Signal.Task.IsCompleted && now - pair.Value.Touched > Keep)
            {
                _entries.TryRemove(pair);
            }
        }
    }

    private static TaskCompletionSource<KieTaskStatus> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Entry
    {
        public TaskCompletionSource<KieTaskStatus> Signal { get; set; } = NewSignal();

        public DateTimeOffset Touched { get; set; }
    }
}
