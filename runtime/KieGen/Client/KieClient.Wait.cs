using System;
using System.Threading;
using System.Threading.Tasks;
using KieGen.Requests;
using KieGen.Tasks;

namespace KieGen.Client;

public partial class KieClient
{
    /// <summary>
    /// Polls the task until it finishes, following Kie's guidance (frequent in the first 30 s, slower later, slower
    /// for videos than for images), with jitter, or every <see cref="KieClientOptions.PollInterval"/> when set, under
    /// the key's shared status limit. Transient errors are retried.
    /// </summary>
    /// <param name="task">The task.</param>
    /// <param name="progress">Receives the state (and progress where Kie reports it) whenever it changes.</param>
    /// <param name="timeout">How long to wait; <see cref="KieClientOptions.WaitTimeout"/> when null.</param>
    /// <param name="cancellationToken">Stops waiting; the task itself goes on.</param>
    /// <returns>The results.</returns>
    /// <exception cref="KieTaskFailedException">The task failed (including a failure code in a status reply's body).</exception>
    /// <exception cref="KieWaitTimeoutException">The time ran out; the task can still be resumed.</exception>
    /// <exception cref="KieTaskNotFoundException">
    /// Kie does not know the task (never retried as transient; a task this client created is given
    /// <see cref="KieClientOptions.NotVisibleGracePeriod"/> to appear first, a task resumed from its id none).
    /// </exception>
    /// <exception cref="KieApiException">
    /// Kie answered with an error that is not transient, or transient errors went on for 8 polls in a row
    /// (<see cref="KieTransportException"/> when Kie could not be reached or read, <see cref="KieServerException"/> for 5xx).
    /// A 404 or 422 within <see cref="KieClientOptions.NotVisibleGracePeriod"/> of the create call is waited out.
    /// </exception>
    public virtual async Task<KieTaskResult> WaitForCompletionAsync(KieTask task, IProgress<KieTaskProgress>? progress = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ThrowIfForMocking();
        ArgumentNullException.ThrowIfNull(task);
        var limit = timeout ?? _options.WaitTimeout;
        var deadline = _time.GetUtcNow() + limit;
        using var activity = KieTelemetry.Source.StartActivity("kie.wait");
        activity?.SetTag("kie.task_id", task.TaskId);
        activity?.SetTag("kie.model", task.ModelId);
        KieTaskStatus? last = null;
        var failures = 0;
        // With callbacks, the callback endpoint confirms the outcome and publishes it; this wait only polls when
        // no news has come for a while (Kie stops delivering after 3 failed attempts).
        var viaCallbacks = _options.Callbacks.PublicBaseUrl is not null
            && await _store.FindByTaskIdAsync(task.TaskId, cancellationToken).ConfigureAwait(false) is not null;
        var heard = viaCallbacks ? _notifier.WaitAsync(task.TaskId, cancellationToken) : null;
        while (true)
        {
            KieTaskStatus status;
            try
            {
                if (heard is not null)
                {
                    var fallback = Task.Delay(Min(_options.Callbacks.FallbackPollInterval, deadline - _time.GetUtcNow()), _time, cancellationToken);
                    if (await Task.WhenAny(heard, fallback).ConfigureAwait(false) == heard)
                    {
                        status = await heard.ConfigureAwait(false);
                        heard = status.IsTerminal ? null : _notifier.WaitAsync(task.TaskId, cancellationToken);
                    }
                    else
                    {
                        await fallback.ConfigureAwait(false);
                        status = await GetStatusAsync(task, cancellationToken).ConfigureAwait(false);
                    }
                }
                else
                {
                    status = await GetStatusAsync(task, cancellationToken).ConfigureAwait(false);
                }

                failures = 0;
            }
            catch (Exception e) when (IsTransient(e) && failures < 8)
            {
                failures++;
                var retry = e is KieRateLimitedException { RetryAfter: { } after } && after < _options.MaxRetryAfter ? after : Backoff(failures + 1);
                KieLog.StatusRetry(_logger, e, task.TaskId, retry);
                await Task.Delay(retry, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (KieApiException e) when (e is KieNotFoundException or KieRequestRejectedException or KieTaskNotFoundException && NotYetVisible(task))
            {
                // Right after its create call a task may not be visible yet (404, or 422 "recordInfo is null").
                var retry = NextPoll(task.ResultKind, _time.GetUtcNow() - task.CreatedAt);
                KieLog.StatusRetry(_logger, e, task.TaskId, retry);
                await Task.Delay(retry, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var now = _time.GetUtcNow();
            if (last is null || last.State != status.State || last.RawState != status.RawState || last.Progress != status.Progress)
            {
                KieLog.Polled(_logger, task.TaskId, task.ModelId, status.State, status.RawState);
                progress?.Report(new KieTaskProgress(task, status.State, status.RawState, status.Progress, now - task.CreatedAt));
            }

            last = status;
            if (status.IsTerminal)
            {
                KieTelemetry.TimeToComplete.Record((now - task.CreatedAt).TotalSeconds, new System.Collections.Generic.KeyValuePair<string, object?>("kie.state", status.State.ToString()));
                if (status.CreditsConsumed is { } credits)
                {
                    KieTelemetry.CreditsConsumed.Add(credits, new System.Collections.Generic.KeyValuePair<string, object?>("kie.model", task.ModelId));
                }

                KieLog.Finished(_logger, task.TaskId, task.ModelId, status.State, now - task.CreatedAt);
                if (viaCallbacks)
                {
                    await _store.CompleteAsync(task.TaskId, CancellationToken.None).ConfigureAwait(false);
                }

                return status.State == KieTaskState.Succeeded
                    ? status.Result!
                    : throw new KieTaskFailedException(task.TaskId, task.ModelId, status.FailCode, status.FailMessage);
            }

            if (now >= deadline)
            {
                throw new KieWaitTimeoutException(task.TaskId, limit, status.State);
            }

            if (heard is not null)
            {
                continue;
            }

            var delay = NextPoll(task.ResultKind, now - task.CreatedAt);
            await Task.Delay(now + delay > deadline ? deadline - now : delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Submits and waits: <see cref="SubmitAsync{TRequest}"/> then <see cref="WaitForCompletionAsync"/>, through those
    /// virtual operations, so a subclass that overrides the two gets this one as well.
    /// </summary>
    public virtual async Task<KieTaskResult> SubmitAndWaitAsync<TRequest>(TRequest request, IProgress<KieTaskProgress>? progress = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TRequest : IKieRequest
    {
        var task = await SubmitAsync(request, null, cancellationToken).ConfigureAwait(false);
        return await WaitForCompletionAsync(task, progress, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Kie's polling guidance (first 30 s every 2-3 s, then 5-10 s, after 2 min 15-30 s), shifted by what the task
    /// makes: images finish in seconds, videos in minutes. ±20 % jitter spreads many waiting tasks apart.
    /// </summary>
    internal static TimeSpan PollInterval(KieResultKind kind, TimeSpan elapsed)
    {
        var seconds = kind switch
        {
            KieResultKind.Image or KieResultKind.Text or KieResultKind.Object => elapsed < TimeSpan.FromSeconds(30) ? 2 : elapsed < TimeSpan.FromMinutes(2) ? 5 : 15,
            KieResultKind.Video => elapsed < TimeSpan.FromSeconds(30) ? 3 : elapsed < TimeSpan.FromMinutes(2) ? 10 : 30,
            _ => elapsed < TimeSpan.FromSeconds(30) ? 3 : elapsed < TimeSpan.FromMinutes(2) ? 8 : 20,
        };
        return TimeSpan.FromSeconds(seconds * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }

    /// <summary>The pause before the next poll: <see cref="KieClientOptions.PollInterval"/> when set, Kie's guidance otherwise.</summary>
    private TimeSpan NextPoll(KieResultKind kind, TimeSpan elapsed) => _options.PollInterval ?? PollInterval(kind, elapsed);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? (a > TimeSpan.Zero ? a : TimeSpan.Zero) : (b > TimeSpan.Zero ? b : TimeSpan.Zero);

    private static bool IsTransient(Exception e) => e is KieTransportException or KieRateLimitedException or KieMaintenanceException or KieServerException;

    /// <summary>Whether the task was created so recently that Kie may not show it yet.</summary>
    /// <remarks>A task resumed from its id alone existed before this client saw it: no grace.</remarks>
    private bool NotYetVisible(KieTask task) => !task.Resumed && _time.GetUtcNow() - task.CreatedAt < _options.NotVisibleGracePeriod;
}
