using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using KieGen.Requests;
using KieGen.Tasks;

namespace KieGen.Callbacks;

/// <summary>What the app knows of a submitted task: saved before the create call, completed with the id after it.</summary>
/// <param name="Correlation">The value in the task's callback URL, known before Kie answers.</param>
/// <param name="TaskId">Kie's id, once known (a lost create answer leaves it null until the callback arrives).</param>
/// <param name="ModelId">Model id or operation key.</param>
/// <param name="Family">API family.</param>
/// <param name="ResultKind">What it produces.</param>
/// <param name="StatusPath">The family's status endpoint.</param>
/// <param name="CreatedAt">When it was submitted.</param>
public sealed record KieTaskRecord(string Correlation, string? TaskId, string ModelId, KieApiFamily Family, KieResultKind ResultKind, string StatusPath, DateTimeOffset CreatedAt)
{
    /// <summary>The handle, once the id is known.</summary>
    public KieTask? ToTask() => TaskId is null ? null : new KieTask(TaskId, ModelId, Family, ResultKind, StatusPath, CreatedAt);
}

/// <summary>
/// Task state shared by the client and the callback endpoint. In memory by default; a deployment with several
/// instances plugs in a shared one (a database, Redis) with the same atomic claim.
/// </summary>
public interface IKieTaskStore
{
    /// <summary>Saves or replaces the record of a correlation value.</summary>
    ValueTask SaveAsync(KieTaskRecord record, CancellationToken cancellationToken = default);

    /// <summary>The record of a correlation value.</summary>
    ValueTask<KieTaskRecord?> FindByCorrelationAsync(string correlation, CancellationToken cancellationToken = default);

    /// <summary>The record of a task id.</summary>
    ValueTask<KieTaskRecord?> FindByTaskIdAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>Atomically claims (task, stage): true for exactly one caller, so a duplicate delivery is processed once.</summary>
    ValueTask<bool> TryClaimAsync(string taskId, string stage, CancellationToken cancellationToken = default);

    /// <summary>Gives a claim back (the callback's claim was not confirmed by Kie's status).</summary>
    ValueTask ReleaseAsync(string taskId, string stage, CancellationToken cancellationToken = default);

    /// <summary>
    /// The task finished (its outcome was confirmed and handled, or a wait saw it end): its record and claims may be
    /// forgotten after the store's retention. Stores that keep everything may ignore it.
    /// </summary>
    ValueTask CompleteAsync(string taskId, CancellationToken cancellationToken = default) => default;
}

