using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace KieGen.Callbacks;

/// <summary>Why a callback failed verification.</summary>
public enum KieWebhookFailure
{
    /// <summary>It passed.</summary>
    None,

    /// <summary>The body is not JSON.</summary>
    UnreadableBody,

    /// <summary>No task id in any of the places Kie puts one.</summary>
    MissingTaskId,

    /// <summary>X-Webhook-Timestamp or X-Webhook-Signature is missing, or no HMAC key is configured.</summary>
    MissingSignature,

    /// <summary>The signature does not match the current or the previous key.</summary>
    BadSignature,

    /// <summary>The timestamp is outside the freshness window.</summary>
    Stale,
}

/// <summary>The outcome of verifying a callback.</summary>
/// <param name="Failure"><see cref="KieWebhookFailure.None"/> when the callback is authentic and fresh.</param>
/// <param name="TaskId">The task id found in the body.</param>
/// <param name="Stage">Suno's <c>callbackType</c> (<c>text</c>, <c>first</c>, <c>complete</c>, <c>error</c>); <c>complete</c> for other families.</param>
public sealed record KieWebhookVerification(KieWebhookFailure Failure, string? TaskId, string Stage)
{
    /// <summary>Whether the callback may be acted on.</summary>
    public bool IsValid => Failure == KieWebhookFailure.None;
}

/// <summary>
/// Checks Kie's webhook signature: <c>X-Webhook-Signature</c> = base64(HMAC-SHA256(key, taskId + "." + timestamp)),
/// <c>X-Webhook-Timestamp</c> in Unix seconds, compared in constant time, within a freshness window, against the
/// current key or the previous one (during rotation). The signature covers only the task id and time, not the body:
/// treat the body as a hint and confirm the outcome by reading the task's status.
/// </summary>
public sealed class KieWebhookVerifier
{
    private readonly KieCallbackOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates a verifier for the configured keys and window.</summary>
    public KieWebhookVerifier(KieCallbackOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Verifies one delivery from its two headers and its body.</summary>
    public KieWebhookVerification Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        string? taskId;
        string stage;
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            taskId = FindTaskId(document.RootElement);
            stage = FindStage(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string with invalid UTF-8 or a lone surrogate escape, found when read as text.
            return new KieWebhookVerification(KieWebhookFailure.UnreadableBody, null, "");
        }

        if (string.IsNullOrEmpty(taskId))
        {
            return new KieWebhookVerification(KieWebhookFailure.MissingTaskId, null, stage);
        }

        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(_options.HmacKey))
        {
            return new KieWebhookVerification(KieWebhookFailure.MissingSignature, taskId, stage);
        }

        if (!Matches(_options.HmacKey, taskId, timestamp, signature) &&
            !(_options.PreviousHmacKey is { Length: > 0 } previous && Matches(previous, taskId, timestamp, signature)))
        {
            return new KieWebhookVerification(KieWebhookFailure.BadSignature, taskId, stage);
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ||
            Math.Abs((_time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799))).TotalSeconds) > _options.Tolerance.TotalSeconds)
        {
            return new KieWebhookVerification(KieWebhookFailure.Stale, taskId, stage);
        }

        return new KieWebhookVerification(KieWebhookFailure.None, taskId, stage);
    }

    /// <summary>Kie's signature of a task id and timestamp under a key.</summary>
    public static string Sign(string hmacKey, string taskId, string timestamp)
    {
        ArgumentException.ThrowIfNullOrEmpty(hmacKey);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(hmacKey), Encoding.UTF8.GetBytes(taskId + "." + timestamp)));
    }

    /// <summary>The task id wherever the family puts it: <c>data.taskId</c>, <c>data.task_id</c>, <c>taskId</c>, <c>task_id</c>.</summary>
    public static string? FindTaskId(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
        {
            if (Text(data, "taskId") is { } id)
            {
                return id;
            }

            if (Text(data, "task_id") is { } snake)
            {
                return snake;
            }
        }

        return Text(body, "taskId") ?? Text(body, "task_id");
    }

    private static string FindStage(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            && Text(data, "callbackType") is { } stage ? stage : "complete";

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static bool Matches(string key, string taskId, string timestamp, string signature)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(key, taskId, timestamp));
        var actual = Encoding.ASCII.GetBytes(signature.Trim());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
