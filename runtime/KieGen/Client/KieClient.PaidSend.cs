using System;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KieGen.Requests;

namespace KieGen.Client;

public partial class KieClient
{
    /// <summary>
    /// Posts a paid request (a task create or a synchronous call) under the key's create limit and returns Kie's
    /// successful answer with the time it was sent. It is sent again only when Kie provably did not take it: a failure
    /// to connect, or a 429. A refused input throws <see cref="KieRequestRejectedException"/>; any other doubt (a
    /// timeout, a lost connection, a cancellation once sending, an unreadable answer, a 5xx) throws
    /// <see cref="KieSubmissionUnknownException"/>, never a second paid request.
    /// </summary>
    private async Task<(KieEnvelope Envelope, DateTimeOffset SentAt)> SendPaidAsync(
        KiePaidSend kind, KieModelInfo model, string path, byte[] body, string? callbackUrl, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            KieEnvelope envelope;
            var sentAt = _time.GetUtcNow();
            var sending = false;
            try
            {
                await using var turn = await _limiter.AcquireAsync(_createLimit, cancellationToken).ConfigureAwait(false);
                KieTelemetry.LimiterWait.Record(turn.Waited.TotalSeconds);
                sentAt = _time.GetUtcNow();
                sending = true;
                envelope = await SendAsync(HttpMethod.Post, _options.BaseAddress, path, null, body, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (NeverSent(e))
            {
                if (attempt > _options.SubmitRetries)
                {
                    throw new KieServerException(kind.NotConnected(model.ModelId), null, null, null, null, e);
                }

                var delay = Backoff(attempt);
                kind.LogNotSent(_logger, model.ModelId, delay, attempt);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or TimeoutException || (e is OperationCanceledException && sending))
            {
                // Cancelled or failed after the request may have reached Kie: it may have been carried out and billed,
                // so the caller gets what is needed to reconcile instead of a bare cancellation.
                kind.LogUnknown(_logger, e, model.ModelId);
                throw kind.Unknown(model.ModelId, sentAt, callbackUrl, null, null, null, e);
            }

            if (kind.IsSuccess(envelope))
            {
                return (envelope, sentAt);
            }

            if (envelope.ErrorCode == 429)
            {
                KieTelemetry.RateLimited.Add(1);
                if (attempt <= _options.SubmitRetries)
                {
                    var delay = RetryDelay(envelope, attempt);
                    kind.LogRateLimited(_logger, model.ModelId, delay, attempt);
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }
            }

            if (KieCreateReply.RejectsInput(envelope))
            {
                throw new KieRequestRejectedException(
                    $"{kind.Verb} '{model.ModelId}' failed: HTTP {(int)envelope.HttpStatus}, code {envelope.Code}: {envelope.Message}. {kind.RefusedTail}",
                    envelope.HttpStatus, envelope.Code, envelope.Message);
            }

            if (envelope.ErrorCode >= 500)
            {
                kind.LogUnknown(_logger, null, model.ModelId);
                throw kind.Unknown(model.ModelId, sentAt, callbackUrl, envelope.HttpStatus, envelope.Code, envelope.Message, null);
            }

            throw envelope.ToException($"{kind.Verb} '{model.ModelId}'");
        }
    }
}
