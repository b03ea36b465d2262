using System;
using System.Net;

namespace KieGen.Client;

/// <summary>
/// Kie answered with an error: an HTTP status that is not 2xx, or a body <c>code</c> other than 200. Carries both,
/// Kie's message, and the task id where one is known. Never carries the API key.
/// </summary>
public class KieApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KieApiException(string message, HttpStatusCode? httpStatus, int? code, string? kieMessage, string? taskId = null, Exception? inner = null)
        : base(message, inner)
    {
        HttpStatus = httpStatus;
        Code = code;
        KieMessage = kieMessage;
        TaskId = taskId;
    }

    /// <summary>The HTTP status, when a response arrived.</summary>
    public HttpStatusCode? HttpStatus { get; }

    /// <summary>The body's <c>code</c>, when the body had one.</summary>
    public int? Code { get; }

    /// <summary>Kie's own text (<c>msg</c> or <c>message</c>).</summary>
    public string? KieMessage { get; }

    /// <summary>The task concerned, when known.</summary>
    public string? TaskId { get; }
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
/// A create call was sent but its outcome is unknown (timeout, connection lost, 5xx, unreadable answer): a task may
/// or may not exist, and may be billed. The client never resubmits on its own. Reconcile by model, time and callback
/// URL (your Kie dashboard, or the callback when it arrives), then decide whether to submit again.
/// </summary>
public sealed class KieSubmissionUnknownException : KieApiException
{
    /// <summary>Creates the exception.</summary>
    public KieSubmissionUnknownException(string modelId, DateTimeOffset sentAt, string? callbackUrl, HttpStatusCode? httpStatus, int? code, string? kieMessage, Exception? inner)
        : base($"The create request for '{modelId}' was sent at {sentAt:O}, but its outcome is unknown ({Describe(httpStatus, code, kieMessage, inner)}). A task may exist; it was not resubmitted.",
            httpStatus, code, kieMessage, null, inner)
    {
        ModelId = modelId;
        SentAt = sentAt;
        CallbackUrl = callbackUrl;
    }

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

/// <summary>The task finished in failure: <see cref="FailCode"/> and <see cref="FailMessage"/> are Kie's.</summary>
public sealed class KieTaskFailedException(string taskId, string modelId, string? failCode, string? failMessage)
    : KieApiException($"Task {taskId} ({modelId}) failed: {failCode} {failMessage}".TrimEnd(), null, null, failMessage, taskId)
{
    /// <summary>Kie's failCode / errorCode, as text.</summary>
    public string? FailCode { get; } = failCode;

    /// <summary>Kie's failMsg / errorMessage.</summary>
    public string? FailMessage { get; } = failMessage;
}

/// <summary>The wait ended before the task did. The task goes on: wait again, or resume it from <see cref="KieApiException.TaskId"/>.</summary>
public sealed class KieWaitTimeoutException(string taskId, TimeSpan waited, KieTaskState lastState)
    : KieApiException($"Task {taskId} did not finish within {waited}; last state {lastState}. It keeps running and can be resumed.", null, null, null, taskId)
{
    /// <summary>The state seen last.</summary>
    public KieTaskState LastState { get; } = lastState;
}
