using System;
using System.Threading;
using System.Threading.Tasks;

namespace KieGen.Client;

/// <summary>One of a key's limits: at most <paramref name="Limit"/> calls of one purpose per <paramref name="Window"/>.</summary>
/// <param name="KeyId">A hash of the API key (the key itself is never handed to a limiter).</param>
/// <param name="Purpose">What the calls do: <see cref="Create"/> or <see cref="Status"/>.</param>
/// <param name="Limit">Calls allowed per window.</param>
/// <param name="Window">The sliding window.</param>
public sealed record KieRateLimit(string KeyId, string Purpose, int Limit, TimeSpan Window)
{
    /// <summary>The purpose of create calls (Kie: 20 per 10 s).</summary>
    public const string Create = "create";

    /// <summary>The purpose of status calls (Kie: 10 per second).</summary>
    public const string Status = "status";

    /// <summary>The limit's identity: purpose, limit, window and key hash.</summary>
    public string Id => Purpose + ":" + Limit + ":" + Window.Ticks + ":" + KeyId;
}

/// <summary>
/// Holds a key's limits for every client that shares them: at most <see cref="KieRateLimit.Limit"/> calls in any
/// window, callers served in arrival order. The default, <see cref="InProcessKieRateLimiter"/>, covers the clients of
/// one process; a shared one (KieGen.PostgreSql) covers several instances of an app.
/// </summary>
public interface IKieRateLimiter
{
    /// <summary>Waits for the caller's turn; dispose the lease as soon as the call has finished (answered or failed).</summary>
    /// <param name="limit">Which limit.</param>
    /// <param name="cancellationToken">Stops waiting; nothing was sent, and the turn is given up.</param>
    ValueTask<IKieRateLease> AcquireAsync(KieRateLimit limit, CancellationToken cancellationToken = default);
}

/// <summary>A turn under a limit; disposing it records that the call finished.</summary>
public interface IKieRateLease : IAsyncDisposable
{
    /// <summary>How long the caller queued for it.</summary>
    TimeSpan Waited { get; }
}
