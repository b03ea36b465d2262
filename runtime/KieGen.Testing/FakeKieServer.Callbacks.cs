using System;
using System.Buffers;
using System.Globalization;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace KieGen.Testing;

public sealed partial class FakeKieServer
{
    /// <summary>Fired by a task's timer: delivers on the thread pool so advancing a manual clock never blocks on HTTP.</summary>
    private void StartDelivery(FakeTask task, string stage, DateTimeOffset due)
    {
        Interlocked.Increment(ref _pendingCallbacks);
        _ = Task.Run(async () =>
        {
            try
            {
                // System timers may fire a few milliseconds before the wall clock reaches the due time; a callback
                // must never arrive before the status it announces. The remaining time is read once per turn: the
                // clock may pass the due time between two reads, and a negative delay would throw and drop the callback.
                for (var left = due - _options.TimeProvider.GetUtcNow(); left > TimeSpan.Zero; left = due - _options.TimeProvider.GetUtcNow())
                {
                    await Task.Delay(left, _options.TimeProvider).ConfigureAwait(false);
                }

                for (var copy = 0; copy <= _options.DuplicateCallbacks; copy++)
                {
                    await DeliverAsync(task, stage).ConfigureAwait(false);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _pendingCallbacks);
            }
        });
    }

    /// <summary>One delivery: the first attempt and up to <see cref="FakeKieOptions.CallbackRetries"/> retries.</summary>
    private async Task DeliverAsync(FakeTask task, string stage)
    {
        var time = _options.TimeProvider;
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            FamilyShapes.WriteCallback(writer, task, stage, time.GetUtcNow());
        }

        var body = Encoding.UTF8.GetString(buffer.WrittenSpan);
        for (var attempt = 1; attempt <= 1 + _options.CallbackRetries; attempt++)
        {
            var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var signature = _options.WebhookHmacKey is { } key ? SignCallback(key, task.TaskId, timestamp) : null;
            using var request = new HttpRequestMessage(HttpMethod.Post, task.CallbackUrl)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            if (signature is not null)
            {
                request.Headers.Add("X-Webhook-Timestamp", timestamp);
                request.Headers.Add("X-Webhook-Signature", signature);
            }

            int? status = null;
            string? error = null;
            try
            {
                using var timeout = new CancellationTokenSource(_options.CallbackTimeout);
                using var response = await _outbound.SendAsync(request, timeout.Token).ConfigureAwait(false);
                status = (int)response.StatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                error = e.GetType().Name + ": " + e.Message;
            }

            var delivery = new CallbackDelivery(task.TaskId, stage, task.CallbackUrl!, body, signature is null ? null : timestamp, signature, attempt, status, error);

            // The retry's timer exists before the attempt is visible, so a test that sees the attempt and then
            // advances a manual clock always moves the retry along.
            var retry = !delivery.Delivered && attempt <= _options.CallbackRetries
                ? Task.Delay(_options.CallbackRetryDelay, time)
                : null;
            lock (_gate)
            {
                _callbacks.Add(delivery);
            }

            if (retry is null)
            {
                return;
            }

            await retry.ConfigureAwait(false);
        }
    }
}
