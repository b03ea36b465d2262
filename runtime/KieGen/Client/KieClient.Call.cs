using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KieGen.Requests;

namespace KieGen.Client;

public partial class KieClient
{
    /// <summary>
    /// Calls one of Kie's synchronous endpoints (Gemini Omni Audio, Suno's style boost, ...) and returns its result:
    /// no task, nothing to poll. The request is validated first (<see cref="Validation.KieValidationException"/> before
    /// anything is sent when it has errors, or any finding under <see cref="KieClientOptions.StrictValidation"/>;
    /// warnings are logged and the request is sent), then posted under the key's create limit. A call may be paid
    /// (Kie charged a style boost 0.4 credits), so it is retried only when Kie provably did not take it: a 429, or a
    /// failure to connect. Any other doubt (a timeout, a lost connection, a 5xx) ends in
    /// <see cref="KieSubmissionUnknownException"/>, never in a second call.
    /// </summary>
    /// <typeparam name="TResult">The request's result type: generated from its schema's <c>output</c>, else <see cref="JsonElement"/>.</typeparam>
    /// <param name="request">A generated request of a synchronous endpoint.</param>
    /// <param name="cancellationToken">
    /// Stops waiting for a slot (<see cref="OperationCanceledException"/>: nothing was sent). Once the call may have
    /// reached Kie, cancelling ends in <see cref="KieSubmissionUnknownException"/> (its inner exception the cancellation).
    /// </param>
    /// <returns>Kie's <c>data</c>, read as <typeparamref name="TResult"/>.</returns>
    /// <exception cref="ArgumentException">The request is not a synchronous call (use <see cref="SubmitAsync{TRequest}(TRequest, string, CancellationToken)"/>).</exception>
    /// <exception cref="KieApiException">Kie answered with an error (typed as for <see cref="SubmitAsync{TRequest}(TRequest, string, CancellationToken)"/>).</exception>
    /// <exception cref="KieUnreadableResultException">Kie answered success, but its <c>data</c> does not match the output schema.</exception>
    public virtual async Task<TResult> CallAsync<TResult>(IKieCallRequest<TResult> request, CancellationToken cancellationToken = default)
    {
        ThrowIfForMocking();
        ArgumentNullException.ThrowIfNull(request);
        var model = request.ModelInfo;
        if (model.CallPath is not { } path)
        {
            throw new ArgumentException($"'{model.ModelId}' creates a task at {model.CreatePath}, it is not a synchronous call: use SubmitAsync or SubmitAndWaitAsync.", nameof(request));
        }

        EnsureSendable(request, model);
        KieApiPath.Ensure(path, nameof(request));
        var body = request.ToJsonBody();
        using var activity = KieTelemetry.Source.StartActivity("kie.call");
        activity?.SetTag("kie.model", model.ModelId);
        // The same gate and policy as createTask: a synchronous call is a paid create of another kind.
        var (envelope, _) = await SendPaidAsync(KiePaidSend.Call, model, path, body, null, cancellationToken).ConfigureAwait(false);
        KieTelemetry.Calls.Add(1, new KeyValuePair<string, object?>("kie.model", model.ModelId));
        KieLog.Called(_logger, model.ModelId);
        if (!request.TryReadResult(envelope.Data, out var result, out var errors))
        {
            throw new KieUnreadableResultException(model.ModelId, envelope.Data, errors.Where(e => e.IsError).ToList());
        }

        return result;
    }
}
