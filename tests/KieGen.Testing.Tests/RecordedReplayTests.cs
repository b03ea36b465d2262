using System.Net.Http.Headers;
using KieGen.Testing.Tests.Infrastructure;
using KieGen.Tests.Shared;

namespace KieGen.Testing.Tests;

/// <summary>
/// Replays Kie's recorded traffic (tests/Reference/kie-recorded-2026-03-04.json) against the fake with its default
/// options: the same method, path, query and body, and the fake's answer compared with Kie's by HTTP status, body
/// <c>code</c> and JSON shape (<see cref="JsonShape"/>). A poll of a task Kie knew is answered for a task the fake is
/// given in the recorded state (<see cref="FakeKieServer.AddTask"/>), as if it had run there; made-up ids stay unknown.
/// </summary>
public sealed class RecordedReplayTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_fake_answers_Kies_recorded_exchanges_like_Kie()
    {
        var clock = new ManualTimeProvider();
        await using var kie = await FakeKieServer.StartAsync(new FakeKieOptions { TimeProvider = clock }, TestContext.Current.CancellationToken);
        using var api = Kie.Client(kie.BaseAddress, FakeKieOptions.DefaultApiKey);
        using var upload = Kie.Client(kie.UploadBaseAddress, FakeKieOptions.DefaultApiKey);

        var results = new List<(RecordedExchange Exchange, IReadOnlyList<string> Differences)>();
        foreach (var exchange in RecordedCorpus.All)
        {
            // The recording spans weeks: a second between exchanges keeps the replay inside Kie's rate limits.
            clock.Advance(TimeSpan.FromSeconds(1));
            Seed(kie, exchange);
            using var request = Request(exchange);
            using var response = await (exchange.IsUpload ? upload : api).SendAsync(request, TestContext.Current.CancellationToken);
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            results.Add((exchange, Compare(exchange, (int)response.StatusCode, text)));
        }

        foreach (var (exchange, differences) in results.Where(r => r.Differences.Count > 0))
        {
            output.WriteLine($"{exchange}: {string.Join("; ", differences)}");
        }

        var matched = results.Count(r => r.Differences.Count == 0);
        var weighted = results.Sum(r => r.Exchange.Occurrences);
        var weightedMatched = results.Where(r => r.Differences.Count == 0).Sum(r => r.Exchange.Occurrences);
        output.WriteLine($"Matched {matched} of {results.Count} exchanges ({100.0 * matched / results.Count:0.0} %); " +
                         $"{weightedMatched} of {weighted} counting repeats ({100.0 * weightedMatched / weighted:0.0} %).");
        foreach (var group in results.GroupBy(r => Class(r.Exchange)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {group.Key}: {group.Count(r => r.Differences.Count == 0)} of {group.Count()}");
        }

        Assert.True(matched >= results.Count * 0.95, $"only {matched} of {results.Count} exchanges answered like Kie");

        // Classes of behaviour that match in full: a regression in any of them fails by name.
        foreach (var fixedClass in new[]
                 {
                     "GET /api/v1/chat/credit", "GET /api/v1/jobs/recordInfo (unknown task)", "GET /api/v1/generate/record-info (unknown task)",
                     "POST /api/file-base64-upload", "POST /api/file-stream-upload", "POST /api/file-url-upload",
                     "POST /api/v1/common/download-url", "POST /api/v1/generate", "POST /api/v1/lyrics", "POST /api/v1/style/generate",
                     "POST /api/v1/midi/generate", "POST /api/v1/mp4/generate", "POST /api/v1/wav/generate", "POST /api/v1/vocal-removal/generate",
                     "POST /gpt-5-2/v1/chat/completions", "POST /gpt-5.5/v1/chat/completions", "POST /claude-haiku-4-5/v1/messages",
                     "GET /api/v1/jobs/recordInfo (waiting)", "GET /api/v1/jobs/recordInfo (generating)", "GET /api/v1/jobs/recordInfo (success)",
                 })
        {
            var failing = results.Where(r => Class(r.Exchange) == fixedClass && r.Differences.Count > 0).Select(r => r.Exchange.ToString()).ToList();
            Assert.True(results.Any(r => Class(r.Exchange) == fixedClass), fixedClass + " is not in the corpus");
            Assert.True(failing.Count == 0, $"{fixedClass}: {string.Join(", ", failing)}");
        }
    }

    /// <summary>The differences between Kie's answer and the fake's: status, body code, shape.</summary>
    private static IReadOnlyList<string> Compare(RecordedExchange exchange, int status, string text)
    {
        var differences = new List<string>();
        if (status != exchange.Status)
        {
            differences.Add($"HTTP {exchange.Status} at Kie, {status} at the fake");
        }

        JsonDocument fake;
        try
        {
            fake = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            differences.Add($"the fake's answer is not JSON: {text[..Math.Min(text.Length, 80)]}");
            return differences;
        }

        using (fake)
        {
            if (RecordedExchange.CodeOf(fake.RootElement) != exchange.Code)
            {
                differences.Add($"code {exchange.Code?.ToString() ?? "none"} at Kie, {RecordedExchange.CodeOf(fake.RootElement)?.ToString() ?? "none"} at the fake");
            }

            differences.AddRange(JsonShape.Differences(exchange.ResponseBody, fake.RootElement));
        }

        return differences;
    }

    /// <summary>
    /// Gives the fake the task a recorded poll asks about, in the state Kie reported, when Kie knew the task (its
    /// answer has a <c>data</c> object); the create body is the <c>param</c> Kie echoed.
    /// </summary>
    private static void Seed(FakeKieServer kie, RecordedExchange exchange)
    {
        if (exchange.Path != "/api/v1/jobs/recordInfo" || exchange.QueryTaskId is not { } taskId ||
            !exchange.ResponseBody.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        using var param = JsonDocument.Parse(data.GetProperty("param").GetString()!);
        var body = new Dictionary<string, object?>
        {
            ["model"] = param.RootElement.GetProperty("model").GetString(),
            ["input"] = param.RootElement.GetProperty("input") is { ValueKind: JsonValueKind.String } input
                ? JsonDocument.Parse(input.GetString()!).RootElement
                : param.RootElement.GetProperty("input"),
        };
        var state = Enum.Parse<FakeTaskState>(data.GetProperty("state").GetString()!, ignoreCase: true);
        var failure = state == FakeTaskState.Fail
            ? new TaskFailure(data.GetProperty("failCode").ToString(), data.GetProperty("failMsg").GetString() ?? "")
            : null;
        kie.AddTask(taskId, "/api/v1/jobs/createTask", JsonSerializer.Serialize(body), state, failure);
    }

    /// <summary>The recorded request: JSON as recorded; multipart rebuilt from the recorded file's name, type and size.</summary>
    private static HttpRequestMessage Request(RecordedExchange exchange)
    {
        var request = new HttpRequestMessage(new HttpMethod(exchange.Method), exchange.Url.TrimStart('/'));
        if (exchange.Path == "/api/file-stream-upload")
        {
            request.Content = Multipart(exchange);
        }
        else if (exchange.RequestBody.ValueKind != JsonValueKind.Null)
        {
            request.Content = new StringContent(exchange.RequestBody.GetRawText(), Encoding.UTF8, "application/json");
        }

        return request;
    }

    /// <summary>
    /// A stream upload. The recording keeps the form's fields and the file's name, type and size; where it kept no body
    /// at all, the file Kie stored (its answer's name, type, size and folder) is what was sent.
    /// </summary>
    private static MultipartFormDataContent Multipart(RecordedExchange exchange)
    {
        string fileName, contentType, uploadPath;
        int size;
        if (exchange.RequestBody.ValueKind == JsonValueKind.Object)
        {
            var file = exchange.RequestBody.GetProperty("file");
            (fileName, contentType, size) = (file.GetProperty("filename").GetString()!, file.GetProperty("contentType").GetString()!, file.GetProperty("size").GetInt32());
            uploadPath = exchange.RequestBody.GetProperty("uploadPath").GetString()!;
        }
        else
        {
            var stored = exchange.ResponseBody.GetProperty("data");
            (fileName, contentType, size) = (stored.GetProperty("fileName").GetString()!, stored.GetProperty("mimeType").GetString()!, stored.GetProperty("fileSize").GetInt32());
            var folder = stored.GetProperty("filePath").GetString()!.Split('/');
            uploadPath = string.Join('/', folder[2..^1]); // "kieai/<account>/<uploadPath>/<file>"
        }

        var content = new ByteArrayContent(new byte[size]);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return new MultipartFormDataContent { { content, "file", fileName }, { new StringContent(uploadPath), "uploadPath" } };
    }

    /// <summary>The class of behaviour an exchange belongs to: endpoint, and for polls the state or "unknown task".</summary>
    private static string Class(RecordedExchange exchange)
    {
        var name = exchange.Method + " " + exchange.Path;
        if (exchange.QueryTaskId is null)
        {
            return name;
        }

        return exchange.ResponseBody.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            ? $"{name} ({data.GetProperty("state").GetString()})"
            : name + " (unknown task)";
    }
}
