using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;
using KieGen.Requests;

namespace KieGen.Tasks;

/// <summary>
/// A submitted task: enough to follow it from any process. <see cref="ToToken"/> gives a small string to store;
/// <see cref="KieGen.Client.KieClient.GetTask(string)"/> turns it back into a handle.
/// </summary>
public sealed class KieTask : IEquatable<KieTask>
{
    /// <summary>Creates a handle; usually returned by <see cref="KieGen.Client.KieClient.SubmitAsync{TRequest}"/>.</summary>
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

    /// <summary>Made from an id alone (<see cref="KieGen.Client.KieClient.GetTask(string, KieModelInfo)"/>): the task existed before, so it gets no not-visible grace.</summary>
    internal bool Resumed { get; init; }

    /// <summary>A handle for a task created elsewhere, from its id and its model.</summary>
    public static KieTask For(string taskId, KieModelInfo model, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new KieTask(taskId, model.ModelId, model.Family, model.ResultKind, model.StatusPath, createdAt);
    }

    /// <summary>
    /// A compact, URL-safe token holding everything needed to resume the task. Version 2: the family and result kind
    /// are stored by name (<c>"f":"Suno"</c>), so reordering or adding enum members never changes what a stored token
    /// means, and a Market task's fixed status path is left out; <see cref="FromToken"/> still reads version-1 tokens (numbers, no version).
    /// </summary>
    public string ToToken()
    {
        var buffer = new ArrayBufferWriter<byte>(160);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("v", TokenVersion);
            w.WriteString("t", TaskId);
            w.WriteString("m", ModelId);
            w.WriteString("f", Family.ToString());
            w.WriteString("r", ResultKind.ToString());
            if (Family != KieApiFamily.Market)
            {
                w.WriteString("s", StatusPath); // a Market task's status path is always the same one
            }

            w.WriteNumber("c", CreatedAt.ToUnixTimeMilliseconds());
            w.WriteEndObject();
        }

        return Convert.ToBase64String(buffer.WrittenSpan).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Reads a token made by <see cref="ToToken"/> (this or an earlier version); throws <see cref="FormatException"/> naming the problem.</summary>
    public static KieTask FromToken(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            using var json = JsonDocument.Parse(Convert.FromBase64String(base64));
            var root = json.RootElement;
            var version = root.TryGetProperty("v", out var v) ? v.GetInt32() : 1;
            if (version is < 1 or > TokenVersion)
            {
                throw new FormatException($"token version {version} is not known to this KieGen (it reads 1 to {TokenVersion}).");
            }

            var family = version == 1 ? KieTaskTokenV1.Family(root.GetProperty("f").GetInt32()) : Named<KieApiFamily>(root.GetProperty("f").GetString(), "f");
            var kind = version == 1 ? KieTaskTokenV1.ResultKind(root.GetProperty("r").GetInt32()) : Named<KieResultKind>(root.GetProperty("r").GetString(), "r");
            return new KieTask(
                root.GetProperty("t").GetString()!,
                root.GetProperty("m").GetString()!,
                family,
                kind,
                version > 1 && family == KieApiFamily.Market && !root.TryGetProperty("s", out _) ? KieApiPath.MarketStatus : root.GetProperty("s").GetString()!,
                DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("c").GetInt64()));
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException("Not a KieGen task token (expected the text of KieTask.ToToken()): " + e.Message, e);
        }
    }

    /// <summary>The version <see cref="ToToken"/> writes.</summary>
    private const int TokenVersion = 2;

    private static T Named<T>(string? name, string member)
        where T : struct, Enum =>
        name is { Length: > 0 } && char.IsLetter(name[0]) && Enum.TryParse<T>(name, ignoreCase: false, out var value) && Enum.IsDefined(value)
            ? value
            : throw new FormatException($"'{member}' holds '{name}', which is not a {typeof(T).Name} this KieGen knows.");

    /// <inheritdoc />
    public bool Equals(KieTask? other) => other is not null && TaskId == other.TaskId && StatusPath == other.StatusPath;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as KieTask);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(TaskId, StatusPath);

    /// <inheritdoc />
    public override string ToString() => $"{TaskId} ({ModelId})";
}
