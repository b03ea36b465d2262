using System;
using System.Linq;
using System.Net;
using KieGen.Tasks;

namespace KieGen.Client;

/// <summary>
/// The base of every error the Kie client raises on its own: <see cref="KieApiException"/> (Kie answered with an
/// error, or could not be reached or read), <see cref="KieTaskFailedException"/> (the task ran and failed) and
/// <see cref="KieWaitTimeoutException"/> (a wait ended while the task goes on). Never carries the API key.
/// </summary>
public abstract class KieException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected KieException(string message, string? taskId, Exception? inner)
        : base(message, inner) => TaskId = taskId;

    /// <summary>The task concerned, when known.</summary>
    public string? TaskId { get; }
}

/// <summary>
/// Kie answered with an error: an HTTP status that is not 2xx, or a body <c>code</c> other than 200. Carries both,
/// Kie's message, and the task id where one is known. Never carries the API key. A task that failed or a wait that
/// ran out is not an API error: see <see cref="KieTaskFailedException"/> and <see cref="KieWaitTimeoutException"/>.
/// </summary>
public class KieApiException : KieException
{
    /// <summary>Creates the exception.</summary>
    public KieApiException(string message, HttpStatusCode? httpStatus, int? code, string? kieMessage, string? taskId = null, Exception? inner = null)
        : base(message, taskId, inner)
    {
        HttpStatus = httpStatus;
        Code = code;
        KieMessage = kieMessage;
    }

    /// <summary>The HTTP status, when a response arrived.</summary>
    public HttpStatusCode? HttpStatus { get; }

    /// <summary>The body's <c>code</c>, when the body had one.</summary>
    public int? Code { get; }

    /// <summary>Kie's own text (<c>msg</c> or <c>message</c>).</summary>
    public string? KieMessage { get; }
}

/// <summary>401: the API key is missing or wrong.</summary>
public sealed class KieAuthenticationException(string message, HttpStatusCode? httpStatus, int? code, string? kieMessage)
    : KieApiException(message, httpStatus, code, kieMessage);

/// <summary>402: the account has too few credits. Nothing was created.</summary>
public sealed class KieInsufficientCreditsException(string message, HttpStatusCode? httpStatus, int? code, string? kieMessage)
    : KieApiException(message, httpStatus, code, kieMessage);

/// <summary>404: the task, file or endpoint does not exist (for this account).</summary>
public sealed class KieNotFoundException(string message, HttpStatusCode? httpStatus, int? code, string? kieMessage, string? taskId = null)
    : KieApiException(message, httpStatus, code, kieMessage, taskId);

/// <summary>
/// Kie does not know the task: a wrong id, another account's task, or one Kie no longer keeps. Kie says so in two
/// ways, both recorded: the unified status endpoint answers body code 422 "recordInfo is null", and Suno's
/// record-info endpoints answer code 200 with <c>data: null</c>. Not transient: waiting or polling again does not
/// help, so the wait loop raises it at once (after <see cref="KieClientOptions.NotVisibleGracePeriod"/> for a task
/// this client has just created, which Kie may not show yet).
/// </summary>
public sealed class KieTaskNotFoundException(string taskId, string message, HttpStatusCode? httpStatus, int? code, string? kieMessage)
    : KieApiException(message, httpStatus, code, kieMessage, taskId);

/// <summary>422: Kie rejected the request as invalid; <see cref="KieApiException.KieMessage"/> says why. Nothing was created.</summary>
public sealed class KieRequestRejectedException(string message, HttpStatusCode? httpStatus, int? code, string? kieMessage)
    : KieApiException(message, httpStatus, code, kieMessage);

/// <summary>429: over Kie's rate limit, still after the client's own retries.</summary>
public sealed class KieRateLimitedException(string message, HttpStatusCode? httpStatus, int? code, string? kieMessage, TimeSpan? retryAfter)
    : KieApiException(message, httpStatus, code, kieMessage)
{
    /// <summary>Kie's Retry-After, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>455: Kie is under maintenance. Nothing was created.</summary>
public sealed class KieMaintenanceException(string message, HttpStatusCode? httpStatus, int? code, string? kieMessage)
    : KieApiException(message, httpStatus, code, kieMessage);

/// <summary>5xx, or an answer that could not be read, on a call that is safe to repeat.</summary>
public sealed class KieServerException(string message, HttpStatusCode? httpStatus, int? code, string? kieMessage, string? taskId = null, Exception? inner = null)
    : KieApiException(message, httpStatus, code, kieMessage, taskId, inner);

/// <summary>
/// A create call (or a synchronous call, <c>CallAsync</c>) was sent but its outcome is unknown (timeout, connection
/// lost, 5xx, unreadable answer): a task may or may not exist, the call may or may not have been carried out, and
/// either may be billed. The client never resubmits on its own. Reconcile by model, time and callback URL (your Kie
/// dashboard, or the callback when it arrives), then decide whether to send again.
/// </summary>
public sealed class KieSubmissionUnknownException : KieApiException
{
    /// <summary>Creates the exception.</summary>
    public KieSubmissionUnknownException(string modelId, DateTimeOffset sentAt, string? callbackUrl, HttpStatusCode? httpStatus, int? code, string? kieMessage, Exception? inner)
        : this($"The create request for '{modelId}' was sent at {sentAt:O}, but its outcome is unknown ({Describe(httpStatus, code, kieMessage, inner)}). A task may exist; it was not resubmitted.",
            modelId, sentAt, callbackUrl, httpStatus, code, kieMessage, inner)
    {
    }

    private KieSubmissionUnknownException(string message, string modelId, DateTimeOffset sentAt, string? callbackUrl, HttpStatusCode? httpStatus, int? code, string? kieMessage, Exception? inner)
        : base(message, httpStatus, code, kieMessage, null, inner)
    {
        ModelId = modelId;
        SentAt = sentAt;
        CallbackUrl = callbackUrl;
    }

    /// <summary>The exception of a synchronous call whose outcome is unknown: it may have been carried out, and charged.</summary>
    internal static KieSubmissionUnknownException ForCall(string modelId, DateTimeOffset sentAt, HttpStatusCode? httpStatus, int? code, string? kieMessage, Exception? inner) =>
        new($"The call to '{modelId}' was sent at {sentAt:O}, but its outcome is unknown ({Describe(httpStatus, code, kieMessage, inner)}). Kie may have carried it out and charged it; it was not sent again.",
            modelId, sentAt, null, httpStatus, code, kieMessage, inner);

    /// <summary>The model of the request.</summary>
    public string ModelId { get; }

    /// <summary>When the request was sent.</summary>
    public DateTimeOffset SentAt { get; }

    /// <summary>The callback URL the request carried, which a late callback will be posted to.</summary>
    public string? CallbackUrl { get; }

    private static string Describe(HttpStatusCode? status, int? code, string? message, Exception? inner) =>
        inner is not null ? inner.GetType().Name
        : $"HTTP {(int?)status}, code {code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}: {message}";
}

/// <summary>
/// Kie answered a synchronous call with success (so it was carried out, and may be charged), but its <c>data</c>
/// does not match the schema file's <c>output</c>: <see cref="Errors"/> says where, and <see cref="RawData"/> keeps
/// what Kie sent, so nothing is lost. Not resent by the client. Correct the <c>output</c> schema to read it typed.
/// </summary>
public sealed class KieUnreadableResultException : KieApiException
{
    /// <summary>Creates the exception.</summary>
    public KieUnreadableResultException(string modelId, System.Text.Json.JsonElement rawData, System.Collections.Generic.IReadOnlyList<Validation.KieValidationError> errors)
        : base($"Kie answered the call to '{modelId}' with success, but its data does not match the output schema: {string.Join("; ", (errors ?? []).Select(e => (e.Path.Length == 0 ? "data" : "data." + e.Path) + ": " + e.Message))}. The data Kie sent is in RawData.",
            HttpStatusCode.OK, 200, null)
    {
        ModelId = modelId;
        RawData = rawData.ValueKind == System.Text.Json.JsonValueKind.Undefined ? rawData : rawData.Clone();
        Errors = errors ?? [];
    }

    /// <summary>The model (synchronous endpoint) called.</summary>
    public string ModelId { get; }

    /// <summary>Kie's <c>data</c>, as it came (undefined when the answer had none).</summary>
    public System.Text.Json.JsonElement RawData { get; }

    /// <summary>Where the data departs from the output schema.</summary>
    public System.Collections.Generic.IReadOnlyList<Validation.KieValidationError> Errors { get; }
}

/// <summary>
/// Kie could not be reached, did not answer in time, or answered something that is not its JSON envelope (an HTML
/// error page, a cut-off body) on a call that is safe to repeat. <see cref="Exception.InnerException"/> keeps the
/// original <see cref="System.Net.Http.HttpRequestException"/>, <see cref="TimeoutException"/> or
/// <see cref="System.Text.Json.JsonException"/>; <see cref="KieApiException.HttpStatus"/> is set when a response arrived.
/// </summary>
public sealed class KieTransportException(string message, HttpStatusCode? httpStatus, string? taskId, Exception inner)
    : KieApiException(message, httpStatus, null, null, taskId, inner);

/// <summary>
/// The task finished in failure: <see cref="FailCode"/> and <see cref="FailMessage"/> are Kie's (a <c>failCode</c>
/// such as 501 or 408 in a status reply is the task's outcome, not an error of the status call). Not a
/// <see cref="KieApiException"/>: the API worked, the generation did not.
/// </summary>
public sealed class KieTaskFailedException(string taskId, string modelId, string? failCode, string? failMessage)
    : KieException($"Task {taskId} ({modelId}) failed: {failCode} {failMessage}".TrimEnd(), taskId, null)
{
    /// <summary>The model of the task.</summary>
    public string ModelId { get; } = modelId;

    /// <summary>Kie's failCode / errorCode, as text.</summary>
    public string? FailCode { get; } = failCode;

    /// <summary>Kie's failMsg / errorMessage.</summary>
    public string? FailMessage { get; } = failMessage;

    /// <summary>Kie's message (the same as <see cref="FailMessage"/>), as the API errors name it.</summary>
    public string? KieMessage => FailMessage;
}

/// <summary>
/// The wait ended before the task did. The task goes on: wait again, or resume it from <see cref="KieException.TaskId"/>.
/// Not a <see cref="KieApiException"/>: nothing went wrong at Kie.
/// </summary>
public sealed class KieWaitTimeoutException(string taskId, TimeSpan waited, KieTaskState lastState)
    : KieException($"Task {taskId} did not finish within {waited}; last state {lastState}. It keeps running and can be resumed.", taskId, null)
{
    /// <summary>The state seen last.</summary>
    public KieTaskState LastState { get; } = lastState;

    /// <summary>How long the wait lasted.</summary>
    public TimeSpan Waited { get; } = waited;
}
