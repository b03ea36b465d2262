using System;
using System.Globalization;
using System.Text.Json;
using KieGen.Tasks;

namespace KieGen.Client;

/// <summary>
/// Turns a status reply into a <see cref="KieTaskStatus"/> or a typed error. Kie reports a failed generation on the
/// status call itself with a failure code in the body (501 "generation failed", Suno's 408 timeout), often beside a
/// <c>data</c> object in state <c>fail</c>: that is the task's outcome, not an error of the call, and not retried.
/// </summary>
internal static class KieStatusReply
{
    /// <summary>Body codes of a status reply that report the task's failure rather than the call's.</summary>
    public static bool IsTaskFailureCode(int? code) => code is 501 or 408;

    /// <summary>Kie's words for a task it does not know, on the unified status endpoint (code 422).</summary>
    public const string UnknownTaskMessage = "recordInfo is null";

    public static KieTaskStatus Read(KieTask task, KieEnvelope envelope, DateTimeOffset now)
    {
        if (IsUnknownTask(envelope))
        {
            throw new KieTaskNotFoundException(task.TaskId,
                $"Kie does not know task {task.TaskId} at {task.StatusPath} (HTTP {(int)envelope.HttpStatus}, code {envelope.Code?.ToString(CultureInfo.InvariantCulture) ?? "none"}: {envelope.Message}).",
                envelope.HttpStatus, envelope.Code, envelope.Message);
        }

        if (!envelope.IsSuccess && !IsTaskFailureCode(envelope.Code))
        {
            throw envelope.ToException($"Reading the status of task {task.TaskId}", task.TaskId);
        }

        KieTaskStatus? parsed;
        try
        {
            parsed = envelope.IsSuccess || envelope.Data.ValueKind == JsonValueKind.Object ? KieStatusParser.Parse(task, envelope.Data, now) : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            if (envelope.IsSuccess)
            {
                throw new KieTransportException($"The status of task {task.TaskId} could not be read: {e.Message}", envelope.HttpStatus, task.TaskId, e);
            }

            parsed = null; // the body code already says what happened
        }

        if (envelope.IsSuccess)
        {
            return parsed!;
        }

        // A failure code in the body: the task failed, whatever state its data (if any) still shows.
        var code = envelope.Code!.Value.ToString(CultureInfo.InvariantCulture);
        return parsed is { State: KieTaskState.Failed }
            ? parsed with { FailCode = parsed.FailCode ?? code, FailMessage = parsed.FailMessage ?? envelope.Message }
            : new KieTaskStatus(task.TaskId, KieTaskState.Failed, parsed?.RawState ?? code, parsed?.Progress, null, code, envelope.Message);
    }

    /// <summary>Code 422 "recordInfo is null" (unified endpoint), or success with no data at all (Suno's record-info).</summary>
    private static bool IsUnknownTask(KieEnvelope envelope) =>
        envelope.ErrorCode == 422 && string.Equals(envelope.Message?.Trim(), UnknownTaskMessage, StringComparison.OrdinalIgnoreCase)
        || envelope.IsSuccess && envelope.Data.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;
}
