using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace KieGen.Tests.Shared;

/// <summary>
/// One real exchange with Kie, as tests/Reference/kie-recorded-2026-03-04.json holds it (tests/Reference/README.md
/// says how to read the file). Linked into the test projects that replay the recording.
/// </summary>
public sealed record RecordedExchange(
    int Id,
    string Host,
    string Method,
    string Url,
    string? RequestContentType,
    JsonElement RequestBody,
    int Status,
    string? ResponseContentType,
    JsonElement ResponseBody,
    int Occurrences)
{
    /// <summary>The path without the query.</summary>
    public string Path => Url.Split('?')[0];

    /// <summary>The <c>taskId</c> of the query, or null.</summary>
    public string? QueryTaskId => Query("taskId");

    /// <summary>Whether it went to Kie's upload host rather than the API host.</summary>
    public bool IsUpload => Host != "api.kie.ai";

    /// <summary>A query parameter of the recorded URL, unescaped; null when absent.</summary>
    public string? Query(string name) =>
        Url.Split('?') is [_, var query]
            ? query.Split('&').Select(p => p.Split('=', 2)).Where(p => p[0] == name).Select(p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : "")).FirstOrDefault()
            : null;

    /// <summary>Kie's body <c>code</c>, or null when the answer has none.</summary>
    public int? Code => CodeOf(ResponseBody);

    /// <summary>Kie's message (<c>msg</c> or <c>message</c>).</summary>
    public string? Message =>
        ResponseBody.ValueKind == JsonValueKind.Object && (ResponseBody.TryGetProperty("msg", out var m) || ResponseBody.TryGetProperty("message", out m)) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;

    /// <summary>The response's <c>data</c> (Undefined when absent).</summary>
    public JsonElement Data => ResponseBody.ValueKind == JsonValueKind.Object && ResponseBody.TryGetProperty("data", out var d) ? d : default;

    /// <summary>Kie accepted the call: HTTP 2xx and body code 200.</summary>
    public bool IsSuccess => Status is >= 200 and < 300 && Code == 200;

    /// <summary>Kie's answer in one line, for the test output.</summary>
    public string Answer => $"HTTP {Status} {ResponseContentType}: {Compact(ResponseBody)}";

    /// <summary>The body <c>code</c> of an answer, or null.</summary>
    public static int? CodeOf(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number ? code.GetInt32() : null;

    /// <summary>One line of JSON, shortened.</summary>
    public static string Compact(JsonElement json) => Shorten(JsonSerializer.Serialize(json));

    /// <summary>A text cut to <paramref name="max"/> characters, marked when cut.</summary>
    public static string Shorten(string text, int max = 600) => text.Length <= max ? text : text[..max] + "...";

    /// <inheritdoc />
    public override string ToString() => $"#{Id} {Method} {Url}";
}

/// <summary>The recorded corpus, read once per test run from the copy beside the tests.</summary>
public static class RecordedCorpus
{
    /// <summary>The corpus file, as the test projects copy it into their output (<c>reference/</c>).</summary>
    public const string FileName = "kie-recorded-2026-03-04.json";

    private static readonly Lazy<RecordedExchange[]> Exchanges = new(() =>
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(System.IO.Path.Combine(AppContext.BaseDirectory, "reference", FileName)));
        return document.RootElement.EnumerateArray().Select(e => new RecordedExchange(
            e.GetProperty("id").GetInt32(),
            e.GetProperty("host").GetString()!,
            e.GetProperty("method").GetString()!,
            e.GetProperty("url").GetString()!,
            e.TryGetProperty("requestContentType", out var rct) && rct.ValueKind == JsonValueKind.String ? rct.GetString() : null,
            e.GetProperty("requestBody").Clone(),
            e.GetProperty("status").GetInt32(),
            e.TryGetProperty("responseContentType", out var ct) && ct.ValueKind == JsonValueKind.String ? ct.GetString() : null,
            e.GetProperty("responseBody").Clone(),
            e.TryGetProperty("occurrences", out var o) ? o.GetInt32() : 1)).ToArray();
    });

    /// <summary>Every exchange, in recorded order.</summary>
    public static System.Collections.Generic.IReadOnlyList<RecordedExchange> All => Exchanges.Value;

    /// <summary>The exchange with this id.</summary>
    public static RecordedExchange ById(int id) => All.Single(e => e.Id == id);
}
