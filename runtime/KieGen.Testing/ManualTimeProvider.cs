using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace KieGen.Testing;

/// <summary>
/// A <see cref="TimeProvider"/> that only moves when told to: <see cref="Advance"/> runs every timer that falls due,
/// in time order. Lets a test run a ten-minute video task, with its callbacks, in milliseconds.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = new();
    private readonly List<(int Count, TaskCompletionSource Signal)> _timerWaiters = new();
    private DateTimeOffset _now;

    /// <summary>Starts the clock at <paramref name="start"/> (default: 2026-01-01T00:00:00Z).</summary>
    public ManualTimeProvider(DateTimeOffset? start = null) =>
        _now = start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <inheritdoc />
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>How many timers are scheduled (not yet fired, changed to infinite or disposed).</summary>
    public int PendingTimers
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count;
            }
        }
    }

    /// <summary>
    /// Completes once at least <paramref name="count"/> timers are scheduled: a test advances the clock only after the
    /// code under test has started waiting on it, instead of guessing from a real-time pause.
    /// </summary>
    public Task WaitForPendingTimersAsync(int count = 1, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_timers.Count >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _timerWaiters.Add((count, signal));
            return signal.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Called under the lock whenever a timer is scheduled.</summary>
    private void ReleaseTimerWaiters()
    {
        for (var i = _timerWaiters.Count - 1; i >= 0; i--)
        {
            if (_timers.Count >= _timerWaiters[i].Count)
            {
                _timerWaiters[i].Signal.TrySetResult();
                _timerWaiters.RemoveAt(i);
            }
        }
    }

    /// <summary>
    /// Moves the clock to the next timer's due time, but no further than <paramref name="maxStep"/>, and fires what is
    /// due. Lets a test move time exactly as far as the next thing that happens.
    /// </summary>
    public void AdvanceToNextTimer(TimeSpan maxStep)
    {
        TimeSpan step;
        lock (_gate)
        {
            var next = DateTimeOffset.MaxValue;
            foreach (var timer in _timers)
            {
                if (timer.DueAt < next)
                {
                    next = timer.DueAt;
                }
            }

            step = next == DateTimeOffset.MaxValue || next - _now > maxStep ? maxStep : next - _now;
        }

        Advance(step < TimeSpan.Zero ? TimeSpan.Zero : step);
    }

    /// <summary>Moves the clock forward, firing each due timer at its own due time.</summary>
    public void Advance(TimeSpan delta)
    {
        if (delta < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "Time only moves forward.");
        }

        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + delta;
        }

        while (true)
        {
            ManualTimer? due;
            lock (_gate)
            {
                due = null;
                foreach (var timer in _timers)
                {
                    if (timer.DueAt <= target && (due is null || timer.DueAt < due.DueAt))
                    {
                        due = timer;
                    }
                }

                if (due is null)
                {
                    _now = target;
                    return;
                }

                _now = due.DueAt > _now ? due.DueAt : _now;
                due.Reschedule(_now);
                if (due.DueAt == DateTimeOffset.MaxValue)
                {
                    _timers.Remove(due);
                }
            }

            due.Fire();
        }
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset DueAt { get; private set; } = DateTimeOffset.MaxValue;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                owner._timers.Remove(this);
                _period = period;
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : owner._now + dueTime;
                if (DueAt != DateTimeOffset.MaxValue)
                {
                    owner._timers.Add(this);
                    owner.ReleaseTimerWaiters();
                }
            }

            return true;
        }

        /// <summary>Called under the owner's lock when the timer fires: periodic timers move on, one-shots end.</summary>
        public void Reschedule(DateTimeOffset now) =>
            DueAt = _period == Timeout.InfiniteTimeSpan || _period <= TimeSpan.Zero ? DateTimeOffset.MaxValue : now + _period;

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._timers.Remove(this);
                DueAt = DateTimeOffset.MaxValue;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
