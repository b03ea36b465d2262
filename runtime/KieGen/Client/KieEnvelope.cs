using System;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace KieGen.Client;

/// <summary>Kie's answer: HTTP status, body <c>code</c>, <c>msg</c> (or <c>message</c>), <c>data</c>.</summary>
internal sealed record KieEnvelope(HttpStatusCode HttpStatus, int? Code, string? Message, JsonElement Data, TimeSpan? RetryAfter)
{
    /// <summary>Success is HTTP 2xx and body code 200; anything else is an error, whichever of the two says so.</summary>
    public bool IsSuccess => (int)HttpStatus is >= 200 and < 300 && Code == 200;

    /// <summary>
    /// Success of a synchronous call: as <see cref="IsSuccess"/>, or HTTP 2xx with body code 0, which Kie's page for
    /// Gemini Omni Audio shows as its answer (<c>{"code": 0, "msg": "success", "data": {...}}</c>). Reading such an
    /// answer as an error would invite a second paid call.
    /// </summary>
    public bool IsCallSuccess => IsSuccess || ((int)HttpStatus is >= 200 and < 300 && Code == 0);

    /// <summary>The error code that decides the exception: the body code when it is an error, else the HTTP status.</summary>
    public int ErrorCode => Code is { } code && code != 200 ? code : (int)HttpStatus;

    /// <summary>Reads an answer; throws <see cref="JsonException"/> when the body is not Kie's JSON envelope.</summary>
    public static async Task<KieEnvelope> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var retryAfter = response.Headers.RetryAfter?.Delta
            ?? (response.Headers.RetryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (bytes.Length == 0 && (int)response.StatusCode >= 400)
        {
            return new KieEnvelope(response.StatusCode, null, response.ReasonPhrase, default, retryAfter);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new KieEnvelopeException(response.StatusCode, $"Kie's answer (HTTP {(int)response.StatusCode}, {response.Content.Headers.ContentType?.MediaType ?? "no content type"}) is not JSON: {e.Message}", e);
        }

        using var owned = document;
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new KieEnvelopeException(response.StatusCode, $"Kie's answer (HTTP {(int)response.StatusCode}) is not a JSON object.", null);
        }

        int? code = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var value) ? value : null;
        var message = root.TryGetProperty("msg", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()
            : root.TryGetProperty("message", out var alt) && alt.ValueKind == JsonValueKind.String ? alt.GetString()
            : null;
        var data = root.TryGetProperty("data", out var d) ? d.Clone() : default;
        return new KieEnvelope(response.StatusCode, code, message, data, retryAfter);
    }

    /// <summary>The typed exception of an error answer.</summary>
    public KieApiException ToException(string operation, string? taskId = null)
    {
        var text = $"{operation} failed: HTTP {(int)HttpStatus}, code {Code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}: {Message}";
        return ErrorCode switch
        {
            401 => new KieAuthenticationException(text, HttpStatus, Code, Message),
            402 => new KieInsufficientCreditsException(text, HttpStatus, Code, Message),
            404 => new KieNotFoundException(text, HttpStatus, Code, Message, taskId),
            422 => new KieRequestRejectedException(text, HttpStatus, Code, Message),
            429 => new KieRateLimitedException(text, HttpStatus, Code, Message, RetryAfter),
            455 => new KieMaintenanceException(text, HttpStatus, Code, Message),
            >= 500 => new KieServerException(text, HttpStatus, Code, Message, taskId),
            _ => new KieApiException(text, HttpStatus, Code, Message, taskId),
        };
    }
}

/// <summary>An answer that is not Kie's JSON envelope (an HTML error page, a cut-off body), with its HTTP status.</summary>
internal sealed class KieEnvelopeException(HttpStatusCode httpStatus, string message, Exception? inner) : JsonException(message, inner)
{
    public HttpStatusCode HttpStatus { get; } = httpStatus;
}
