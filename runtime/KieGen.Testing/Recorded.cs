using System;
using System.Collections.Generic;

namespace KieGen.Testing;

/// <summary>A request the fake server received, exactly as it arrived.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Url">Path and query as received (a key in the URL would show here).</param>
/// <param name="Headers">Every header, as received.</param>
/// <param name="Body">The body as text (multipart uploads included).</param>
/// <param name="ApiKey">The bearer key, or null when none was sent.</param>
/// <param name="IsUpload">Whether it came to the upload address.</param>
/// <param name="ReceivedAt">When, on the server's clock.</param>
public sealed record RecordedRequest(
    string Method,
    string Url,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    string? ApiKey,
    bool IsUpload,
    DateTimeOffset ReceivedAt)
{
    /// <summary>The path without the query.</summary>
    public string Path => Url.Split('?')[0];
}

/// <summary>One attempt to deliver a callback.</summary>
/// <param name="TaskId">The task it reports.</param>
/// <param name="Stage">The family's stage (<c>complete</c>; Suno also <c>text</c>, <c>first</c>, <c>error</c>).</param>
/// <param name="Url">Where it was posted.</param>
/// <param name="Body">The JSON body.</param>
/// <param name="Timestamp">X-Webhook-Timestamp, when signed.</param>
/// <param name="Signature">X-Webhook-Signature, when signed.</param>
/// <param name="Attempt">1 for the first try, then retries; duplicates count as new deliveries.</param>
/// <param name="StatusCode">The receiver's HTTP status, or null when the post failed.</param>
/// <param name="Error">Why the post failed, when it did.</param>
public sealed record CallbackDelivery(
    string TaskId,
    string Stage,
    string Url,
    string Body,
    string? Timestamp,
    string? Signature,
    int Attempt,
    int? StatusCode,
    string? Error)
{
    /// <summary>Whether the receiver answered 2xx.</summary>
    public bool Delivered => StatusCode is >= 200 and < 300;
}
