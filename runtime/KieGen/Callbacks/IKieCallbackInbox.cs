using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace KieGen.Callbacks;

/// <summary>A verified callback as the endpoint commits it: only what the signature covers, plus two hints.</summary>
/// <param name="TaskId">The task id (signed).</param>
/// <param name="Timestamp">X-Webhook-Timestamp (signed); with the task id, the delivery's identity.</param>
/// <param name="Correlation">The per-task value from the callback URL, to find a task whose create answer was lost.</param>
/// <param name="StageHint">Suno's unsigned <c>callbackType</c>: used only to report progress, never to decide an outcome.</param>
public sealed record KieCallbackReceipt(string TaskId, string Timestamp, string? Correlation, string? StageHint)
{
    /// <summary>The idempotency key of the delivery: exactly what Kie's signature covers.</summary>
    public string Key => TaskId + "." + Timestamp;
}

/// <summary>A callback in the inbox, waiting to be (or being) handled.</summary>
/// <param name="Id">The entry's id.</param>
/// <param name="Receipt">The callback.</param>
/// <param name="ReceivedAt">When it was committed.</param>
/// <param name="Attempts">Handling attempts started so far (counting the one this claim is for).</param>
/// <param name="LastError">Why the last attempt failed, if it did.</param>
public sealed record KieCallbackEntry(string Id, KieCallbackReceipt Receipt, DateTimeOffset ReceivedAt, int Attempts, string? LastError);

/// <summary>What <see cref="IKieCallbackInbox.AddAsync"/> did with a callback.</summary>
public enum KieCallbackAdmission
{
    /// <summary>Committed: it will be handled, at least once, by this or another instance.</summary>
    Accepted,

    /// <summary>The same signed delivery (task id and timestamp) was committed before; nothing more to do.</summary>
    Duplicate,

    /// <summary>The inbox is at its bound: refuse (503), and Kie delivers again later.</summary>
    Full,
}

/// <summary>
/// Where verified callbacks are committed before the endpoint answers 200, and handled from: at least once, with
/// retries and backoff, a dead-letter state after too many failures, and claims that lapse when the instance holding
/// them dies. In memory by default (<see cref="InMemoryKieCallbackInbox"/>); a durable one (a database table with
/// <c>FOR UPDATE SKIP LOCKED</c> claims) lets any instance, or a restarted one, pick up what another acknowledged.
/// </summary>
public interface IKieCallbackInbox
{
    /// <summary>Commits a verified callback; must be durable when it returns <see cref="KieCallbackAdmission.Accepted"/>.</summary>
    ValueTask<KieCallbackAdmission> AddAsync(KieCallbackReceipt receipt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="max"/> entries that are due and not claimed (or whose claim lapsed), for
    /// <paramref name="lease"/>; each claim counts as an attempt.
    /// </summary>
    ValueTask<IReadOnlyList<KieCallbackEntry>> ClaimAsync(int max, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>The entry was handled (or needs nothing): it leaves the inbox.</summary>
    ValueTask CompleteAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The attempt failed: the claim is released and the entry is due again at <paramref name="dueAt"/>.</summary>
    ValueTask RetryAsync(string id, DateTimeOffset dueAt, string error, CancellationToken cancellationToken = default);

    /// <summary>Too many failures: the entry is kept aside for inspection and never claimed again.</summary>
    ValueTask DeadLetterAsync(string id, string error, CancellationToken cancellationToken = default);

    /// <summary>The dead-lettered entries.</summary>
    ValueTask<IReadOnlyList<KieCallbackEntry>> DeadLettersAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether a confirmed outcome of the task has been handled already (a task's outcome is final).</summary>
    ValueTask<bool> IsHandledAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>Records that the handlers ran for this task and confirmed outcome; true the first time.</summary>
    ValueTask<bool> MarkHandledAsync(string taskId, string outcome, CancellationToken cancellationToken = default);
}
