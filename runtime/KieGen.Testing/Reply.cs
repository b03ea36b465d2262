using System;
using System.Buffers;
using System.Text.Json;

namespace KieGen.Testing;

/// <summary>An answer in Kie's envelope: <c>{"code", "msg", "data"}</c> (uploads also carry <c>success</c>), or a raw body.</summary>
internal sealed record Reply(int HttpStatus, int Code, string Msg, Action<Utf8JsonWriter>? Data = null)
{
    /// <summary>Upload endpoints answer with a leading <c>success</c> flag.</summary>
    public bool UploadStyle { get; init; }

    /// <summary>Sent as the Retry-After header of a 429.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Keeps <see cref="HttpStatus"/> even when errors are answered as HTTP 200 (faults, limits, missing routes).</summary>
    public bool FixedStatus { get; init; }

    /// <summary>A body that is not Kie's envelope (the web server's own 404 page), sent as is.</summary>
    public byte[]? Raw { get; init; }

    /// <summary>
    /// Kie's web server's answer to a path it has no route for (recorded: HTTP 404, this body, no <c>code</c>).
    /// </summary>
    public static Reply NoRoute(string path, DateTimeOffset now)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("timestamp", now.ToUnixTimeMilliseconds());
            w.WriteNumber("status", 404);
            w.WriteString("error", "Not Found");
            w.WriteString("message", "No message available");
            w.WriteString("path", path);
            w.WriteEndObject();
        }

        return new Reply(404, 404, "Not Found") { FixedStatus = true, Raw = buffer.WrittenSpan.ToArray() };
    }

    public static Reply Ok(Action<Utf8JsonWriter> data, string msg = "success") => new(200, 200, msg, data);

    public static Reply Error(int code, string msg, int? httpStatus = null) => new(httpStatus ?? code, code, msg);

    public byte[] Body(bool messageInsteadOfMsg)
    {
        if (Raw is not null)
        {
            return Raw;
        }

        var buffer = new ArrayBufferWriter<byte>();
        // Relaxed escaping keeps messages readable ('7' rather than \u00277\u0027), as Kie's own answers are.
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            if (UploadStyle)
            {
                w.WriteBoolean("success", Code == 200);
            }

            w.WriteNumber("code", Code);
            w.WriteString(messageInsteadOfMsg ? "message" : "msg", Msg);
            if (Data is not null)
            {
                w.WritePropertyName("data");
                Data(w);
            }
            else if (!UploadStyle)
            {
                w.WriteNull("data"); // Kie's error envelopes carry data: null; its upload host's carry no data
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
