using KieGen.AspNetCore.Tests.Infrastructure;

namespace KieGen.AspNetCore.Tests;

/// <summary>A real Kestrel app receiving real callbacks from the fake Kie server over loopback.</summary>
public class CallbackEndpointTests
{
    [Fact]
    public async Task A_verified_callback_completes_the_waiting_task_with_one_confirming_status_call()
    {
        await using var app = await CallbackApp.StartAsync();
        var task = await app.Client.SubmitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken);
        var created = Assert.Single(app.Server.Tasks);
        Assert.StartsWith(app.CallbackUrl + "?kie-task=", created.CallbackUrl);

        var result = await app.DriveAsync(app.Client.WaitForCompletionAsync(task, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(created.ResultUrls, result.Urls.Select(u => u.ToString()));
        Assert.Equal(1, app.StatusCalls(task.TaskId)); // the callback's confirmation; the wait itself never polled
        await CallbackApp.UntilAsync(() => app.Handled.Count == 1 && app.Hooked.Count == 1, "the handlers ran");
        Assert.Equal(task.TaskId, app.Handled.Single().Task.TaskId);
        Assert.True(app.Handled.Single().Succeeded);
    }

    [Fact]
    public async Task A_finished_task_reaches_the_handlers_even_when_nothing_waits()
    {
        await using var app = await CallbackApp.StartAsync();
        app.Server.ScriptNextTask(TaskScript.Failing("501", "Generation failed"));
        var task = await app.Client.SubmitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await CallbackApp.UntilAsync(() => app.Handled.Count == 1, "the handler ran");
        var completion = app.Handled.Single();
        Assert.Equal((task.TaskId, false, "501"), (completion.Task.TaskId, completion.Succeeded, completion.Status.FailCode));
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("wrong key")]
    [InlineData("stale")]
    [InlineData("unsigned")]
    public async Task Forged_wrongly_keyed_stale_or_unsigned_callbacks_get_401_and_reach_nothing(string kind)
    {
        await using var app = await CallbackApp.StartAsync();
        var task = await app.Client.SubmitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken);
        app.Clock.Advance(TimeSpan.FromSeconds(5)); // still generating: no genuine callback yet
        var body = $$$"""{"code":200,"msg":"success","data":{"taskId":"{{{task.TaskId}}}","state":"success","resultJson":"{\"resultUrls\":[\"https://evil.example/x.png\"]}"}}""";
        var now = app.Now();
        var stale = (app.Clock.GetUtcNow() - TimeSpan.FromMinutes(10)).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (timestamp, signature) = kind switch
        {
            "forged" => (now, Convert.ToBase64String(new byte[32])),
            "wrong key" => (now, KieWebhookVerifier.Sign("someone-else", task.TaskId, now)),
            "stale" => (stale, KieWebhookVerifier.Sign(CallbackApp.HmacKey, task.TaskId, stale)),
            _ => ((string?)null, (string?)null),
        };

        Assert.Equal(HttpStatusCode.Unauthorized, await app.PostCallbackAsync(body, timestamp, signature));
        await app.SettleAsync();
        Assert.Empty(app.Handled);
        Assert.Equal(0, app.StatusCalls(task.TaskId));
    }

    [Fact]
    public async Task An_unreadable_body_gets_400()
    {
        await using var app = await CallbackApp.StartAsync();
        Assert.Equal(HttpStatusCode.BadRequest, await app.PostCallbackAsync("<xml/>", app.Now(), "x"));
        Assert.Equal(HttpStatusCode.BadRequest, await app.PostCallbackAsync("""{"code":200,"data":{}}""", app.Now(), "x"));
    }

    [Fact]
    public async Task Invalid_utf8_or_a_lone_surrogate_in_the_task_id_gets_400_not_500()
    {
        await using var app = await CallbackApp.StartAsync();
        byte[] invalidUtf8 = [.. "{\"code\":200,\"data\":{\"taskId\":\"ab"u8, 0xC3, 0x28, .. "\"}}"u8];
        Assert.Equal(HttpStatusCode.BadRequest, await app.PostCallbackAsync(invalidUtf8, app.Now(), "x"));
        Assert.Equal(HttpStatusCode.BadRequest, await app.PostCallbackAsync("""{"code":200,"data":{"taskId":"ab\ud800"}}""", app.Now(), "x"));
        Assert.Equal(HttpStatusCode.BadRequest, await app.PostCallbackAsync("""{"code":200,"data":{"callbackType":"\udc00","task_id":"t"}}""", app.Now(), "x"));
    }

    [Fact]
    public async Task Duplicated_deliveries_and_replays_are_processed_once()
    {
        await using var app = await CallbackApp.StartAsync(server: o => o.DuplicateCallbacks = 2);
        var task = await app.Client.SubmitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken);
        await app.DriveAsync(app.Client.WaitForCompletionAsync(task, cancellationToken: TestContext.Current.CancellationToken));
        await app.SettleAsync();
        Assert.Equal(3, app.Server.Callbacks.Count(c => c.Delivered));

        // A replay of the genuine delivery, within the freshness window.
        var genuine = app.Server.Callbacks.First();
        Assert.Equal(HttpStatusCode.OK, await app.PostCallbackAsync(genuine.Body, genuine.Timestamp, genuine.Signature, Correlation(genuine.Url)));
        // The handler runs after the wait has ended: wait for it, then let any second run (there must be none) show.
        await CallbackApp.UntilAsync(() => !app.Handled.IsEmpty, "the handler ran");
        await app.SettleAsync();

        Assert.Single(app.Handled);
        Assert.Equal(1, app.StatusCalls(task.TaskId));
    }

    [Fact]
    public async Task A_verified_callback_for_a_task_this_app_did_not_submit_is_acknowledged_and_ignored()
    {
        await using var app = await CallbackApp.StartAsync();
        var now = app.Now();
        var body = """{"code":200,"msg":"success","data":{"taskId":"someone-elses-task","state":"success"}}""";
        Assert.Equal(HttpStatusCode.OK, await app.PostCallbackAsync(body, now, KieWebhookVerifier.Sign(CallbackApp.HmacKey, "someone-elses-task", now)));
        await app.SettleAsync();
        Assert.Empty(app.Handled);
        Assert.Equal(0, app.StatusCalls("someone-elses-task"));
    }

    [Fact]
    public async Task A_body_that_disagrees_with_kies_status_is_not_believed()
    {
        await using var app = await CallbackApp.StartAsync();
        var task = await app.Client.SubmitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken);
        var wait = app.Client.WaitForCompletionAsync(task, cancellationToken: TestContext.Current.CancellationToken);

        // Validly signed (the signature covers only id and time) but early, and with URLs Kie never produced.
        var now = app.Now();
        var lie = $$$"""{"code":200,"msg":"success","data":{"taskId":"{{{task.TaskId}}}","state":"success","resultJson":"{\"resultUrls\":[\"https://evil.example/x.png\"]}"}}""";
        Assert.Equal(HttpStatusCode.OK, await app.PostCallbackAsync(lie, now, KieWebhookVerifier.Sign(CallbackApp.HmacKey, task.TaskId, now)));
        await CallbackApp.UntilAsync(() => app.StatusCalls(task.TaskId) == 1, "the callback was checked against Kie");
        await app.SettleAsync();
        Assert.False(wait.IsCompleted);
        Assert.Empty(app.Handled);

        var result = await app.DriveAsync(wait);
        Assert.DoesNotContain(result.Urls, u => u.Host == "evil.example");
        await CallbackApp.UntilAsync(() => app.Handled.Count == 1, "the genuine callback was handled");
        Assert.Equal(app.Server.Tasks[0].ResultUrls, app.Handled.Single().Status.Result!.Urls.Select(u => u.ToString()));
    }

    [Fact]
    public async Task A_callback_that_never_comes_still_ends_the_wait_through_the_fallback_poll()
    {
        await using var app = await CallbackApp.StartAsync(server: o => o.CallbackRetries = 1);
        // A client of the same app whose callback URL points nowhere: every delivery fails.
        var options = new KieClientOptions
        {
            ApiKey = app.Key,
            BaseAddress = app.Server.BaseAddress,
            Callbacks = { PublicBaseUrl = new Uri("http://127.0.0.1:9/"), HmacKey = CallbackApp.HmacKey, FallbackPollInterval = TimeSpan.FromMinutes(2) },
        };
        using var client = new KieClient(options, new InMemoryKieTaskStore(), new InMemoryKieCompletionNotifier(app.Clock), null, null, app.Clock);
        var task = await client.SubmitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken);
        var start = app.Clock.GetUtcNow();

        var result = await app.DriveAsync(client.WaitForCompletionAsync(task, cancellationToken: TestContext.Current.CancellationToken));

        Assert.NotEmpty(result.Urls);
        Assert.All(app.Server.Callbacks, c => Assert.False(c.Delivered));
        Assert.True(app.Clock.GetUtcNow() - start >= TimeSpan.FromMinutes(2));
        Assert.Equal(1, app.StatusCalls(task.TaskId));
    }

    [Fact]
    public async Task A_callback_for_a_task_whose_create_answer_was_lost_is_matched_by_its_correlation()
    {
        await using var app = await CallbackApp.StartAsync();
        app.Server.InjectFault(Fault.ResetAfterProcessing("/api/v1/jobs/createTask"));
        var error = await Assert.ThrowsAsync<KieSubmissionUnknownException>(() => app.Client.SubmitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken));
        Assert.StartsWith(app.CallbackUrl + "?kie-task=", error.CallbackUrl);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await CallbackApp.UntilAsync(() => app.Handled.Count == 1, "the late callback was handled");
        var completion = app.Handled.Single();
        Assert.Equal((app.Server.Tasks[0].TaskId, "nano-banana-2"), (completion.Task.TaskId, completion.Task.ModelId));
        Assert.NotNull(await app.Store.FindByTaskIdAsync(completion.Task.TaskId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Suno_stages_report_progress_without_completing_early()
    {
        await using var app = await CallbackApp.StartAsync();
        var suno = Sample.Parse("suno/generate-music", """{"prompt":"p","customMode":false,"instrumental":true,"model":"V4"}""");
        var task = await app.Client.SubmitAsync(suno, cancellationToken: TestContext.Current.CancellationToken);
        var stages = new ConcurrentStages();
        var result = await app.DriveAsync(app.Client.WaitForCompletionAsync(task, stages, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(new[] { "text", "first" }, stages.RawStates.Where(s => s is "text" or "first"));
        Assert.Equal(KieTaskState.Succeeded, stages.States.Last());
        Assert.Equal(2, result.Tracks.Count);
        Assert.Equal(1, app.StatusCalls(task.TaskId));
        await CallbackApp.UntilAsync(() => app.Handled.Count == 1, "the handler ran once");
    }

    private static string Correlation(string url) => url.Split("kie-task=")[1];

    private sealed class ConcurrentStages : IProgress<KieTaskProgress>
    {
        private readonly List<KieTaskProgress> _seen = new();

        public IReadOnlyList<string> RawStates
        {
            get
            {
                lock (_seen)
                {
                    return _seen.Select(s => s.RawState).ToList();
                }
            }
        }

        public IReadOnlyList<KieTaskState> States
        {
            get
            {
                lock (_seen)
                {
                    return _seen.Select(s => s.State).ToList();
                }
            }
        }

        public void Report(KieTaskProgress value)
        {
            lock (_seen)
            {
                _seen.Add(value);
            }
        }
    }
}
