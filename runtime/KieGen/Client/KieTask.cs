using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;
using KieGen.Requests;

namespace KieGen.Client;

/// <summary>
/// A submitted task: enough to follow it from any process. <see cref="ToToken"/> gives a small string to store;
/// <see cref="KieClient.GetTask(string)"/> turns it back into a handle.
/// </summary>
public sealed class KieTask : IEquatable<KieTask>
{
    /// <summary>Creates a handle; usually returned by <see cref="KieClient.SubmitAsync{TRequest}"/>.</summary>
    public KieTask(string taskId, string modelId, KieApiFamily family, KieResultKind resultKind, string statusPath, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        // The path is where the key is sent: a token or a stored record naming another host must not get it.
        KieApiPath.Ensure(statusPath, nameof(statusPath), family);
        TaskId = taskId;
        ModelId = modelId;
        Family = family;
        ResultKind = resultKind;
        StatusPath = statusPath;
        CreatedAt = createdAt;
    }

    /// <summary>Kie's task id.</summary>
    public string TaskId { get; }

    /// <summary>Market model id or special-family operation key.</summary>
    public string ModelId { get; }

    /// <summary>The API family, which decides the status shape.</summary>
    public KieApiFamily Family { get; }

    /// <summary>What the task produces.</summary>
    public KieResultKind ResultKind { get; }

    /// <summary>The family's status endpoint.</summary>
    public string StatusPath { get; }

    /// <summary>When the task was submitted.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>
    /// The <c>recordId</c> createTask answers beside the task id (unified jobs, since October 2026); informational,
    /// never the polling key. Null for handles made from a token or an id.
    /// </summary>
    public string? RecordId { get; init; }

    /// <summary>A handle for a task created elsewhere, from its id and its model.</summary>
    public static KieTask For(string taskId, KieModelInfo model, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new KieTask(taskId, model.ModelId, model.Family, model.ResultKind, model.StatusPath, createdAt);
    }

    /// <summary>A compact, URL-safe token holding everything needed to resume the task.</summary>
    public string ToToken()
    {
        var buffer = new ArrayBufferWriter<byte>(160);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("t", TaskId);
            w.WriteString("m", ModelId);
            w.WriteNumber("f", (int)Family);
            w.WriteNumber("r", (int)ResultKind);
            w.WriteString("s", StatusPath);
            w.WriteNumber("c", CreatedAt.ToUnixTimeMilliseconds());
            w.WriteEndObject();
        }

        return Convert.ToBase64String(buffer.WrittenSpan).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Reads a token made by <see cref="ToToken"/>; throws <see cref="FormatException"/> naming the problem.</summary>
    public static KieTask FromToken(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            using var json = JsonDocument.Parse(Convert.FromBase64String(base64));
            var root = json.RootElement;
            return new KieTask(
                root.GetProperty("t").GetString()!,
                root.GetProperty("m").GetString()!,
                (KieApiFamily)root.GetProperty("f").GetInt32(),
                (KieResultKind)root.GetProperty("r").GetInt32(),
                root.GetProperty("s").GetString()!,
                DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("c").GetInt64()));
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException("Not a KieGen task token (expected the text of KieTask.ToToken()): " + e.Message, e);
        }
    }

    /// <inheritdoc />
    public bool Equals(KieTask? other) => other is not null && TaskId == other.TaskId && StatusPath == other.StatusPath;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as KieTask);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(TaskId, StatusPath);

    /// <inheritdoc />
    public override string ToString() => $"{TaskId} ({ModelId})";
}
