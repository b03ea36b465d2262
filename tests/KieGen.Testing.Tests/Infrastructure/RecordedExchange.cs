namespace KieGen.Testing.Tests.Infrastructure;

/// <summary>
/// One exchange of tests/Reference/kie-recorded-2026-03-04.json: what was sent to Kie and what Kie answered
/// (tests/Reference/README.md says how to read the file).
/// </summary>
public sealed record RecordedExchange(
    int Id,
    string Host,
    string Method,
    string Url,
    string? RequestContentType,
    JsonElement RequestBody,
    int Status,
    JsonElement ResponseBody,
    int Occurrences)
{
    /// <summary>The corpus file, as the test project copies it into its output.</summary>
    public const string File = "kie-recorded-2026-03-04.json";

    /// <summary>The path without the query.</summary>
    public string Path => Url.Split('?')[0];

    /// <summary>The <c>taskId</c> of the query, or null.</summary>
    public string? QueryTaskId => Url.Split('?') is [_, var query]
        ? query.Split('&').Select(p => p.Split('=', 2)).Where(p => p is ["taskId", _]).Select(p => Uri.UnescapeDataString(p[1])).FirstOrDefault()
        : null;

    /// <summary>Whether it went to Kie's upload host rather than the API host.</summary>
    public bool IsUpload => Host != "api.kie.ai";

    /// <summary>Kie's body <c>code</c>, or null when the answer has none.</summary>
    public int? Code => CodeOf(ResponseBody);

    /// <summary>The body <c>code</c> of an answer, or null.</summary>
    public static int? CodeOf(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number ? code.GetInt32() : null;

    /// <summary>Every exchange of the corpus, in recorded order.</summary>
    public static IReadOnlyList<RecordedExchange> Load()
    {
        var path = System.IO.Path.Combine(AppContext.BaseDirectory, "reference", File);
        using var document = JsonDocument.Parse(System.IO.File.ReadAllBytes(path));
        return document.RootElement.EnumerateArray().Select(e => new RecordedExchange(
            e.GetProperty("id").GetInt32(),
            e.GetProperty("host").GetString()!,
            e.GetProperty("method").GetString()!,
            e.GetProperty("url").GetString()!,
            e.GetProperty("requestContentType").ValueKind == JsonValueKind.String ? e.GetProperty("requestContentType").GetString() : null,
            e.GetProperty("requestBody").Clone(),
            e.GetProperty("status").GetInt32(),
            e.GetProperty("responseBody").Clone(),
            e.GetProperty("occurrences").GetInt32())).ToArray();
    }

    /// <inheritdoc />
    public override string ToString() => $"#{Id} {Method} {Url}";
}
