using KieGen.Testing.Tests.Infrastructure;

namespace KieGen.Testing.Tests;

public class CallbackTests
{
    [Fact]
    public void Signature_matches_the_documented_algorithm_test_vector()
    {
        // kie-api.md §3.2: key test-key, message task_12345678.1700000000.
        Assert.Equal("jbMgurgLr0V63NX8fJ+ppGz5LFMZr+rnsNqqZfri4DA=", FakeKieServer.SignCallback("test-key", "task_12345678", "1700000000"));
    }

    [Fact]
    public async Task Completion_is_posted_to_callBackUrl_signed_with_the_recordInfo_shape()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var kie = await Kie.StartAsync(o => o.WebhookHmacKey = "hmac-secret");
        var taskId = await kie.CreateAsync("/api/v1/jobs/createTask", Bodies.KlingTo(receiver.Url.ToString()));

        kie.Clock.Advance(TimeSpan.FromMinutes(1));
        await kie.Server.WaitForCallbacksAsync(TestContext.Current.CancellationToken);
        Assert.Empty(receiver.Received); // not finished yet

        kie.Clock.Advance(TimeSpan.FromMinutes(5));
        await kie.Server.WaitForCallbacksAsync(TestContext.Current.CancellationToken);
        var (headers, body) = Assert.Single(receiver.Received);
        var timestamp = headers["X-Webhook-Timestamp"].ToString();
        Assert.Equal(kie.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), timestamp);
        Assert.Equal(FakeKieServer.SignCallback("hmac-secret", taskId, timestamp), headers["X-Webhook-Signature"].ToString());

        var payload = JsonDocument.Parse(body).RootElement;
        Assert.Equal((200, "Playground task completed successfully."), (payload.GetProperty("code").GetInt32(), payload.GetProperty("msg").GetString()));
        Assert.Equal(taskId, payload.GetProperty("data").GetProperty("taskId").GetString());
        Assert.Equal(1m, payload.GetProperty("data").GetProperty("creditsConsumed").GetDecimal());
        Assert.Equal("success", payload.GetProperty("data").GetProperty("state").GetString());
        Assert.Contains("resultUrls", payload.GetProperty("data").GetProperty("resultJson").GetString());
    }

    [Fact]
    public async Task Without_an_hmac_key_callbacks_are_unsigned_and_failures_report_code_501()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var kie = await Kie.StartAsync();
        kie.Server.ScriptNextTask(TaskScript.Failing("501", "Generation failed"));
        await kie.CreateAsync("/api/v1/jobs/createTask", Bodies.KlingTo(receiver.Url.ToString()));
        kie.Clock.Advance(TimeSpan.FromMinutes(10));
        await kie.Server.WaitForCallbacksAsync(TestContext.Current.CancellationToken);

        var (headers, body) = Assert.Single(receiver.Received);
        Assert.False(headers.ContainsKey("X-Webhook-Signature"));
        var payload = JsonDocument.Parse(body).RootElement;
        Assert.Equal((501, "fail"), (payload.GetProperty("code").GetInt32(), payload.GetProperty("data").GetProperty("state").GetString()));
        Assert.Equal("Playground task failed.", payload.GetProperty("msg").GetString());
        Assert.Equal(0m, payload.GetProperty("data").GetProperty("creditsConsumed").GetDecimal());
    }

    [Fact]
    public async Task A_failing_receiver_gets_three_retries_then_delivery_stops()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        receiver.StatusCode = 500;
        await using var kie = await Kie.StartAsync();
        await kie.CreateAsync("/api/v1/jobs/createTask", Bodies.KlingTo(receiver.Url.ToString()));
        kie.Clock.Advance(TimeSpan.FromMinutes(10));

        for (var i = 0; i < 10; i++)
        {
            await Kie.UntilAsync(() => kie.Server.Callbacks.Count > Math.Min(i, 3), "the next delivery attempt was recorded");
            kie.Clock.Advance(kie.Server.Options.CallbackRetryDelay);
        }

        await kie.Server.WaitForCallbacksAsync(TestContext.Current.CancellationToken);
        Assert.Equal(new[] { 1, 2, 3, 4 }, kie.Server.Callbacks.Select(c => c.Attempt));
        Assert.All(kie.Server.Callbacks, c => Assert.Equal(500, c.StatusCode));
        Assert.Equal(4, receiver.Received.Count);
    }

    [Fact]
    public async Task Duplicate_deliveries_can_be_switched_on()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var kie = await Kie.StartAsync(o => o.DuplicateCallbacks = 1);
        await kie.CreateAsync("/api/v1/jobs/createTask", Bodies.KlingTo(receiver.Url.ToString()));
        kie.Clock.Advance(TimeSpan.FromMinutes(10));
        await kie.Server.WaitForCallbacksAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, receiver.Received.Count);
        Assert.Equal(receiver.Received.First().Body, receiver.Received.Last().Body);
    }

    [Fact]
    public async Task Suno_music_calls_back_per_stage_with_snake_case_tracks()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var kie = await Kie.StartAsync();
        var taskId = await kie.CreateAsync("/api/v1/generate",
            $$"""{"prompt":"p","customMode":false,"instrumental":true,"model":"V4","callBackUrl":"{{receiver.Url}}"}""");
        for (var i = 0; i < 12; i++)
        {
            kie.Clock.Advance(TimeSpan.FromSeconds(5));
            await kie.Server.WaitForCallbacksAsync(TestContext.Current.CancellationToken);
        }

        var payloads = receiver.Received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("data")).ToList();
        Assert.Equal(new[] { "text", "first", "complete" }, payloads.Select(p => p.GetProperty("callbackType").GetString()));
        Assert.All(payloads, p => Assert.Equal(taskId, p.GetProperty("task_id").GetString()));
        Assert.EndsWith(".mp3", payloads[^1].GetProperty("data")[1].GetProperty("audio_url").GetString());
    }

    [Fact]
    public async Task Aleph_puts_the_task_id_at_the_top_level()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var kie = await Kie.StartAsync();
        var taskId = await kie.CreateAsync("/api/v1/aleph/generate",
            $$"""{"prompt":"p","videoUrl":"https://e.com/v.mp4","callBackUrl":"{{receiver.Url}}"}""");
        kie.Clock.Advance(TimeSpan.FromMinutes(10));
        await kie.Server.WaitForCallbacksAsync(TestContext.Current.CancellationToken);
        var payload = JsonDocument.Parse(Assert.Single(receiver.Received).Body).RootElement;
        Assert.Equal(taskId, payload.GetProperty("taskId").GetString());
        Assert.EndsWith(".mp4", payload.GetProperty("data").GetProperty("result_video_url").GetString());
    }
}
