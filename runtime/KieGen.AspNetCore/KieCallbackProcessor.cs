using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KieGen.Callbacks;
using KieGen.Client;
using KieGen.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KieGen.AspNetCore;

/// <summary>
/// Receives callbacks (verify, commit to the inbox, then answer) and handles inbox entries (match the task, confirm
/// with Kie's status, publish to waiters, run handlers once per task and confirmed outcome).
/// </summary>
internal sealed partial class KieCallbackProcessor
{
    private const int MaxBody = 1024 * 1024;
    private readonly KieWebhookVerifier _verifier;
    private readonly IServiceProvider _services;
    private readonly IKieTaskStore _store;
    private readonly IKieCompletionNotifier _notifier;
    private readonly IKieCallbackInbox _inbox;
    private readonly KieCallbackHandlerOptions _handlerOptions;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    // Entries of one task are handled one at a time in this process (gates striped by task id, so memory stays fixed):
    // a retried early callback and the task's next delivery never both pass the handled check before either marks it.
    private readonly SemaphoreSlim[] _taskGates = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public KieCallbackProcessor(
        IOptions<KieClientOptions> options, IOptions<KieCallbackHandlerOptions> handlerOptions, IServiceProvider services,
        IKieTaskStore store, IKieCompletionNotifier notifier, IKieCallbackInbox inbox, ILogger<KieCallbackProcessor> logger, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _verifier = new KieWebhookVerifier(options.Value.Callbacks, _time);
        _services = services;
        _store = store;
        _notifier = notifier;
        _inbox = inbox;
        _handlerOptions = handlerOptions.Value;
        _logger = logger;
    }

    public IKieCallbackInbox Inbox => _inbox;

    public KieCallbackHandlerOptions HandlerOptions => _handlerOptions;

    public TimeProvider Time => _time;

    /// <summary>Completes when a callback was committed since it was read: the worker looks for work again.</summary>
    public Task Woken => Volatile.Read(ref _wake).Task;

    /// <summary>
    /// The endpoint: 400 for an unreadable body, 401 for a forged or stale one, 503 when the inbox is full; a verified
    /// one is committed to the inbox first and only then answered 200 (a replay of a committed delivery too).
    /// </summary>
    public async Task ReceiveAsync(HttpContext context)
    {
        byte[] body;
        using (var buffer = new MemoryStream())
        {
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBody)
                {
                    await AnswerAsync(context, 413, "Callback body too large").ConfigureAwait(false);
                    return;
                }

                buffer.Write(chunk, 0, read);
            }

            body = buffer.ToArray();
        }

        var timestamp = context.Request.Headers["X-Webhook-Timestamp"].ToString();
        var verification = _verifier.Verify(timestamp, context.Request.Headers["X-Webhook-Signature"].ToString(), body);
        if (!verification.IsValid)
        {
            var status = verification.Failure is KieWebhookFailure.UnreadableBody or KieWebhookFailure.MissingTaskId ? 400 : 401;
            Rejected(_logger, verification.Failure, verification.TaskId);
            await AnswerAsync(context, status, status == 400 ? "Unreadable callback" : "Callback not authentic").ConfigureAwait(false);
            return;
        }

        var correlation = context.Request.Query[KieCallbackOptions.CorrelationParameter].ToString();
        var receipt = new KieCallbackReceipt(verification.TaskId!, timestamp.Trim(), correlation.Length > 0 ? correlation : null, verification.Stage);
        var admission = await _inbox.AddAsync(receipt, context.RequestAborted).ConfigureAwait(false);
        switch (admission)
        {
            case KieCallbackAdmission.Full:
                InboxFull(_logger, receipt.TaskId);
                context.Response.Headers.RetryAfter = "30";
                await AnswerAsync(context, 503, "Busy; deliver again later").ConfigureAwait(false);
                return;
            case KieCallbackAdmission.Duplicate:
                Duplicate(_logger, receipt.TaskId);
                break;
            default:
                Interlocked.Exchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                break;
        }

        await AnswerAsync(context, 200, "success").ConfigureAwait(false);
    }

    /// <summary>One claimed entry: handled and completed, or given back for a later attempt, or dead-lettered.</summary>
    public async Task ProcessAsync(KieCallbackEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await HandleAsync(entry.Receipt, cancellationToken).ConfigureAwait(false);
            await _inbox.CompleteAsync(entry.Id, CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the claim lapses and another instance (or this one, restarted) takes the entry.
        }
        catch (Exception e)
        {
            await GiveBackAsync(entry, e).ConfigureAwait(false);
        }
    }

    /// <summary>The worker could not claim entries (a durable inbox's database is away); it tries again later.</summary>
    public void ClaimFailed(Exception exception) => ClaimFailedLog(_logger, exception);

    /// <summary>A failed attempt: retried with backoff or dead-lettered; if even that fails, the claim lapses and the entry comes back.</summary>
    private async Task GiveBackAsync(KieCallbackEntry entry, Exception e)
    {
        try
        {
            var error = e.GetType().Name + ": " + e.Message;
            if (entry.Attempts >= _handlerOptions.MaxAttempts)
            {
                DeadLettered(_logger, e, entry.Receipt.TaskId, entry.Attempts);
                await _inbox.DeadLetterAsync(entry.Id, error, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                var delay = RetryDelay(entry.Attempts);
                AttemptFailed(_logger, e, entry.Receipt.TaskId, entry.Attempts, delay);
                await _inbox.RetryAsync(entry.Id, _time.GetUtcNow() + delay, error, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception inbox)
        {
            ClaimFailedLog(_logger, inbox);
        }
    }

    /// <summary>A verified callback: a hint that the task moved, confirmed against Kie before anything acts on it.</summary>
    private async Task HandleAsync(KieCallbackReceipt receipt, CancellationToken cancellationToken)
    {
        var record = await _store.FindByTaskIdAsync(receipt.TaskId, cancellationToken).ConfigureAwait(false);
        if (record is null && receipt.Correlation is not null
            && await _store.FindByCorrelationAsync(receipt.Correlation, cancellationToken).ConfigureAwait(false) is { TaskId: null } pending)
        {
            // The create answer was lost, but the callback URL carries the correlation saved before the call.
            record = pending with { TaskId = receipt.TaskId };
            await _store.SaveAsync(record, cancellationToken).ConfigureAwait(false);
            MatchedByCorrelation(_logger, receipt.TaskId, record.ModelId);
        }

        KieTask? task;
        try
        {
            task = record?.ToTask();
        }
        catch (ArgumentException e)
        {
            // A stored record whose status path is not a Kie endpoint: never called, never retried.
            BadRecord(_logger, e, receipt.TaskId);
            return;
        }

        if (task is null)
        {
            UnknownTask(_logger, receipt.TaskId);
            return;
        }

        if (receipt.StageHint is "text" or "first")
        {
            // Suno reports lyrics and first-track stages before completion: progress only, nothing is decided on it.
            await _notifier.PublishAsync(new KieTaskStatus(task.TaskId, KieTaskState.Running, receipt.StageHint, null, null, null, null), cancellationToken).ConfigureAwait(false);
            return;
        }

        var gate = _taskGates[(StringComparer.Ordinal.GetHashCode(task.TaskId) & int.MaxValue) % _taskGates.Length];
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ConfirmAndHandleAsync(task, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Confirms the outcome with Kie's status and runs the handlers, unless this task's outcome was handled.</summary>
    private async Task ConfirmAndHandleAsync(KieTask task, CancellationToken cancellationToken)
    {
        if (await _inbox.IsHandledAsync(task.TaskId, cancellationToken).ConfigureAwait(false))
        {
            Duplicate(_logger, task.TaskId);
            return;
        }

        // Throws on failure (5xx, 429, 455, timeouts): the entry is retried with backoff, the handlers are not dropped.
        var status = await _services.GetRequiredService<KieClient>().GetStatusAsync(task, cancellationToken).ConfigureAwait(false);
        if (!status.IsTerminal)
        {
            // The callback is signed by Kie, but its body is only a hint and Kie's status can lag it: the entry is
            // checked again with backoff (dead-lettered after the last attempt), so the handlers are not lost.
            throw new KieCallbackNotConfirmedException(task.TaskId, status.RawState);
        }

        await _notifier.PublishAsync(status, cancellationToken).ConfigureAwait(false);
        await RunHandlersAsync(new KieTaskCompletion(task, status), cancellationToken).ConfigureAwait(false);
        await _inbox.MarkHandledAsync(task.TaskId, status.State.ToString(), CancellationToken.None).ConfigureAwait(false);
        await _store.CompleteAsync(task.TaskId, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Runs every handler; if any failed, throws after all ran, so the whole completion is attempted again.</summary>
    private async Task RunHandlersAsync(KieTaskCompletion completion, CancellationToken cancellationToken)
    {
        List<Exception>? failures = null;
        await using (var scope = _services.CreateAsyncScope())
        {
            foreach (var handler in scope.ServiceProvider.GetServices<IKieTaskHandler>())
            {
                try
                {
                    await handler.HandleAsync(completion, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    HandlerFailed(_logger, e, handler.GetType().Name, completion.Task.TaskId);
                    (failures ??= new()).Add(e);
                }
            }
        }

        if (_handlerOptions.OnTaskCompleted is { } callback)
        {
            try
            {
                await callback(completion, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                HandlerFailed(_logger, e, nameof(KieCallbackHandlerOptions.OnTaskCompleted), completion.Task.TaskId);
                (failures ??= new()).Add(e);
            }
        }

        if (failures is not null)
        {
            throw failures.Count == 1 ? failures[0] : new AggregateException("Several handlers failed.", failures);
        }
    }

    /// <summary>Exponential backoff from <see cref="KieCallbackHandlerOptions.RetryDelay"/>, capped, with jitter.</summary>
    private TimeSpan RetryDelay(int attempts)
    {
        var step = _handlerOptions.RetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 20));
        var capped = Math.Min(step, _handlerOptions.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + (Random.Shared.NextDouble() * 0.2)));
    }

    private static Task AnswerAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync("{\"code\":" + status + ",\"msg\":\"" + message + "\"}", context.RequestAborted);
    }

    [LoggerMessage(20, LogLevel.Warning, "Rejected a Kie callback ({Failure}) for task {TaskId}")]
    private static partial void Rejected(ILogger logger, KieWebhookFailure failure, string? taskId);

    [LoggerMessage(21, LogLevel.Warning, "Verified callback for task {TaskId}, which this app did not submit; ignored")]
    private static partial void UnknownTask(ILogger logger, string taskId);

    [LoggerMessage(22, LogLevel.Debug, "Duplicate callback for task {TaskId}; ignored")]
    private static partial void Duplicate(ILogger logger, string taskId);

    [LoggerMessage(23, LogLevel.Warning, "Handling the callback of task {TaskId} failed (attempt {Attempt}); retrying in {Delay}")]
    private static partial void AttemptFailed(ILogger logger, Exception exception, string taskId, int attempt, TimeSpan delay);

    [LoggerMessage(25, LogLevel.Error, "Handler {Handler} failed for task {TaskId}")]
    private static partial void HandlerFailed(ILogger logger, Exception exception, string handler, string taskId);

    [LoggerMessage(26, LogLevel.Information, "Matched a callback to task {TaskId} ({ModelId}) by its correlation value; its create answer had been lost")]
    private static partial void MatchedByCorrelation(ILogger logger, string taskId, string modelId);

    [LoggerMessage(27, LogLevel.Error, "The callback of task {TaskId} failed {Attempts} times; dead-lettered")]
    private static partial void DeadLettered(ILogger logger, Exception exception, string taskId, int attempts);

    [LoggerMessage(28, LogLevel.Warning, "The callback inbox is full; refused the callback of task {TaskId} with 503 (Kie delivers again)")]
    private static partial void InboxFull(ILogger logger, string taskId);

    [LoggerMessage(30, LogLevel.Warning, "The callback inbox could not be read or updated; its claims lapse and the entries are tried again")]
    private static partial void ClaimFailedLog(ILogger logger, Exception exception);

    [LoggerMessage(29, LogLevel.Error, "The stored record of task {TaskId} is not usable; callback ignored")]
    private static partial void BadRecord(ILogger logger, Exception exception, string taskId);
}

/// <summary>
/// Handles inbox entries in the background: claims what is due (on start, too, so entries another instance left
/// behind are resumed once their claims lapse), several at a time, and sleeps until a callback arrives or the poll
/// interval passes.
/// </summary>
internal sealed class KieCallbackWorker(KieCallbackProcessor processor) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = processor.HandlerOptions;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var woken = processor.Woken;
                IReadOnlyList<KieCallbackEntry> batch;
                try
                {
                    batch = await processor.Inbox.ClaimAsync(options.Parallelism, options.ClaimLease, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // A durable inbox's database may be away for a while: try again after the poll interval.
                    processor.ClaimFailed(e);
                    batch = [];
                }

                if (batch.Count > 0)
                {
                    await Task.WhenAll(batch.Select(entry => processor.ProcessAsync(entry, stoppingToken))).ConfigureAwait(false);
                    continue;
                }

                using var sleep = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                await Task.WhenAny(woken, Task.Delay(options.PollInterval, processor.Time, sleep.Token)).ConfigureAwait(false);
                await sleep.CancelAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
