using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace KieGen.Callbacks;

/// <summary>
/// The in-process <see cref="IKieCallbackInbox"/>: bounded (a flood is refused, not queued forever), with the pending
/// count as the metric <c>kie.callbacks.inbox.pending</c> and refusals as <c>kie.callbacks.inbox.refused</c>. It lives
/// as long as the process: use a durable one where an acknowledged callback must survive a restart.
/// </summary>
public sealed class InMemoryKieCallbackInbox : IKieCallbackInbox
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Slot> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _handled = new(StringComparer.Ordinal);
    private readonly Queue<KieCallbackEntry> _dead = new();
    private readonly TimeProvider _time;
    private DateTimeOffset _nextPurge;
    private int _maxRemembered = 100_000;

    /// <summary>Creates an inbox.</summary>
    /// <param name="capacity">Most entries pending at once; more are refused.</param>
    /// <param name="timeProvider">The clock for due times, leases and forgetting.</param>
    /// <param name="remember">
    /// How long a delivery's key and a handled outcome are remembered; one hour by default, as long as the default task
    /// store keeps a finished task (a callback for a task the store forgot finds nothing to handle, and replays older
    /// than the verifier's freshness window are refused before they reach the inbox).
    /// </param>
    public InMemoryKieCallbackInbox(int capacity = 10_000, TimeProvider? timeProvider = null, TimeSpan? remember = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _time = timeProvider ?? TimeProvider.System;
        Remember = remember ?? TimeSpan.FromHours(1);
    }

    /// <summary>Most entries pending at once.</summary>
    public int Capacity { get; }

    /// <summary>How long keys and handled outcomes are remembered.</summary>
    public TimeSpan Remember { get; }

    /// <summary>
    /// The most delivery keys, and separately handled outcomes, remembered at once (100,000 by default): beyond it the
    /// tenth that would be forgotten first goes now, so memory stays bounded however fast callbacks arrive.
    /// </summary>
    public int MaxRemembered
    {
        get => _maxRemembered;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maxRemembered = value;
        }
    }

    /// <summary>Entries waiting or being handled.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<KieCallbackAdmission> AddAsync(KieCallbackReceipt receipt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            Purge(now);
            if (_seen.ContainsKey(receipt.Key))
            {
                return new(KieCallbackAdmission.Duplicate);
            }

            if (_pending.Count >= Capacity)
            {
                KieTelemetry.InboxRefused.Add(1);
                return new(KieCallbackAdmission.Full);
            }

            var id = Guid.NewGuid().ToString("N");
            _pending[id] = new Slot(new KieCallbackEntry(id, receipt, now, 0, null), now, DateTimeOffset.MinValue);
            _seen[receipt.Key] = now + Remember;
            Trim(_seen);
        }

        KieTelemetry.InboxPending.Add(1);
        return new(KieCallbackAdmission.Accepted);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<KieCallbackEntry>> ClaimAsync(int max, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var claimed = _pending.Values
                .Where(s => s.DueAt <= now && s.LeaseUntil <= now)
                .OrderBy(s => s.DueAt)
                .Take(max)
                .ToList();
            var entries = new List<KieCallbackEntry>(claimed.Count);
            foreach (var slot in claimed)
            {
                var entry = slot.Entry with { Attempts = slot.Entry.Attempts + 1 };
                _pending[entry.Id] = slot with { Entry = entry, LeaseUntil = now + lease };
                entries.Add(entry);
            }

            return new(entries);
        }
    }

    /// <inheritdoc />
    public ValueTask CompleteAsync(string id, CancellationToken cancellationToken = default)
    {
        bool removed;
        lock (_gate)
        {
            removed = _pending.Remove(id);
        }

        if (removed)
        {
            KieTelemetry.InboxPending.Add(-1);
        }

        return default;
    }

    /// <inheritdoc />
    public ValueTask RetryAsync(string id, DateTimeOffset dueAt, string error, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_pending.TryGetValue(id, out var slot))
            {
                _pending[id] = new Slot(slot.Entry with { LastError = error }, dueAt, DateTimeOffset.MinValue);
            }
        }

        return default;
    }

    /// <inheritdoc />
    public ValueTask DeadLetterAsync(string id, string error, CancellationToken cancellationToken = default)
    {
        bool removed;
        lock (_gate)
        {
            removed = _pending.Remove(id, out var slot);
            if (removed)
            {
                _dead.Enqueue(slot!.Entry with { LastError = error });
                while (_dead.Count > Capacity)
                {
                    _dead.Dequeue();
                }
            }
        }

        if (removed)
        {
            KieTelemetry.InboxPending.Add(-1);
            KieTelemetry.InboxDeadLettered.Add(1);
        }

        return default;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<KieCallbackEntry>> DeadLettersAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return new(_dead.ToArray());
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> IsHandledAsync(string taskId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return new(_handled.ContainsKey(taskId));
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> MarkHandledAsync(string taskId, string outcome, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var added = _handled.TryAdd(taskId, _time.GetUtcNow() + Remember);
            Trim(_handled);
            return new(added);
        }
    }

    /// <summary>Forgets expired keys and outcomes, at most once a minute (a sweep is linear in what is kept).</summary>
    private void Purge(DateTimeOffset now)
    {
        if (now < _nextPurge)
        {
            return;
        }

        _nextPurge = now + TimeSpan.FromMinutes(1);
        foreach (var pair in _seen.Where(p => p.Value <= now).ToList())
        {
            _seen.Remove(pair.Key);
        }

        foreach (var pair in _handled.Where(p => p.Value <= now).ToList())
        {
            _handled.Remove(pair.Key);
        }
    }

    /// <summary>Beyond <see cref="MaxRemembered"/>, forgets the tenth that expires first (one sort per tenth, not per add).</summary>
    private void Trim(Dictionary<string, DateTimeOffset> remembered)
    {
        if (remembered.Count <= _maxRemembered)
        {
            return;
        }

        foreach (var key in remembered.OrderBy(p => p.Value).Take(Math.Max(1, _maxRemembered / 10)).Select(p => p.Key).ToList())
        {
            remembered.Remove(key);
        }
    }

    private sealed record Slot(KieCallbackEntry Entry, DateTimeOffset DueAt, DateTimeOffset LeaseUntil);
}
