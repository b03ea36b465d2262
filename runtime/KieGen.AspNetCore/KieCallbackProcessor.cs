using System;
using System.IO;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using KieGen.Callbacks;
using KieGen.Client;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KieGen.AspNetCore;

/// <summary>A verified callback waiting to be confirmed.</summary>
internal sealed record KieCallbackItem(string TaskId, string Stage, string? Correlation);

/// <summary>
/// Receives callbacks (verify, queue, answer at once) and processes them in the background (match the task,
/// deduplicate, confirm with one status call, publish to waiters, run handlers).
/// </summary>
internal sealed partial class KieCallbackProcessor
{
    private const int MaxBody = 1024 * 1024;
    private readonly Channel<KieCallbackItem> _queue = Channel.CreateUnbounded<KieCallbackItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly KieWebhookVerifier _verifier;
    private readonly IServiceProvider _services;
    private readonly IKieTaskStore _store;
    private readonly IKieCompletionNotifier _notifier;
    private readonly KieCallbackHandlerOptions _handlerOptions;
    private readonly ILogger _logger;

    public KieCallbackProcessor(
        IOptions<KieClientOptions> options, IOptions<KieCallbackHandlerOptions> handlerOptions, IServiceProvider services,
        IKieTaskStore store, IKieCompletionNotifier notifier, ILogger<KieCallbackProcessor> logger, TimeProvider? time = null)
    {
        _verifier = new KieWebhookVerifier(options.Value.Callbacks, time);
        _services = services;
        _store = store;
        _notifier = notifier;
        _handlerOptions = handlerOptions.Value;
        _logger = logger;
    }

    public ChannelReader<KieCallbackItem> Queue => _queue.Reader;

    /// <summary>The endpoint: 400 for an unreadable body, 401 for a forged or stale one, else queued and 200 at once.</summary>
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

        var verification = _verifier.Verify(
            context.Request.Headers["X-Webhook-Timestamp"].ToString(),
            context.Request.Headers["X-Webhook-Signature"].ToString(),
            body);
        if (!verification.IsValid)
        {
            var status = verification.Failure is KieWebhookFailure.UnreadableBody or KieWebhookFailure.MissingTaskId ? 400 : 401;
            Rejected(_logger, verification.Failure, verification.TaskId);
            await AnswerAsync(context, status, status == 400 ? "Unreadable callback" : "Callback not authentic").ConfigureAwait(false);
            return;
        }

        var correlation = context.Request.Query[KieCallbackOptions.CorrelationParameter].ToString();
        _queue.Writer.TryWrite(new KieCallbackItem(verification.TaskId!, verification.Stage, correlation.Length > 0 ? correlation : null));
        await AnswerAsync(context, 200, "success").ConfigureAwait(false);
    }

    /// <summary>One verified callback: a hint that the task moved, confirmed against Kie before anything acts on it.</summary>
    public async Task ProcessAsync(KieCallbackItem item, CancellationToken cancellationToken)
    {
        var record = await _store.FindByTaskIdAsync(item.TaskId, cancellationToken).ConfigureAwait(false);
        if (record is null && item.Correlation is not null
            && await _store.FindByCorrelationAsync(item.Correlation, cancellationToken).ConfigureAwait(false) is { TaskId: null } pending)
        {
            // The create answer was lost, but the callback URL carries the correlation saved before the call.
            record = pending with { TaskId = item.TaskId };
            await _store.SaveAsync(record, cancellationToken).ConfigureAwait(false);
            MatchedByCorrelation(_logger, item.TaskId, record.ModelId);
        }

        if (record?.ToTask() is not { } task)
        {
            UnknownTask(_logger, item.TaskId);
            return;
        }

        if (item.Stage is "text" or "first")
        {
            // Suno reports lyrics and first-track stages before completion: progress, not the end.
            await _notifier.PublishAsync(new KieTaskStatus(task.TaskId, KieTaskState.Running, item.Stage, null, null, null, null), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!await _store.TryClaimAsync(task.TaskId, item.Stage, cancellationToken).ConfigureAwait(false))
        {
            Duplicate(_logger, task.TaskId, item.Stage);
            return;
        }

        KieTaskStatus status;
        try
        {
            status = await _services.GetRequiredService<KieClient>().GetStatusAsync(task, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is KieApiException or System.Net.Http.HttpRequestException or TimeoutException or System.Text.Json.JsonException)
        {
            await _store.ReleaseAsync(task.TaskId, item.Stage, CancellationToken.None).ConfigureAwait(false);
            ConfirmFailed(_logger, e, task.TaskId);
            return;
        }

        if (!status.IsTerminal)
        {
            // The body said done, Kie's status does not: the body is only a hint. Waiters keep their fallback polling.
            await _store.ReleaseAsync(task.TaskId, item.Stage, CancellationToken.None).ConfigureAwait(false);
            NotConfirmed(_logger, task.TaskId, status.KieState);
            return;
        }

        await _notifier.PublishAsync(status, cancellationToken).ConfigureAwait(false);
        await RunHandlersAsync(new KieTaskCompletion(task, status), cancellationToken).ConfigureAwait(false);
    }

    private async Task RunHandlersAsync(KieTaskCompletion completion, CancellationToken cancellationToken)
    {
        await using var scope = _services.CreateAsyncScope();
        foreach (var handler in scope.ServiceProvider.GetServices<IKieTaskHandler>())
        {
            try
            {
                await handler.HandleAsync(completion, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                HandlerFailed(_logger, e, handler.GetType().Name, completion.Task.TaskId);
            }
        }

        if (_handlerOptions.OnTaskCompleted is { } callback)
        {
            try
            {
                await callback(completion, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                HandlerFailed(_logger, e, nameof(KieCallbackHandlerOptions.OnTaskCompleted), completion.Task.TaskId);
            }
        }
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

    [LoggerMessage(22, LogLevel.Debug, "Duplicate callback for task {TaskId} ({Stage}); ignored")]
    private static partial void Duplicate(ILogger logger, string taskId, string stage);

    [LoggerMessage(23, LogLevel.Warning, "Could not confirm the callback of task {TaskId}; the waiter's polling will")]
    private static partial void ConfirmFailed(ILogger logger, Exception exception, string taskId);

    [LoggerMessage(24, LogLevel.Warning, "Callback says task {TaskId} finished, Kie's status says {KieState}; not completed")]
    private static partial void NotConfirmed(ILogger logger, string taskId, string kieState);

    [LoggerMessage(25, LogLevel.Error, "Handler {Handler} failed for task {TaskId}")]
    private static partial void HandlerFailed(ILogger logger, Exception exception, string handler, string taskId);

    [LoggerMessage(26, LogLevel.Information, "Matched a callback to task {TaskId} ({ModelId}) by its correlation value; its create answer had been lost")]
    private static partial void MatchedByCorrelation(ILogger logger, string taskId, string modelId);
}

/// <summary>Processes queued callbacks in the background, several at a time.</summary>
internal sealed class KieCallbackWorker(KieCallbackProcessor processor) : BackgroundService
{
    private const int Parallelism = 16;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(Parallelism);
        try
        {
            await foreach (var item in processor.Queue.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await processor.ProcessAsync(item, stoppingToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        slots.Release();
                    }
                }, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Let items already started finish (or see the cancellation) before the semaphore goes away.
        for (var i = 0; i < Parallelism; i++)
        {
            await slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
