using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace KieGen.Client;

/// <summary>
/// A sliding-window limiter on an injected clock: at most <c>limit</c> calls in any <c>window</c>, measured from when
/// each call <em>finished</em> (its answer proves it had reached Kie by then), so slow networks cannot bunch calls
/// up at Kie's end. Callers queue in arrival order: the k-th waits for the (k-limit)-th to finish, then one window.
/// Waiting costs one timer per caller and no thread.
/// </summary>
internal sealed class KieRateGate
{
    // Per clock, then per key: every client of a key shares one gate, and a test's fake clock gets gates of its own.
    private static readonly ConditionalWeakTable<TimeProvider, ConcurrentDictionary<string, KieRateGate>> Shared = new();

    private readonly object _gate = new();
    private readonly TaskCompletionSource<DateTimeOffset>?[] _ring;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private long _count;

    public KieRateGate(int limit, TimeSpan window, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        _ring = new TaskCompletionSource<DateTimeOffset>?[limit];
        // A small margin absorbs clock and network jitter.
        _window = window + (window / 100);
        _time = time;
    }

    /// <summary>The gate every client of one key and purpose shares in this process. The key is only kept as a hash.</summary>
    public static KieRateGate For(string apiKey, string purpose, int limit, TimeSpan window, TimeProvider time) =>
        For(new KieRateLimit(KeyId(apiKey), purpose, limit, window), time);

    /// <summary>The gate of one limit in this process.</summary>
    public static KieRateGate For(KieRateLimit limit, TimeProvider time) =>
        Shared.GetValue(time, _ => new ConcurrentDictionary<string, KieRateGate>(StringComparer.Ordinal))
            .GetOrAdd(limit.Id, _ => new KieRateGate(limit.Limit, limit.Window, time));

    /// <summary>The hash a key's limits are known by.</summary>
    public static string KeyId(string apiKey) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));

    /// <summary>Waits for this caller's turn. Dispose the lease when the call has finished (answered or failed).</summary>
    public async ValueTask<Lease> AcquireAsync(CancellationToken cancellationToken)
    {
        var mine = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        TaskCompletionSource<DateTimeOffset>? previous;
        lock (_gate)
        {
            var index = (int)(_count++ % _ring.Length);
            previous = _ring[index];
            _ring[index] = mine;
        }

        var start = _time.GetUtcNow();
        try
        {
            if (previous is not null)
            {
                var freedAt = await previous.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                var wait = freedAt + _window - _time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Not sent: hand the predecessor's time on, so the caller one window behind still counts it.
            if (previous is null)
            {
                mine.TrySetResult(DateTimeOffset.MinValue);
            }
            else
            {
                _ = previous.Task.ContinueWith(t => mine.TrySetResult(t.Result), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            throw;
        }

        return new Lease(mine, _time, _time.GetUtcNow() - start);
    }

    /// <summary>A turn at the gate; disposing it records when the call finished.</summary>
    public readonly struct Lease : IDisposable
    {
        private readonly TaskCompletionSource<DateTimeOffset> _done;
        private readonly TimeProvider _time;

        internal Lease(TaskCompletionSource<DateTimeOffset> done, TimeProvider time, TimeSpan waited)
        {
            _done = done;
            _time = time;
            Waited = waited;
        }

        /// <summary>How long the caller queued.</summary>
        public TimeSpan Waited { get; }

        public void Dispose() => _done?.TrySetResult(_time.GetUtcNow());
    }
}
