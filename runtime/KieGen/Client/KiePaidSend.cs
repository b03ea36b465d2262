using System;
using System.Net;
using Microsoft.Extensions.Logging;

namespace KieGen.Client;

/// <summary>
/// What differs between the client's two paid sends, a task create (<c>SubmitAsync</c>) and a synchronous call
/// (<c>CallAsync</c>): their words, log events and unknown-outcome exception. The policy both follow (never send a
/// paid request twice unless Kie provably did not take it) is written once, in <c>KieClient.SendPaidAsync</c>.
/// </summary>
internal sealed class KiePaidSend
{
    /// <summary>A task create: success is code 200 with a task id the caller reads.</summary>
    public static readonly KiePaidSend Create = new()
    {
        Verb = "Submitting",
        IsSuccess = envelope => envelope.IsSuccess,
        NotConnected = model => $"Could not connect to Kie to submit '{model}'; nothing was submitted.",
        RefusedTail = "Nothing was created.",
        LogNotSent = KieLog.CreateNotSent,
        LogRateLimited = KieLog.CreateRateLimited,
        LogUnknown = KieLog.CreateUnknown,
        Unknown = (model, sentAt, callbackUrl, status, code, message, inner) => new KieSubmissionUnknownException(model, sentAt, callbackUrl, status, code, message, inner),
    };

    /// <summary>A synchronous call: success is Kie's answer itself (code 200, or 0 for calls).</summary>
    public static readonly KiePaidSend Call = new()
    {
        Verb = "Calling",
        IsSuccess = envelope => envelope.IsCallSuccess,
        NotConnected = model => $"Could not connect to Kie to call '{model}'; nothing was sent.",
        RefusedTail = "Kie refused the input.",
        LogNotSent = KieLog.CallNotSent,
        LogRateLimited = KieLog.CallRateLimited,
        LogUnknown = KieLog.CallUnknown,
        Unknown = (model, sentAt, _, status, code, message, inner) => KieSubmissionUnknownException.ForCall(model, sentAt, status, code, message, inner),
    };

    private KiePaidSend()
    {
    }

    /// <summary>How errors begin: "Submitting 'model'", "Calling 'model'".</summary>
    public required string Verb { get; init; }

    /// <summary>Whether an answer is the send's success (the caller reads its data).</summary>
    public required Func<KieEnvelope, bool> IsSuccess { get; init; }

    /// <summary>The message when no connection could be made after every retry (nothing reached Kie).</summary>
    public required Func<string, string> NotConnected { get; init; }

    /// <summary>The end of the message when Kie refused the input (nothing was done).</summary>
    public required string RefusedTail { get; init; }

    /// <summary>Logs a retry after a failure to connect.</summary>
    public required Action<ILogger, string, TimeSpan, int> LogNotSent { get; init; }

    /// <summary>Logs a retry after Kie's 429.</summary>
    public required Action<ILogger, string, TimeSpan, int> LogRateLimited { get; init; }

    /// <summary>Logs an unknown outcome.</summary>
    public required Action<ILogger, Exception?, string> LogUnknown { get; init; }

    /// <summary>The exception of an unknown outcome (model, sent at, callback URL, HTTP status, code, Kie's message, cause).</summary>
    public required Func<string, DateTimeOffset, string?, HttpStatusCode?, int?, string?, Exception?, KieSubmissionUnknownException> Unknown { get; init; }
}
