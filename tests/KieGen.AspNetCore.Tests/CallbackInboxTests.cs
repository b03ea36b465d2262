using KieGen.AspNetCore.Tests.Infrastructure;

namespace KieGen.AspNetCore.Tests;

/// <summary>Acknowledged callbacks are never lost: kills, failing handlers, failing status reads, replays, floods.</summary>
public class CallbackInboxTests
{
    [Fact]
    public async Task A_host_killed_between_acknowledging_and_handling_is_replaced_by_one_that_runs_the_handler()
    {
        await using var first = await CallbackApp.StartAsync(handlers: o => o.ClaimLease = TimeSpan.FromMinutes(2));
        var stuck = new TaskCompletionSource();
        first.Behaviour = async (_, cancellationToken) =>
        {
            stuck.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken); // the instance dies before its handler finishes
        };
        var task = await first.Client.SubmitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken);
        first.Clock.Advance(TimeSpan.FromMinutes(1));
        await stuck.Task.WaitAsync(TestContext.Current.CancellationToken);
        // Kie was answered 200 (the fake marks it once it has read the answer, which can be after the handler started).
        await CallbackApp.UntilAsync(() => first.Server.Callbacks.Any(c => c.TaskId == task.TaskId && c.Delivered), "the fake server recorded the delivery");
        await first.StopAppAsync();

        await using var second = await CallbackApp.StartAsync(sharing: first);
        Assert.Empty(second.Handled);
        await second.AdvanceUntilAsync(() => second.Handled.Count == 1, TimeSpan.FromSeconds(10), "the dead instance's claim lapsed and the new one ran the handler");
        var delivered = DateTimeOffset.FromUnixTimeSeconds(long.Parse(first.Server.Callbacks.First(c => c.Delivered).Timestamp!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(second.Clock.GetUtcNow() - delivered >= TimeSpan.FromMinutes(2), "the entry was taken over only after the dead instance's claim lapsed");
        Assert.Equal(task.TaskId, second.Handled.Single().Task.TaskId);
        Assert.Empty(first.Handled);
        Assert.Empty(await second.Inbox.DeadLettersAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_throwing_handler_is_retried_with_backoff_until_it_succeeds()
    {
        await using var app = await CallbackApp.StartAsync(handlers: o => o.RetryDelay = TimeSpan.FromSeconds(10));
        var failures = 2;
        app.Behaviour = (_, _) => Interlocked.Decrement(ref failures) >= 0 ? throw new InvalidOperationException("database down") : Task.CompletedTask;
        var task = await app.Client.SubmitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await CallbackApp.UntilAsync(() => app.HandlerCalls == 1, "the first attempt ran");

        // Nothing is retried before the backoff has passed on the clock.
        await app.Clock.WaitForPendingTimersAsync(1, TestContext.Current.CancellationToken);
        app.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, app.HandlerCalls);

        await app.AdvanceUntilAsync(() => !app.Handled.IsEmpty, TimeSpan.FromSeconds(5), "the handler succeeded");
        await CallbackApp.UntilAsync(() => app.Handled.Count == 1, "the handler succeeded");
        Assert.Equal(3, app.HandlerCalls);
        Assert.Equal(task.TaskId, app.Handled.Single().Task.TaskId);
    }

    [Fact]
    public async Task A_handler_that_always_fails_is_dead_lettered_after_the_last_attempt()
    {
        await using var app = await CallbackApp.StartAsync(handlers: o => (o.MaxAttempts, o.RetryDelay) = (3, TimeSpan.FromSeconds(1)));
        app.Behaviour = (_, _) => throw new InvalidOperationException("always");
        var task = await app.Client.SubmitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.AdvanceUntilAsync(() => app.Inbox.DeadLettersAsync().AsTask().Result.Count == 1, TimeSpan.FromSeconds(2), "the entry was dead-lettered");
        var dead = Assert.Single(await app.Inbox.DeadLettersAsync(TestContext.Current.CancellationToken));
        Assert.Equal((task.TaskId, 3), (dead.Receipt.TaskId, dead.Attempts));
        Assert.Contains("always", dead.LastError);
        Assert.Equal(3, app.HandlerCalls);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(429)]
    [InlineData(455)]
    public async Task A_failing_confirming_status_read_is_retried_and_the_handler_still_runs(int status)
    {
        await using var app = await CallbackApp.StartAsync(handlers: o => o.RetryDelay = TimeSpan.FromSeconds(2));
        var task = await app.Client.SubmitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken);
        var fault = status == 429 ? Fault.TooManyRequests(pathPrefix: "/api/v1/jobs/recordInfo") : Fault.ServerError(status, "/api/v1/jobs/recordInfo");
        app.Server.InjectFault(fault);
        app.Server.InjectFault(fault);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.AdvanceUntilAsync(() => !app.Handled.IsEmpty, TimeSpan.FromSeconds(2), "the handler ran");
        await CallbackApp.UntilAsync(() => app.Handled.Count == 1, "the handler ran");
        Assert.Equal(3, app.StatusCalls(task.TaskId));
        Assert.Equal(1, app.HandlerCalls);
    }

    [Fact]
    public async Task A_genuine_callback_that_comes_before_Kie_reports_the_task_finished_is_checked_again_and_its_handler_runs()
    {
        // Kie's own deliveries go nowhere here, so only the early callback can bring the handler about.
        await using var app = await CallbackApp.StartAsync(
            server: o => o.CallbackRetries = 0,
            client: o => o.Callbacks.PublicBaseUrl = new Uri("http://127.0.0.1:9/"),
            handlers: o => o.RetryDelay = TimeSpan.FromSeconds(10));
        var task = await app.Client.SubmitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken);
        var now = app.Now();
        var early = "{\"code\":200,\"msg\":\"success\",\"data\":{\"taskId\":\"" + task.TaskId + "\",\"state\":\"success\"}}";
        Assert.Equal(HttpStatusCode.OK, await app.PostCallbackAsync(early, now, KieWebhookVerifier.Sign(CallbackApp.HmacKey, task.TaskId, now)));
        await CallbackApp.UntilAsync(() => app.StatusCalls(task.TaskId) == 1, "the callback was checked against Kie");
        Assert.Equal(0, app.HandlerCalls);

        await app.AdvanceUntilAsync(() => !app.Handled.IsEmpty, TimeSpan.FromSeconds(5), "the entry was checked again after Kie finished the task");

        await CallbackApp.UntilAsync(() => ((InMemoryKieCallbackInbox)app.Inbox).Pending == 0, "the entry was completed");
        Assert.True(app.StatusCalls(task.TaskId) >= 2);
        Assert.Equal(app.Server.Tasks.Single().ResultUrls, app.Handled.Single().Status.Result!.Urls.Select(u => u.ToString()));
        Assert.Equal(1, app.HandlerCalls);
        Assert.DoesNotContain(app.Server.Callbacks, c => c.Delivered);
        Assert.Empty(await app.Inbox.DeadLettersAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Replays_with_altered_unsigned_fields_run_no_extra_handler_and_no_extra_status_call()
    {
        await using var app = await CallbackApp.StartAsync();
        var task = await app.Client.SubmitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken);
        await app.DriveAsync(app.Client.WaitForCompletionAsync(task, cancellationToken: TestContext.Current.CancellationToken));
        await CallbackApp.UntilAsync(() => app.Handled.Count == 1, "the genuine callback was handled");
        // The handler can finish before the fake server has read the endpoint's 200 and marked its delivery.
        await CallbackApp.UntilAsync(() => app.Server.Callbacks.Any(c => c.Delivered), "the fake server recorded the delivery");
        var genuine = app.Server.Callbacks.First(c => c.Delivered);

        foreach (var stage in new[] { "complete", "error", "text", "first", "anything", "" })
        {
            var altered = genuine.Body.Replace("\"data\":{", "\"data\":{\"callbackType\":\"" + stage + "\",\"state\":\"fail\",", StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, await app.PostCallbackAsync(altered, genuine.Timestamp, genuine.Signature, genuine.Url.Split("kie-task=")[1]));
        }

        Assert.Equal(0, ((InMemoryKieCallbackInbox)app.Inbox).Pending); // nothing was even queued
        Assert.Single(app.Handled);
        Assert.Equal(1, app.HandlerCalls);
        Assert.Equal(1, app.StatusCalls(task.TaskId));
    }

    [Fact]
    public async Task A_flood_beyond_the_inbox_bound_is_refused_with_503_not_queued()
    {
        await using var app = await CallbackApp.StartAsync(handlers: o => o.InboxCapacity = 1);
        var release = new TaskCompletionSource();
        app.Behaviour = (_, cancellationToken) => release.Task.WaitAsync(cancellationToken);
        var task = await app.Client.SubmitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await CallbackApp.UntilAsync(() => app.HandlerCalls == 1, "the genuine callback is being handled");

        var now = app.Now();
        var flood = "{\"code\":200,\"msg\":\"success\",\"data\":{\"taskId\":\"" + task.TaskId + "\",\"state\":\"success\"}}";
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            // New timestamps (the genuine delivery's own would be a duplicate, answered 200 without queueing).
            var timestamp = (long.Parse(now, System.Globalization.CultureInfo.InvariantCulture) - 1 - i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            answers.Add(await app.PostCallbackAsync(flood, timestamp, KieWebhookVerifier.Sign(CallbackApp.HmacKey, task.TaskId, timestamp)));
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.ServiceUnavailable, a));
        Assert.Equal(1, ((InMemoryKieCallbackInbox)app.Inbox).Pending);
        release.SetResult();
        await CallbackApp.UntilAsync(() => app.Handled.Count == 1, "the genuine callback was handled");
    }
}
