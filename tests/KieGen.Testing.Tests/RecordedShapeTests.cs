using KieGen.Testing.Tests.Infrastructure;

namespace KieGen.Testing.Tests;

/// <summary>The default answers follow Kie's recorded traffic (tests/Reference/kie-recorded-2026-03-04.json).</summary>
public class RecordedShapeTests
{
    private const string Status = "/api/v1/jobs/recordInfo";

    private static readonly string[] RecordedPollMembers =
        ["taskId", "model", "state", "param", "resultJson", "failCode", "failMsg", "costTime", "completeTime", "createTime"];

    [Fact]
    public async Task A_poll_has_exactly_the_recorded_members_with_costTime_null_until_success()
    {
        await using var kie = await Kie.StartAsync();
        var taskId = await kie.CreateAsync("/api/v1/jobs/createTask", Bodies.Kling);

        var waiting = await kie.StatusAsync(Status, taskId);
        Assert.Equal(RecordedPollMembers, waiting.EnumerateObject().Select(p => p.Name));
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (waiting.GetProperty("costTime").ValueKind, waiting.GetProperty("completeTime").ValueKind));
        // param is the request as JSON text, and its input is JSON text again.
        var param = JsonDocument.Parse(waiting.GetProperty("param").GetString()!).RootElement;
        Assert.Equal("a lighthouse", JsonDocument.Parse(param.GetProperty("input").GetString()!).RootElement.GetProperty("prompt").GetString());

        kie.Clock.Advance(TimeSpan.FromMinutes(10));
        var done = await kie.StatusAsync(Status, taskId);
        Assert.Equal(RecordedPollMembers, done.EnumerateObject().Select(p => p.Name));
        // Seconds, as Kie counts them.
        Assert.Equal((long)Math.Ceiling(kie.Server.FindTask(taskId)!.Generating.TotalSeconds), done.GetProperty("costTime").GetInt64());
        Assert.EndsWith(".mp4", JsonDocument.Parse(done.GetProperty("resultJson").GetString()!).RootElement.GetProperty("resultUrls")[0].GetString());
    }

    [Fact]
    public async Task A_failed_task_has_no_costTime_or_completeTime()
    {
        await using var kie = await Kie.StartAsync();
        kie.Server.ScriptNextTask(TaskScript.Failing("422", "generate playground failed, task id is blank"));
        var taskId = await kie.CreateAsync("/api/v1/jobs/createTask", Bodies.Kling);
        kie.Clock.Advance(TimeSpan.FromMinutes(10));

        var failed = await kie.StatusAsync(Status, taskId);
        Assert.Equal(("fail", "422", "generate playground failed, task id is blank"),
            (failed.GetProperty("state").GetString(), failed.GetProperty("failCode").GetString(), failed.GetProperty("failMsg").GetString()));
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (failed.GetProperty("costTime").ValueKind, failed.GetProperty("completeTime").ValueKind));
    }

    [Fact]
    public async Task A_seeded_task_answers_in_its_state_and_a_later_seed_replaces_it()
    {
        await using var kie = await Kie.StartAsync();
        kie.Server.AddTask("kie-task-1", "/api/v1/jobs/createTask", Bodies.Kling, FakeTaskState.Generating);
        kie.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal("generating", (await kie.StatusAsync(Status, "kie-task-1")).GetProperty("state").GetString());

        kie.Server.AddTask("kie-task-1", "/api/v1/jobs/createTask", Bodies.Kling, FakeTaskState.Success);
        Assert.Equal("success", (await kie.StatusAsync(Status, "kie-task-1")).GetProperty("state").GetString());
        var own = await kie.CreateAsync("/api/v1/jobs/createTask", Bodies.Kling);
        Assert.Throws<ArgumentException>(() => kie.Server.AddTask(own, "/api/v1/jobs/createTask", Bodies.Kling, FakeTaskState.Success));
    }

    [Fact]
    public async Task A_suno_operation_on_an_unknown_task_is_Record_does_not_exist()
    {
        await using var kie = await Kie.StartAsync();
        var (status, body) = await kie.PostAsync("/api/v1/wav/generate", """{"taskId":"made-up","audioId":"a","callBackUrl":"https://example.com/cb"}""");
        Assert.Equal((HttpStatusCode.OK, 422, "Record does not exist"), (status, body.GetProperty("code").GetInt32(), body.GetProperty("msg").GetString()));
        Assert.Empty(kie.Server.Tasks);
    }

    [Fact]
    public async Task Style_boost_answers_at_once_and_charges_credits()
    {
        await using var kie = await Kie.StartAsync();
        var (_, body) = await kie.PostAsync("/api/v1/style/generate", """{"content":"Pop, Mysterious"}""");
        var data = body.GetProperty("data");
        Assert.Equal(("Pop, Mysterious", 0.4m), (data.GetProperty("param").GetString(), data.GetProperty("creditsConsumed").GetDecimal()));
        Assert.StartsWith("Pop, Mysterious", data.GetProperty("result").GetString());
        Assert.Equal(kie.Server.CreditsOf(FakeKieOptions.DefaultApiKey), data.GetProperty("creditsRemaining").GetDecimal());
        Assert.Equal(999.6m, kie.Server.CreditsOf(FakeKieOptions.DefaultApiKey));
    }

    [Fact]
    public async Task A_chat_completion_without_stream_is_one_json_object_with_credits_and_an_unserved_model_is_refused()
    {
        await using var kie = await Kie.StartAsync();
        var (status, body) = await kie.PostAsync("/gpt-5-2/v1/chat/completions", """{"messages":[{"role":"user","content":"Say hello"}]}""");
        Assert.Equal((HttpStatusCode.OK, "chat.completion"), (status, body.GetProperty("object").GetString()));
        Assert.True(body.GetProperty("credits_consumed").GetDouble() > 0);

        (status, body) = await kie.PostAsync("/gpt-5.5/v1/chat/completions", """{"messages":[{"role":"user","content":"Say hello"}]}""");
        Assert.Equal((HttpStatusCode.OK, 422, "The model is not supported"), (status, body.GetProperty("code").GetInt32(), body.GetProperty("msg").GetString()));
    }
}
