using System;

namespace KieGen.Testing;

/// <summary>What kind of misbehaviour a <see cref="Fault"/> is.</summary>
public enum FaultKind
{
    /// <summary>An HTTP error status with Kie's envelope (5xx, 455 maintenance, ...); nothing happens on the server.</summary>
    HttpError,

    /// <summary>HTTP 429 (with <see cref="Fault.RetryAfter"/> when set); nothing happens on the server.</summary>
    RateLimited,

    /// <summary>The request is processed (a task <em>is</em> created), then the connection is reset: the ambiguous case.</summary>
    ResetAfterProcessing,

    /// <summary>The request is processed, then the answer is held back for <see cref="Fault.Delay"/> (past a client timeout).</summary>
    SlowResponse,

    /// <summary>The request is processed, then the body is not JSON.</summary>
    MalformedJson,

    /// <summary>The request is processed, then the body stops halfway.</summary>
    TruncatedJson,

    /// <summary>The envelope says <c>message</c> instead of <c>msg</c>.</summary>
    MessageInsteadOfMsg,

    /// <summary>Status of a failed task: <c>failCode</c> as a JSON number instead of a string.</summary>
    FailCodeAsNumber,

    /// <summary>Status of a failed task: <c>failCode</c> as JSON null.</summary>
    FailCodeAsNull,

    /// <summary>A status read answers as for a task not visible yet (422 "recordInfo is null"); other requests are unaffected.</summary>
    NotYetVisible,

    /// <summary>An HTML error page with HTTP 200 (a proxy's); nothing happens on the server.</summary>
    HtmlErrorPage,

    /// <summary>An error with HTTP 200 and only the body code saying so (<see cref="Fault.StatusCode"/>); nothing happens on the server.</summary>
    ErrorAsHttp200,
}

/// <summary>One injected misbehaviour of the fake server, applied to the next request that matches it.</summary>
public sealed record Fault(FaultKind Kind)
{
    /// <summary>HTTP status of <see cref="FaultKind.HttpError"/>.</summary>
    public int StatusCode { get; init; } = 500;

    /// <summary>How long <see cref="FaultKind.SlowResponse"/> holds the answer (real time).</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retry-After of <see cref="FaultKind.RateLimited"/>; null sends none.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Only requests whose path starts with this are affected; null matches every API request.</summary>
    public string? PathPrefix { get; init; }

    /// <summary>HTTP 500 (or another status) with <c>{"code":500,"msg":...}</c>.</summary>
    public static Fault ServerError(int statusCode = 500, string? pathPrefix = null) =>
        new(FaultKind.HttpError) { StatusCode = statusCode, PathPrefix = pathPrefix };

    /// <summary>HTTP 455: Kie's maintenance answer.</summary>
    public static Fault Maintenance(string? pathPrefix = null) => ServerError(455, pathPrefix);

    /// <summary>HTTP 429, optionally with Retry-After.</summary>
    public static Fault TooManyRequests(TimeSpan? retryAfter = null, string? pathPrefix = null) =>
        new(FaultKind.RateLimited) { RetryAfter = retryAfter, PathPrefix = pathPrefix };

    /// <summary>Processes the request (a create call creates its task), then resets the connection.</summary>
    public static Fault ResetAfterProcessing(string? pathPrefix = null) => new(FaultKind.ResetAfterProcessing) { PathPrefix = pathPrefix };

    /// <summary>Processes the request, then answers after <paramref name="delay"/>.</summary>
    public static Fault Slow(TimeSpan delay, string? pathPrefix = null) => new(FaultKind.SlowResponse) { Delay = delay, PathPrefix = pathPrefix };

    /// <summary>A status read answers 422 "recordInfo is null", as for a task Kie does not show yet.</summary>
    public static Fault NotYetVisible(string? pathPrefix = null) => new(FaultKind.NotYetVisible) { PathPrefix = pathPrefix };

    /// <summary>An HTML error page with HTTP 200.</summary>
    public static Fault HtmlErrorPage(string? pathPrefix = null) => new(FaultKind.HtmlErrorPage) { PathPrefix = pathPrefix };

    /// <summary>HTTP 200 with body <c>{"code": statusCode}</c>.</summary>
    public static Fault ErrorAsHttp200(int statusCode = 500, string? pathPrefix = null) =>
        new(FaultKind.ErrorAsHttp200) { StatusCode = statusCode, PathPrefix = pathPrefix };

    internal bool Matches(string path) => PathPrefix is null || path.StartsWith(PathPrefix, StringComparison.Ordinal);

    /// <summary>Faults that change what a processed request answers, rather than replacing the processing.</summary>
    internal bool RunsAfterProcessing => Kind is FaultKind.ResetAfterProcessing or FaultKind.SlowResponse or FaultKind.MalformedJson
        or FaultKind.TruncatedJson or FaultKind.MessageInsteadOfMsg or FaultKind.FailCodeAsNumber or FaultKind.FailCodeAsNull;
}
