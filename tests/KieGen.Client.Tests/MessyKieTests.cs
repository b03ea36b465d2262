using KieGen.Client.Tests.Infrastructure;

namespace KieGen.Client.Tests;

/// <summary>The client against each way the fake server can be as messy as Kie (FakeKieOptions and faults).</summary>
public class MessyKieTests
{
    private const string Status = "/api/v1/jobs/recordInfo";

    [Theory]
    [InlineData(422)]
    [InlineData(404)]
    public async Task A_task_not_visible_right_after_its_create_call_is_waited_for(int code)
    {
        // Hidden for two minutes (within a grace period of five): the driver turns each quiet moment of a loaded machine
        // into a clock step of up to 500 ms, and with 6 s hidden a dozen of them before the client's first poll timer
        // once let the task appear unpolled.
        var hidden = TimeSpan.FromMinutes(2);
        await using var h = await Harness.StartAsync(s => (s.NotVisibleFor, s.NotVisibleCode) = (hidden, code), c => c.NotVisibleGracePeriod = TimeSpan.FromMinutes(5));
        var result = await h.DriveAsync(h.Client.SubmitAndWaitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken));

        var task = Assert.Single(h.Server.Tasks);
        Assert.NotEmpty(result.Urls);
        Assert.Contains(h.Server.Requests, r => r.Path == Status && r.ReceivedAt < task.CreatedAt + hidden); // it was polled while hidden
    }

    [Fact]
    public async Task A_task_still_not_visible_after_the_grace_period_is_reported()
    {
        await using var h = await Harness.StartAsync(s => s.NotVisibleFor = TimeSpan.FromMinutes(5), c => c.NotVisibleGracePeriod = TimeSpan.FromSeconds(20));
        var error = await Assert.ThrowsAsync<KieTaskNotFoundException>(() => h.DriveAsync(h.Client.SubmitAndWaitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken)));

        Assert.Equal(("recordInfo is null", h.Server.Tasks[0].TaskId), (error.KieMessage, error.TaskId));
        var last = h.Server.Requests.Last(r => r.Path == Status);
        Assert.InRange(last.ReceivedAt - h.Server.Tasks[0].CreatedAt, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(40));
    }

    [Fact]
    public async Task A_one_off_not_visible_answer_in_the_random_fault_mode_is_waited_for()
    {
        await using var h = await Harness.StartAsync(s => s.RandomFaults = new RandomFaults(0.5, [Fault.NotYetVisible(Status)]));
        var result = await h.DriveAsync(h.Client.SubmitAndWaitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken));
        Assert.NotEmpty(result.Urls);
        Assert.Single(h.Server.Tasks);
    }

    [Theory]
    [InlineData(501, "Generation failed")]
    [InlineData(408, "Timeout")]
    public async Task A_failure_code_in_the_status_body_is_a_failed_task_with_kies_code_and_message_not_retried(int code, string message)
    {
        var text = code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var h = await Harness.StartAsync(s => s.FailedTaskStatusCode = code);
        h.Server.ScriptNextTask(TaskScript.Failing(text, message));

        var error = await Assert.ThrowsAsync<KieTaskFailedException>(() => h.DriveAsync(h.Client.SubmitAndWaitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken)));

        Assert.Equal((text, message), (error.FailCode, error.FailMessage));
        var task = Assert.Single(h.Server.Tasks);
        Assert.Single(h.Server.Requests, r => r.Path == Status && r.ReceivedAt >= task.CompletedAt);
    }

    [Fact]
    public async Task Errors_with_http_200_and_only_a_body_code_are_errors()
    {
        await using var h = await Harness.StartAsync(s => (s.ErrorsAsHttp200, s.AuthFailureAsHttp200, s.CreditsPerTask) = (true, true, 1_000_000m));
        using var stranger = new KieClient(new KieClientOptions { ApiKey = "not-a-key", BaseAddress = h.Server.BaseAddress, UploadBaseAddress = h.Server.UploadBaseAddress });

        var auth = await Assert.ThrowsAsync<KieAuthenticationException>(() => stranger.GetCreditsAsync(TestContext.Current.CancellationToken));
        var credits = await Assert.ThrowsAsync<KieInsufficientCreditsException>(() => h.Client.SubmitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal((HttpStatusCode.OK, 401), (auth.HttpStatus, auth.Code));
        Assert.Equal((HttpStatusCode.OK, 402), (credits.HttpStatus, credits.Code));
        Assert.Empty(h.Server.Tasks);
    }

    [Fact]
    public async Task A_server_error_with_http_200_during_a_wait_is_retried()
    {
        await using var h = await Harness.StartAsync();
        var task = await h.Client.SubmitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken);
        h.Server.InjectFault(Fault.ErrorAsHttp200(500, Status));
        h.Server.InjectFault(Fault.HtmlErrorPage(Status));

        var result = await h.DriveAsync(h.Client.WaitForCompletionAsync(task, cancellationToken: TestContext.Current.CancellationToken));
        Assert.NotEmpty(result.Urls);
    }

    [Fact]
    public async Task Results_on_a_separate_file_host_download_within_expiry_refresh_after_and_fail_typed_past_retention()
    {
        await using var h = await Harness.StartAsync(s => (s.SeparateFileHost, s.FileLinkLifetime) = (true, TimeSpan.FromHours(1)));
        var result = await h.DriveAsync(h.Client.SubmitAndWaitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken));
        var link = Assert.Single(result.Urls);
        Assert.Equal(h.Server.FileHostAddress!.Authority, link.Authority);
        Assert.NotEqual(h.Server.BaseAddress.Authority, link.Authority);
        Assert.Contains("expires=", link.Query, StringComparison.Ordinal);
        Assert.Contains("&sig=", link.Query, StringComparison.Ordinal);

        using var fresh = new MemoryStream();
        await h.Client.DownloadAsync(link, fresh, cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual(0, fresh.Length);
        Assert.DoesNotContain(h.Server.Requests, r => r.Path == "/api/v1/common/download-url");

        // A tampered signature is refused like an expired one (403).
        using var http = new HttpClient();
        using (var tampered = await http.GetAsync(link.ToString()[..^1] + (link.ToString()[^1] == '0' ? "1" : "0"), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        }

        h.Clock.Advance(TimeSpan.FromHours(2)); // the link expired: 403, refreshed through common/download-url
        using var refreshed = new MemoryStream();
        await h.Client.DownloadAsync(link, refreshed, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(fresh.ToArray(), refreshed.ToArray());
        Assert.Single(h.Server.Requests, r => r.Path == "/api/v1/common/download-url");

        h.Clock.Advance(TimeSpan.FromDays(15)); // past retention: Kie refuses a fresh link
        var error = await Assert.ThrowsAsync<KieRequestRejectedException>(() => h.Client.DownloadAsync(link, new MemoryStream(), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("14 days", error.KieMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Follow_ups_on_an_unknown_or_unfinished_parent_are_rejected_as_kie_rejects_them()
    {
        await using var h = await Harness.StartAsync(s => s.ValidateParentTasks = true);
        var unknown = await Assert.ThrowsAsync<KieRequestRejectedException>(() => h.Client.SubmitAsync(Extend("no-such-task"), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("record is null", unknown.KieMessage);

        var parent = await h.Client.SubmitAsync(Sample.Parse("veo3.1/generate", """{"prompt":"a lighthouse"}"""), cancellationToken: TestContext.Current.CancellationToken);
        var running = await Assert.ThrowsAsync<KieRequestRejectedException>(() => h.Client.SubmitAsync(Extend(parent.TaskId), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("record status is not success", running.KieMessage);
        Assert.Single(h.Server.Tasks); // nothing was created (or charged) for the rejected follow-ups

        await h.DriveAsync(h.Client.WaitForCompletionAsync(parent, cancellationToken: TestContext.Current.CancellationToken));
        var extension = await h.Client.SubmitAsync(Extend(parent.TaskId), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(2, h.Server.Tasks.Count);
        Assert.NotEqual(parent.TaskId, extension.TaskId);

        static KieGen.Requests.IKieRequest Extend(string parentId) =>
            Sample.Parse("veo3.1/extend", JsonSerializer.Serialize(new { taskId = parentId, prompt = "and then the sun rises" }));
    }
}
