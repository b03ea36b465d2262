using KieGen.Client.Tests.Infrastructure;
using KieGen.Models;
using KieGen.Validation;

namespace KieGen.Client.Tests;

/// <summary>Every way a create call can go: created once, retried only when provably not created, never duplicated.</summary>
public class SubmitTests
{
    [Fact]
    public async Task A_valid_request_creates_exactly_one_task_and_returns_its_handle()
    {
        await using var h = await Harness.StartAsync();
        var task = await h.Client.SubmitAsync(Sample.Kling(), "https://example.com/cb", TestContext.Current.CancellationToken);

        var created = Assert.Single(h.Server.Tasks);
        Assert.Equal((created.TaskId, "kling-2.6/image-to-video", KieGen.Requests.KieApiFamily.Market), (task.TaskId, task.ModelId, task.Family));
        Assert.Equal("https://example.com/cb", created.CallbackUrl);
        Assert.Equal("/api/v1/jobs/recordInfo", task.StatusPath);
    }

    [Fact]
    public async Task An_invalid_request_is_refused_before_anything_is_sent()
    {
        await using var h = await Harness.StartAsync();
        var request = new KieGen.Models.Video.Kling2_6ImageToVideoRequest
        {
            Prompt = new string('x', 1001),
            ImageUrls = new[] { "https://example.com/a.png" },
            Sound = false,
            Duration = KieGen.Models.Video.Kling2_6ImageToVideoDuration.Seconds5,
        };
        var error = await Assert.ThrowsAsync<KieValidationException>(() => h.Client.SubmitAsync(request, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("prompt", error.Message);
        Assert.Empty(h.Server.Requests);
    }

    [Fact]
    public async Task A_429_is_retried_after_retry_after_and_creates_one_task()
    {
        await using var h = await Harness.StartAsync();
        h.Server.InjectFault(Fault.TooManyRequests(TimeSpan.FromSeconds(3)));
        var submit = h.Client.SubmitAsync(Sample.Kling(), cancellationToken: TestContext.Current.CancellationToken);
        var start = h.Clock.GetUtcNow();
        var task = await h.DriveAsync(submit, TimeSpan.FromMilliseconds(250));

        Assert.Single(h.Server.Tasks);
        Assert.Equal(2, h.Creates.Count);
        Assert.True(h.Server.Tasks[0].CreatedAt - start >= TimeSpan.FromSeconds(3));
        Assert.Equal(task.TaskId, h.Server.Tasks[0].TaskId);
    }

    [Fact]
    public async Task A_429_without_retry_after_is_retried_with_backoff_and_gives_up_after_the_retries()
    {
        await using var h = await Harness.StartAsync(client: o => o.SubmitRetries = 2);
        for (var i = 0; i < 3; i++)
        {
            h.Server.InjectFault(Fault.TooManyRequests());
        }

        var error = await Assert.ThrowsAsync<KieRateLimitedException>(() => h.DriveAsync(h.Client.SubmitAsync(Sample.Kling(), cancellationToken: TestContext.Current.CancellationToken)));
        Assert.Equal(429, (int)error.HttpStatus!);
        Assert.Equal(3, h.Creates.Count);
        Assert.Empty(h.Server.Tasks);
    }

    [Fact]
    public async Task A_connection_reset_after_the_request_was_processed_is_an_unknown_outcome_never_resubmitted()
    {
        await using var h = await Harness.StartAsync();
        h.Server.InjectFault(Fault.ResetAfterProcessing("/api/v1/jobs/createTask"));
        var error = await Assert.ThrowsAsync<KieSubmissionUnknownException>(() => h.Client.SubmitAsync(Sample.Kling(), "https://example.com/cb", TestContext.Current.CancellationToken));

        Assert.Single(h.Server.Tasks); // the task exists...
        Assert.Single(h.Creates);      // ...and was not created twice
        Assert.Equal(("kling-2.6/image-to-video", "https://example.com/cb"), (error.ModelId, error.CallbackUrl));
    }

    [Fact]
    public async Task A_timeout_is_an_unknown_outcome_never_resubmitted()
    {
        await using var h = await Harness.StartAsync(client: o => o.RequestTimeout = TimeSpan.FromSeconds(20));
        h.Server.InjectFault(Fault.Slow(TimeSpan.FromMinutes(5)));
        var submit = h.Client.SubmitAsync(Sample.Kling(), cancellationToken: TestContext.Current.CancellationToken);

        // The request timeout runs on the client's clock: once the create call is held at the server, 20 s pass.
        await Harness.UntilAsync(() => h.Server.Tasks.Count == 1, "the create call reached the server");
        await h.Clock.WaitForPendingTimersAsync(1, TestContext.Current.CancellationToken);
        h.Clock.Advance(TimeSpan.FromSeconds(19));
        Assert.False(submit.IsCompleted);
        h.Clock.Advance(TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<KieSubmissionUnknownException>(() => submit);
        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.Single(h.Server.Tasks);
        Assert.Single(h.Creates);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    public async Task A_5xx_on_submit_is_an_unknown_outcome_never_resubmitted(int status)
    {
        await using var h = await Harness.StartAsync();
        h.Server.InjectFault(Fault.ServerError(status));
        var error = await Assert.ThrowsAsync<KieSubmissionUnknownException>(() => h.Client.SubmitAsync(Sample.Kling(), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(status, (int)error.HttpStatus!);
        Assert.Single(h.Creates);
    }

    [Theory]
    [InlineData(FaultKind.MalformedJson)]
    [InlineData(FaultKind.TruncatedJson)]
    public async Task An_unreadable_answer_on_submit_is_an_unknown_outcome(FaultKind kind)
    {
        await using var h = await Harness.StartAsync();
        h.Server.InjectFault(new Fault(kind));
        await Assert.ThrowsAsync<KieSubmissionUnknownException>(() => h.Client.SubmitAsync(Sample.Kling(), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Single(h.Server.Tasks);
        Assert.Single(h.Creates);
    }

    [Fact]
    public async Task Maintenance_is_a_refusal_with_its_own_exception()
    {
        await using var h = await Harness.StartAsync();
        h.Server.InjectFault(Fault.Maintenance());
        await Assert.ThrowsAsync<KieMaintenanceException>(() => h.Client.SubmitAsync(Sample.Kling(), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Empty(h.Server.Tasks);
    }

    [Fact]
    public async Task A_failure_to_connect_is_retried_because_nothing_was_sent_then_reported()
    {
        await using var h = await Harness.StartAsync();
        var closed = new KieClientOptions { ApiKey = h.Key, BaseAddress = new Uri("http://127.0.0.1:9/"), SubmitRetries = 2 };
        using var client = new KieClient(closed, null, null, h.Clock);
        var error = await Assert.ThrowsAsync<KieServerException>(() => h.DriveAsync(client.SubmitAsync(Sample.Kling(), cancellationToken: TestContext.Current.CancellationToken)));
        Assert.Contains("nothing was submitted", error.Message);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_wrong_key_is_an_authentication_error_whether_http_401_or_body_code_401(bool asHttp200)
    {
        await using var h = await Harness.StartAsync(o => o.AuthFailureAsHttp200 = asHttp200);
        using var client = new KieClient(new KieClientOptions { ApiKey = "wrong", BaseAddress = h.Server.BaseAddress }, null, null, h.Clock);
        var error = await Assert.ThrowsAsync<KieAuthenticationException>(() => client.SubmitAsync(Sample.Kling(), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal((asHttp200 ? 200 : 401, 401), ((int)error.HttpStatus!, error.Code));
    }

    [Fact]
    public async Task Kie_side_validation_is_a_rejection_carrying_kies_message()
    {
        await using var h = await Harness.StartAsync(o => o.Catalog = KieGenCatalog.Models);
        var error = await Assert.ThrowsAsync<KieRequestRejectedException>(() => h.Client.SubmitAsync(Sample.Kling(), "not a url", TestContext.Current.CancellationToken));
        Assert.Equal((422, "callBackUrl: must be an absolute URL"), (error.Code, error.KieMessage));
        Assert.Empty(h.Server.Tasks);
    }

    [Fact]
    public async Task Too_few_credits_is_its_own_exception()
    {
        await using var h = await Harness.StartAsync(o => o.CreditsPerTask = 1_000_000);
        var error = await Assert.ThrowsAsync<KieInsufficientCreditsException>(() => h.Client.SubmitAsync(Sample.Kling(), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(402, error.Code);
    }

    [Fact]
    public async Task Suno_needs_a_callback_url_and_says_so_before_sending()
    {
        await using var h = await Harness.StartAsync();
        var suno = Sample.Parse("suno/generate-music", """{"prompt":"p","customMode":false,"instrumental":true,"model":"V4"}""");
        var error = await Assert.ThrowsAsync<ArgumentException>(() => h.Client.SubmitAsync(suno, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("callBackUrl", error.Message);
        Assert.Empty(h.Server.Requests);
    }

    [Fact]
    public async Task Submissions_beyond_the_limit_queue_in_the_client_and_no_429_reaches_kie()
    {
        await using var h = await Harness.StartAsync();
        var start = h.Clock.GetUtcNow();
        var submits = Enumerable.Range(0, 45).Select(_ => h.Client.SubmitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken)).ToArray();
        var tasks = await h.DriveAsync(Task.WhenAll(submits), TimeSpan.FromMilliseconds(200));

        Assert.Equal(45, tasks.Select(t => t.TaskId).Distinct().Count());
        Assert.Equal(45, h.Creates.Count); // no 429 happened: the server saw exactly one request per task
        var created = h.Server.Tasks.Select(t => t.CreatedAt).Order().ToList();
        for (var i = 20; i < created.Count; i++)
        {
            Assert.True(created[i] - created[i - 20] >= TimeSpan.FromSeconds(10), $"task {i} came {created[i] - created[i - 20]} after task {i - 20}");
        }

        Assert.True(created[^1] - start >= TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Two_clients_of_one_key_share_the_limit()
    {
        await using var h = await Harness.StartAsync(client: o => o.CreateLimit = 2);
        using var second = h.NewClient();
        var submits = new[] { h.Client, second, h.Client, second }
            .Select(c => c.SubmitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken)).ToArray();
        await h.DriveAsync(Task.WhenAll(submits), TimeSpan.FromMilliseconds(200));
        var created = h.Server.Tasks.Select(t => t.CreatedAt).Order().ToList();
        Assert.True(created[2] - created[0] >= TimeSpan.FromSeconds(10));
    }
}
