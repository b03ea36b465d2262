using System;
using System.Threading;
using System.Threading.Tasks;

namespace KieGen.Client;

/// <summary>
/// The default <see cref="IKieRateLimiter"/>: one gate per key and limit for the whole process (every client of a key
/// shares it), counting each window from when a call finished. Several instances of an app need a shared limiter.
/// </summary>
/// <param name="timeProvider">The clock the windows are measured on; the system clock when null.</param>
public sealed class InProcessKieRateLimiter(TimeProvider? timeProvider = null) : IKieRateLimiter
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public async ValueTask<IKieRateLease> AcquireAsync(KieRateLimit limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limit);
        var lease = await KieRateGate.For(limit, _time).AcquireAsync(cancellationToken).ConfigureAwait(false);
        return new Turn(lease);
    }

    private sealed class Turn(KieRateGate.Lease lease) : IKieRateLease
    {
        public TimeSpan Waited => lease.Waited;

        public ValueTask DisposeAsync()
        {
            lease.Dispose();
            return default;
        }
    }
}
