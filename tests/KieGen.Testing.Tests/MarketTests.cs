using KieGen.Models;
using KieGen.Testing.Tests.Infrastructure;

namespace KieGen.Testing.Tests;

public class MarketTests
{
    private const string Status = "/api/v1/jobs/recordInfo";

    [Fact]
    public async Task A_task_walks_waiting_queuing_generating_success_in_the_documented_envelope()
    {
        await using var kie = await Kie.StartAsync(o => o.Shape = KieShape.Pages2026_10);
        var taskId = await kie.CreateAsync("/api/v1/jobs/createTask", Bodies.Kling);

        var states = new List<string>();
        foreach (var step in new[] { 1.0, 2, 60, 200, 0 })
        {
            var data = await kie.StatusAsync(Status, taskId);
            states.Add(data.GetProperty("state").GetString()!);
            kie.Clock.Advance(TimeSpan.FromSeconds(step));
        }

        Assert.Equal(new[] { "waiting", "queuing", "generating", "generating", "success" }, states);
        var done = await kie.StatusAsync(Status, taskId);
        Assert.Equal(taskId, done.GetProperty("taskId").GetString());
        Assert.Equal("kling-2.6/image-to-video", done.GetProperty("model").GetString());
        // param and resultJson are JSON text inside the JSON, as Kie sends them.
        Assert.Equal(JsonValueKind.String, done.GetProperty("param").ValueKind);
        Assert.Equal("a lighthouse", JsonDocument.Parse(done.GetProperty("param").GetString()!).RootElement.GetProperty("input").GetProperty("prompt").GetString());
        var result = JsonDocument.Parse(done.GetProperty("resultJson").GetString()!).RootElement;
        Assert.EndsWith(".mp4", result.GetProperty("resultUrls")[0].GetString());
        // Since October 2026: failCode/failMsg null on success, successFlag, creditsConsumed and the parsed response.
        Assert.Equal(JsonValueKind.Null, done.GetProperty("failCode").ValueKind);
        Assert.Equal(JsonValueKind.Null, done.GetProperty("failMsg").ValueKind);
        Assert.Equal(1, done.GetProperty("successFlag").GetInt32());
        Assert.Equal(1m, done.GetProperty("creditsConsumed").GetDecimal());
        Assert.Equal(result.GetRawText(), done.GetProperty("response").GetRawText());
        Assert.Equal(180_000, done.GetProperty("costTime").GetInt64());
        Assert.True(done.GetProperty("completeTime").GetInt64() > done.GetProperty("createTime").GetInt64());
    }

    [Fact]
    public async Task Result_json_is_empty_until_success()
    {
        await using var kie = await Kie.StartAsync(o => o.Shape = KieShape.Pages2026_10);
        var taskId = await kie.CreateAsync("/api/v1/jobs/createTask", Bodies.Kling);
        kie.Clock.Advance(TimeSpan.FromSeconds(10));
        var running = await kie.StatusAsync(Status, taskId);
        Assert.Equal("generating", running.GetProperty("state").GetString());
        Assert.Equal("", running.GetProperty("resultJson").GetString());
        Assert.Equal(JsonValueKind.Null, running.GetProperty("response").ValueKind);
        Assert.Equal((0, 0m), (running.GetProperty("successFlag").GetInt32(), running.GetProperty("creditsConsumed").GetDecimal()));
        Assert.Equal(JsonValueKind.Null, running.GetProperty("completeTime").ValueKind);
    }

    [Fact]
    public async Task A_scripted_failure_reports_failCode_and_failMsg()
    {
        await using var kie = await Kie.StartAsync(o => o.Shape = KieShape.Pages2026_10);
        kie.Server.ScriptNextTask(TaskScript.Failing("422", "Invalid prompt: prompt contains prohibited content"));
        var failing = await kie.CreateAsync("/api/v1/jobs/createTask", Bodies.Kling);
        var succeeding = await kie.CreateAsync("/api/v1/jobs/createTask", Bodies.Kling);
        kie.Clock.Advance(TimeSpan.FromMinutes(10));

        var failed = await kie.StatusAsync(Status, failing);
        Assert.Equal("fail", failed.GetProperty("state").GetString());
        Assert.Equal("422", failed.GetProperty("failCode").GetString());
        Assert.Equal((3, 0m), (failed.GetProperty("successFlag").GetInt32(), failed.GetProperty("creditsConsumed").GetDecimal()));
        Assert.Equal("Invalid prompt: prompt contains prohibited content", failed.GetProperty("failMsg").GetString());
        Assert.Equal("", failed.GetProperty("resultJson").GetString());
        Assert.Equal("success", (await kie.StatusAsync(Status, succeeding)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_model_script_sets_durations_and_result_urls()
    {
        await using var kie = await Kie.StartAsync(o => o.Shape = KieShape.Pages2026_10); // progress is a page member
        kie.Server.ScriptModel("kling-2.6/image-to-video", new TaskScript
        {
            Waiting = TimeSpan.Zero,
            Queuing = TimeSpan.Zero,
            Generating = TimeSpan.FromSeconds(30),
            ResultUrls = new[] { "https://cdn.example.com/v.mp4" },
        });
        var taskId = await kie.CreateAsync("/api/v1/jobs/createTask", Bodies.Kling);
        kie.Clock.Advance(TimeSpan.FromSeconds(15));
        var half = await kie.StatusAsync(Status, taskId);
        Assert.Equal(0.5, half.GetProperty("progress").GetDouble());
        kie.Clock.Advance(TimeSpan.FromSeconds(15));
        var result = JsonDocument.Parse((await kie.StatusAsync(Status, taskId)).GetProperty("resultJson").GetString()!).RootElement;
        Assert.Equal("https://cdn.example.com/v.mp4", result.GetProperty("resultUrls")[0].GetString());
    }

    [Fact]
    public async Task Status_of_an_unknown_or_foreign_task_is_not_found_and_a_missing_id_is_a_bad_request()
    {
        await using var kie = await Kie.StartAsync(o => o.ApiKeys["other-key"] = 10);
        var taskId = await kie.CreateAsync("/api/v1/jobs/createTask", Bodies.Kling);

        // Kie's recorded answer: HTTP 200, code 422 "recordInfo is null", data null.
        var (status, body) = await kie.GetAsync(Status + "?taskId=nope");
        Assert.Equal((HttpStatusCode.OK, 422, "recordInfo is null"), (status, body.GetProperty("code").GetInt32(), body.GetProperty("msg").GetString()));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").ValueKind);
        using var other = Kie.Client(kie.Server.BaseAddress, "other-key");
        Assert.Equal(422, (await kie.GetAsync(Status + "?taskId=" + taskId, other)).Body.GetProperty("code").GetInt32());
        Assert.Equal(422, (await kie.GetAsync("/api/v1/veo/record-info?taskId=" + taskId)).Body.GetProperty("code").GetInt32());
        // Suno's record-info: success with data null.
        (status, body) = await kie.GetAsync("/api/v1/generate/record-info?taskId=nope");
        Assert.Equal((HttpStatusCode.OK, 200, JsonValueKind.Null), (status, body.GetProperty("code").GetInt32(), body.GetProperty("data").ValueKind));
        (status, body) = await kie.GetAsync(Status);
        Assert.Equal((HttpStatusCode.OK, 400, "taskId parameter is required"), (status, body.GetProperty("code").GetInt32(), body.GetProperty("msg").GetString()));
    }

    [Fact]
    public async Task Without_a_catalog_any_model_id_is_accepted_and_its_result_kind_guessed_from_the_name()
    {
        await using var kie = await Kie.StartAsync();
        var taskId = await kie.CreateAsync("/api/v1/jobs/createTask", """{"model":"some/unknown-text-model","input":{}}""");
        kie.Clock.Advance(TimeSpan.FromMinutes(5));
        var data = await kie.StatusAsync(Status, taskId);
        var result = JsonDocument.Parse(data.GetProperty("resultJson").GetString()!).RootElement;
        Assert.EndsWith(".png", result.GetProperty("resultUrls")[0].GetString());
    }

    [Fact]
    public async Task CreateTask_answers_a_record_id_beside_the_task_id()
    {
        await using var kie = await Kie.StartAsync();
        var (_, body) = await kie.PostAsync("/api/v1/jobs/createTask", Bodies.Kling);
        var data = body.GetProperty("data");
        Assert.Equal("rec_" + data.GetProperty("taskId").GetString(), data.GetProperty("recordId").GetString());
    }

    [Fact]
    public async Task A_suno_task_on_the_unified_api_reports_snake_case_tracks_in_response_data()
    {
        await using var kie = await Kie.StartAsync(o => (o.Catalog, o.Shape) = (KieGenCatalog.Models, KieShape.Pages2026_10));
        var taskId = await kie.CreateAsync("/api/v1/jobs/createTask", """{"model":"ai-music-api/generate","input":{"custom_mode":false,"instrumental":false,"model":"V6","prompt":"a calm piano piece"}}""");
        kie.Clock.Advance(TimeSpan.FromMinutes(10));

        var done = await kie.StatusAsync(Status, taskId);
        var tracks = done.GetProperty("response").GetProperty("data");
        Assert.Equal(2, tracks.GetArrayLength());
        Assert.All(tracks.EnumerateArray(), t => Assert.EndsWith(".mp3", t.GetProperty("audio_url").GetString()));
        Assert.Equal(done.GetProperty("response").GetRawText(), JsonDocument.Parse(done.GetProperty("resultJson").GetString()!).RootElement.GetRawText());
    }

    [Fact]
    public async Task With_the_catalog_a_body_mixing_two_oneOf_shapes_is_a_422_naming_both()
    {
        await using var kie = await Kie.StartAsync(o => o.Catalog = KieGenCatalog.Models);
        var (status, body) = await kie.PostAsync("/api/v1/jobs/createTask",
            """{"model":"ai-music-api/separate-vocals","input":{"task_id":"t1","audio_url":"https://example.com/a.mp3","audio_id":"a1","stem_name":"Bass"}}""");

        Assert.Equal((HttpStatusCode.OK, 422), (status, body.GetProperty("code").GetInt32()));
        var message = body.GetProperty("msg").GetString()!;
        Assert.StartsWith("input", message, StringComparison.Ordinal);
        Assert.Contains("Separate using existing audio", message, StringComparison.Ordinal);
        Assert.Contains("Separate using user-uploaded audio", message, StringComparison.Ordinal);
        Assert.Empty(kie.Server.Tasks);
    }
}
