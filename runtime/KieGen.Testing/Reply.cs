using System;
using System.Buffers;
using System.Text.Json;

namespace KieGen.Testing;

/// <summary>An answer in Kie's envelope: <c>{"code", "msg", "data"}</c> (uploads also carry <c>success</c>).</summary>
internal sealed record Reply(int HttpStatus, int Code, string Msg, Action<Utf8JsonWriter>? Data = null)
{
    /// <summary>Upload endpoints answer with a leading <c>success</c> flag.</summary>
    public bool UploadStyle { get; init; }

    /// <summary>Sent as the Retry-After header of a 429.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static Reply Ok(Action<Utf8JsonWriter> data, string msg = "success") => new(200, 200, msg, data);

    public static Reply Error(int code, string msg, int? httpStatus = null) => new(httpStatus ?? code, code, msg);

    public byte[] Body(bool messageInsteadOfMsg)
    {
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

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
