using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KieGen.Callbacks;
using KieGen.Requests;
using KieGen.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KieGen.Client;

/// <summary>
/// The Kie client: submits typed requests under Kie's rate limit, waits for tasks with polite polling, reads every
/// family's results in one shape, downloads and uploads files. Thread-safe; share one per application. Every client
/// of one key in the process shares the key's limits.
/// </summary>
/// <remarks>
/// Every operation is virtual, so code that calls Kie can be unit-tested with a subclass that overrides what the code
/// uses (made with the protected constructor, results built by <see cref="KieModelFactory"/>); the class can gain
/// operations without breaking such subclasses.
/// </remarks>
public partial class KieClient : IDisposable
{
    /// <summary>The name of the HttpClient that <c>AddKieClient</c> registers.</summary>
    public const string HttpClientName = "KieGen";

    private readonly KieClientOptions _options;
    private readonly Func<HttpClient> _http;
    private readonly HttpClient? _ownedHttp;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly string _apiKey;
    private readonly IKieRateLimiter _limiter;
    private readonly KieRateLimit _createLimit;
    private readonly KieRateLimit _statusLimit;
    private readonly IKieTaskStore _store;
    private readonly IKieCompletionNotifier _notifier;
    private readonly bool _keyByHandler;
    private readonly bool _forMocking;

    /// <summary>Creates a client; the key comes from <paramref name="options"/> or the <c>KIE_API_KEY</c> variable.</summary>
    /// <param name="options">Where and how to call Kie.</param>
    /// <param name="httpClient">The HttpClient to use; one is created (and disposed with the client) when null.</param>
    /// <param name="logger">Where events go; nowhere when null.</param>
    /// <param name="timeProvider">The clock for limits, polling and timeouts of waits; the system clock when null.</param>
    public KieClient(KieClientOptions options, HttpClient? httpClient = null, ILogger<KieClient>? logger = null, TimeProvider? timeProvider = null)
        : this(options, httpClient is null ? null : () => httpClient, logger, timeProvider, null, null, keyByHandler: false)
    {
    }

    /// <summary>
    /// Creates a client whose callback-driven waits share task state and completions with a callback endpoint
    /// (<c>MapKieCallbacks</c> in KieGen.AspNetCore) through <paramref name="store"/> and <paramref name="notifier"/>.
    /// </summary>
    public KieClient(KieClientOptions options, IKieTaskStore store, IKieCompletionNotifier notifier, HttpClient? httpClient = null, ILogger<KieClient>? logger = null, TimeProvider? timeProvider = null)
        : this(options, httpClient is null ? null : () => httpClient, logger, timeProvider, store ?? throw new ArgumentNullException(nameof(store)), notifier ?? throw new ArgumentNullException(nameof(notifier)), keyByHandler: false)
    {
    }

    /// <summary>
    /// For mocking: a client with no connection to Kie, for a test's subclass that overrides the operations the code
    /// under test calls (returning results made by <see cref="KieModelFactory"/>). Any operation the subclass does not
    /// override throws <see cref="InvalidOperationException"/> naming it.
    /// </summary>
    protected KieClient()
    {
        // Nothing here is used: every operation calls ThrowIfForMocking before it touches a field.
        _forMocking = true;
        _options = null!;
        _http = null!;
        _logger = NullLogger.Instance;
        _time = TimeProvider.System;
        _apiKey = null!;
        _limiter = null!;
        _createLimit = null!;
        _statusLimit = null!;
        _store = null!;
        _notifier = null!;
    }

    // keyByHandler: the HttpClient comes from HttpClientFactory with KieAuthorizationHandler, which attaches the key.
    internal KieClient(KieClientOptions options, Func<HttpClient>? http, ILogger? logger, TimeProvider? timeProvider, IKieTaskStore? store, IKieCompletionNotifier? notifier, bool keyByHandler, IKieRateLimiter? limiter = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _apiKey = options.ResolveApiKey() ?? throw new InvalidOperationException(
            $"No Kie API key: set KieClientOptions.ApiKey, the configuration value {KieClientOptions.SectionName}:ApiKey, or the {KieClientOptions.ApiKeyVariable} environment variable.");
        KieClientOptionsValidator.ThrowIfInvalid(options);
        _keyByHandler = keyByHandler;
        if (http is null)
        {
            // Redirects are followed by DownloadAsync, which checks each hop's scheme.
            _ownedHttp = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
            http = () => _ownedHttp;
        }

        _http = http;
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _limiter = limiter ?? new InProcessKieRateLimiter(_time);
        var keyId = KieRateGate.KeyId(_apiKey);
        _createLimit = new KieRateLimit(keyId, KieRateLimit.Create, options.CreateLimit, options.CreateWindow);
        _statusLimit = new KieRateLimit(keyId, KieRateLimit.Status, options.StatusLimitPerSecond, TimeSpan.FromSeconds(1));
        _store = store ?? new InMemoryKieTaskStore(_time);
        _notifier = notifier ?? new InMemoryKieCompletionNotifier(_time);
    }

    /// <summary>The options in use.</summary>
    public virtual KieClientOptions Options
    {
        get
        {
            ThrowIfForMocking();
            return _options;
        }
    }

    /// <summary>The Kie API address the client calls (<see cref="KieClientOptions.BaseAddress"/>), for metadata and logs.</summary>
    public virtual Uri BaseAddress
    {
        get
        {
            ThrowIfForMocking();
            return _options.BaseAddress;
        }
    }

    /// <summary>
    /// Validates <paramref name="request"/> (throwing <see cref="Validation.KieValidationException"/> before anything is
    /// sent when it has errors, or any finding under <see cref="KieClientOptions.StrictValidation"/>; warnings are
    /// logged and the request is sent), waits for a slot under the key's create limit, and creates the task. A 429 or a failure to connect is
    /// retried (both prove nothing was created); any other doubt ends in <see cref="KieSubmissionUnknownException"/>,
    /// never in a second task.
    /// </summary>
    /// <param name="request">A generated request.</param>
    /// <param name="callbackUrl">
    /// Where Kie posts the result; required by some families (Suno). When null and callbacks are configured
    /// (<see cref="KieCallbackOptions.PublicBaseUrl"/>), the client adds its own, with a per-task correlation value.
    /// </param>
    /// <param name="cancellationToken">
    /// Stops waiting for a slot (<see cref="OperationCanceledException"/>: nothing was sent). Once the create request
    /// may have reached Kie, cancelling ends in <see cref="KieSubmissionUnknownException"/> (its inner exception the
    /// cancellation), as a task may exist.
    /// </param>
    public virtual async Task<KieTask> SubmitAsync<TRequest>(TRequest request, string? callbackUrl = null, CancellationToken cancellationToken = default)
        where TRequest : IKieRequest
    {
        ThrowIfForMocking();
        ArgumentNullException.ThrowIfNull(request);
        var model = request.ModelInfo;
        if (model.IsSynchronous)
        {
            throw new ArgumentException($"'{model.ModelId}' is a synchronous call ({model.CallPath}): Kie answers it at once and creates no task; use CallAsync.", nameof(request));
        }

        EnsureSendable(request, model);
        KieApiPath.Ensure(model.CreatePath, nameof(request));
        KieTaskRecord? record = null;
        if (callbackUrl is null && _options.Callbacks.PublicBaseUrl is not null)
        {
            // Saved before the create call: a callback for a task whose create answer was lost still finds its model.
            var correlation = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            record = new KieTaskRecord(correlation, null, model.ModelId, model.Family, model.ResultKind, model.StatusPath, _time.GetUtcNow());
            await _store.SaveAsync(record, cancellationToken).ConfigureAwait(false);
            callbackUrl = _options.Callbacks.CallbackUrl(correlation);
        }

        if (model.CallbackRequired && callbackUrl is null)
        {
            throw new ArgumentException($"Kie requires a callback URL ({model.CallbackField}) for '{model.ModelId}'.", nameof(callbackUrl));
        }

        var body = request.ToJsonBody(callbackUrl);
        using var activity = KieTelemetry.Source.StartActivity("kie.submit");
        activity?.SetTag("kie.model", model.ModelId);
        var (envelope, sentAt) = await SendPaidAsync(KiePaidSend.Create, model, model.CreatePath, body, callbackUrl, cancellationToken).ConfigureAwait(false);
        var taskId = envelope.Data.ValueKind == JsonValueKind.Object && envelope.Data.TryGetProperty("taskId", out var id) ? id.GetString() : null;
        if (string.IsNullOrEmpty(taskId))
        {
            throw new KieSubmissionUnknownException(model.ModelId, sentAt, callbackUrl, envelope.HttpStatus, envelope.Code, "success without a taskId", null);
        }

        KieTelemetry.Submissions.Add(1, new System.Collections.Generic.KeyValuePair<string, object?>("kie.model", model.ModelId));
        activity?.SetTag("kie.task_id", taskId);
        KieLog.Submitted(_logger, model.ModelId, taskId);
        if (record is not null)
        {
            await _store.SaveAsync(record with { TaskId = taskId, CreatedAt = sentAt }, CancellationToken.None).ConfigureAwait(false);
        }

        // Since October 2026 Kie also answers a recordId; the taskId stays the polling key.
        var recordId = envelope.Data.TryGetProperty("recordId", out var rid) && rid.ValueKind == JsonValueKind.String ? rid.GetString() : null;
        return new KieTask(taskId, model.ModelId, model.Family, model.ResultKind, model.StatusPath, sentAt) { RecordId = recordId };
    }

    /// <summary>
    /// Reads the task's status once (under the key's status limit). A failure code in the reply's body (501, 408)
    /// is the task's outcome: it comes back as a <see cref="KieTaskState.Failed"/> status with Kie's code and message.
    /// </summary>
    /// <exception cref="KieTaskNotFoundException">Kie does not know the task (422 "recordInfo is null", or Suno's 200 with no data).</exception>
    /// <exception cref="KieApiException">Kie answered with an error.</exception>
    /// <exception cref="KieTransportException">Kie could not be reached in time, or its answer could not be read.</exception>
    public virtual async Task<KieTaskStatus> GetStatusAsync(KieTask task, CancellationToken cancellationToken = default)
    {
        ThrowIfForMocking();
        ArgumentNullException.ThrowIfNull(task);
        KieEnvelope envelope;
        await using (await _limiter.AcquireAsync(_statusLimit, cancellationToken).ConfigureAwait(false))
        {
            KieTelemetry.StatusCalls.Add(1);
            envelope = await ReadStatusAsync(task, cancellationToken).ConfigureAwait(false);
        }

        return KieStatusReply.Read(task, envelope, _time.GetUtcNow());
    }

    /// <summary>Resumes a task from a token made by <see cref="KieTask.ToToken"/>, in this or another process.</summary>
    public virtual KieTask GetTask(string token)
    {
        ThrowIfForMocking();
        return KieTask.FromToken(token);
    }

    /// <summary>
    /// Resumes a task from its id and its model (e.g. <c>Veo3_1GenerateRequest.KieModel</c>). Nothing is sent: an id
    /// Kie does not know surfaces on the first status read or wait as <see cref="KieTaskNotFoundException"/>, at once
    /// (a task resumed from its id gets no <see cref="KieClientOptions.NotVisibleGracePeriod"/>).
    /// </summary>
    public virtual KieTask GetTask(string taskId, KieModelInfo model)
    {
        ThrowIfForMocking();
        ArgumentNullException.ThrowIfNull(model);
        if (model.IsSynchronous)
        {
            throw new ArgumentException($"'{model.ModelId}' is a synchronous call: it has no tasks to resume.", nameof(model));
        }

        return new KieTask(taskId, model.ModelId, model.Family, model.ResultKind, model.StatusPath, _time.GetUtcNow()) { Resumed = true };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    public override string ToString() => _forMocking ? $"{GetType().Name} (a KieClient made for mocking)" : $"KieClient for {_options.BaseAddress}";

    /// <summary>Releases the HttpClient the client created for itself (one it was given belongs to the giver).</summary>
    /// <param name="disposing">False when called from a finalizer: nothing managed is touched then.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _ownedHttp?.Dispose();
        }
    }

    /// <summary>
    /// First in every operation: a client made by the protected constructor has nothing to call Kie with, so an
    /// operation the test's subclass did not override says so, instead of failing on a missing field.
    /// </summary>
    private void ThrowIfForMocking([CallerMemberName] string operation = "")
    {
        if (_forMocking)
        {
            throw new InvalidOperationException(
                $"{GetType().Name}.{operation} is not overridden, and this KieClient was made by the protected constructor for mocking, so it cannot call Kie. " +
                $"Override {operation} in {GetType().Name}, or use a real client (new KieClient(options), or AddKieClient).");
        }
    }

    /// <summary>
    /// One HTTP call to a Kie endpoint path (validated, so it cannot name another host), with the key in the
    /// Authorization header (never in the URL) and the request timeout on the client's clock.
    /// </summary>
    private async Task<KieEnvelope> SendAsync(HttpMethod method, Uri baseAddress, string path, string? query, object? content, CancellationToken cancellationToken)
    {
        KieApiPath.Ensure(path, nameof(path));
        var uri = new Uri(baseAddress, path.TrimStart('/') + query);
        if (!KieAuthorization.IsKieAddress(uri, _options))
        {
            throw new InvalidOperationException($"Refusing to send a Kie request to {uri.GetLeftPart(UriPartial.Authority)}: not the configured Kie address.");
        }

        using var request = new HttpRequestMessage(method, uri);
        request.Options.Set(KieAuthorization.Wanted, true);
        if (!_keyByHandler)
        {
            KieAuthorization.Apply(request, _options, _apiKey);
        }

        request.Content = content switch
        {
            byte[] json => new ByteArrayContent(json) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
            HttpContent http => http,
            _ => null,
        };
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await _http().SendAsync(request, linked.Token).ConfigureAwait(false);
            return await KieEnvelope.ReadAsync(response, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"Kie did not answer within {_options.RequestTimeout}.", e);
        }
    }

    /// <summary>True when the connection was never made, so the request provably did not reach Kie.</summary>
    private static bool NeverSent(HttpRequestException e) =>
        e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError
        || (e.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused });

    /// <summary>Kie's Retry-After when it gave one (capped at <see cref="KieClientOptions.MaxRetryAfter"/>), else the backoff of the attempt.</summary>
    private TimeSpan RetryDelay(KieEnvelope envelope, int attempt) =>
        envelope.RetryAfter is { } after && after > TimeSpan.Zero
            ? (after < _options.MaxRetryAfter ? after : _options.MaxRetryAfter)
            : Backoff(attempt);

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(30_000, 500 * Math.Pow(2, attempt - 1)) * (0.8 + (Random.Shared.NextDouble() * 0.4)));

    /// <summary>
    /// Throws on the request's errors (every finding when strict); logs each warning, with the schema's reason, and
    /// lets the request go: a limit Kie's accepted traffic contradicts must never block a call Kie accepts.
    /// </summary>
    private void EnsureSendable(IKieRequest request, KieModelInfo model)
    {
        var findings = request.Validate();
        var blocking = KieGen.Requests.Support.KieCheck.Blocking(findings, _options.StrictValidation);
        if (blocking.Count > 0)
        {
            throw new Validation.KieValidationException(model.ModelId, blocking);
        }

        foreach (var finding in findings)
        {
            if (!finding.IsError)
            {
                KieLog.ValidationWarning(_logger, model.ModelId, finding.Path, finding.Message, finding.Reason ?? "");
            }
        }
    }
}
