using KieGen.Client.Tests.Infrastructure;
using KieGen.Models;

namespace KieGen.Client.Tests;

public class WaitTests
{
    [Fact]
    public async Task Waiting_reports_progress_and_returns_typed_results_with_expiry()
    {
        // Progress is a member of Kie's October 2026 pages; the recorded polls have none.
        await using var h = await Harness.StartAsync(o => o.Shape = KieShape.Pages2026_10);
        var reports = new List<KieTaskProgress>();
        var progress = KieProgress.Create(reports.Add);
        var result = await h.DriveAsync(h.Client.SubmitAndWaitAsync(Sample.Kling(), progress, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(KieTaskState.Succeeded, reports[^1].State);
        Assert.Contains(reports, r => r.State == KieTaskState.Pending);
        Assert.Contains(reports, r => r.State == KieTaskState.Running && r.Progress is > 0 and < 1);
        var task = Assert.Single(h.Server.Tasks);
        Assert.Equal(task.ResultUrls, result.Urls.Select(u => u.ToString()));
        Assert.Equal(task.CompletedAt, result.CompletedAt);
        Assert.Equal(task.CompletedAt + TimeSpan.FromDays(14), result.ExpiresAt);
    }

    [Fact]
    public async Task Polling_follows_kies_guidance_frequent_first_then_slower()
    {
        await using var h = await Harness.StartAsync();
        h.Server.ScriptModel("kling-2.6/image-to-video", new TaskScript { Generating = TimeSpan.FromMinutes(6) });
        await h.DriveAsync(h.Client.SubmitAndWaitAsync(Sample.Kling(), cancellationToken: TestContext.Current.CancellationToken), TimeSpan.FromSeconds(1));

        var created = h.Server.Tasks[0].CreatedAt;
        var polls = h.Server.Requests.Where(r => r.Path == "/api/v1/jobs/recordInfo").Select(r => r.ReceivedAt - created).ToList();
        var gaps = polls.Zip(polls.Skip(1), (a, b) => (At: a, Gap: b - a)).ToList();
        // Medians: on a loaded machine a poll can reach the server a step late, which stretches single gaps.
        Assert.InRange(Median(gaps.Where(g => g.At < TimeSpan.FromSeconds(25))), 2, 5);
        Assert.InRange(Median(gaps.Where(g => g.At > TimeSpan.FromMinutes(2.5))), 20, 40);
        Assert.InRange(polls.Count, 15, 40); // 6 minutes of video: dozens of polls, not hundreds
    }

    [Fact]
    public async Task A_failed_task_throws_with_kies_code_and_message()
    {
        await using var h = await Harness.StartAsync();
        h.Server.ScriptNextTask(TaskScript.Failing("422", "Invalid prompt: prompt contains prohibited content"));
        var error = await Assert.ThrowsAsync<KieTaskFailedException>(() => h.DriveAsync(h.Client.SubmitAndWaitAsync(Sample.Kling(), cancellationToken: TestContext.Current.CancellationToken)));
        Assert.Equal(("422", "Invalid prompt: prompt contains prohibited content"), (error.FailCode, error.FailMessage));
        Assert.Equal(h.Server.Tasks[0].TaskId, error.TaskId);
    }

    [Theory]
    [InlineData(FaultKind.FailCodeAsNumber, "500")]
    [InlineData(FaultKind.FailCodeAsNull, null)]
    public async Task FailCode_as_number_or_null_is_read(FaultKind kind, string? expected)
    {
        await using var h = await Harness.StartAsync();
        h.Server.ScriptNextTask(TaskScript.Failing("500", "Internal server error"));
        var task = await h.Client.SubmitAsync(Sample.Kling(), cancellationToken: TestContext.Current.CancellationToken);
        h.Clock.Advance(TimeSpan.FromMinutes(10));
        h.Server.InjectFault(new Fault(kind));
        var status = await h.Client.GetStatusAsync(task, TestContext.Current.CancellationToken);
        Assert.Equal((KieTaskState.Failed, expected), (status.State, status.FailCode));
    }

    [Fact]
    public async Task Transient_status_errors_are_retried_and_the_wait_completes()
    {
        await using var h = await Harness.StartAsync();
        var task = await h.Client.SubmitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken);
        foreach (var fault in new[] { Fault.ServerError(500), Fault.Maintenance(), Fault.TooManyRequests(TimeSpan.FromSeconds(1)), new Fault(FaultKind.MalformedJson), new Fault(FaultKind.MessageInsteadOfMsg) })
        {
            h.Server.InjectFault(fault with { PathPrefix = "/api/v1/jobs/recordInfo" });
        }

        var result = await h.DriveAsync(h.Client.WaitForCompletionAsync(task, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Single(result.Urls);
        Assert.Single(h.Server.Tasks);
    }

    [Fact]
    public async Task A_wait_timeout_names_the_task_which_can_be_resumed_to_completion()
    {
        await using var h = await Harness.StartAsync();
        var task = await h.Client.SubmitAsync(Sample.Kling(), cancellationToken: TestContext.Current.CancellationToken);
        var error = await Assert.ThrowsAsync<KieWaitTimeoutException>(() => h.DriveAsync(h.Client.WaitForCompletionAsync(task, timeout: TimeSpan.FromSeconds(30), cancellationToken: TestContext.Current.CancellationToken)));
        Assert.Equal(task.TaskId, error.TaskId);
        Assert.Equal(KieTaskState.Running, error.LastState);

        var result = await h.DriveAsync(h.Client.WaitForCompletionAsync(task, cancellationToken: TestContext.Current.CancellationToken));
        Assert.NotEmpty(result.Urls);
    }

    [Fact]
    public async Task Cancelling_stops_the_wait_but_not_the_task()
    {
        await using var h = await Harness.StartAsync();
        var task = await h.Client.SubmitAsync(Sample.Kling(), cancellationToken: TestContext.Current.CancellationToken);
        using var cancel = new CancellationTokenSource();
        var wait = h.Client.WaitForCompletionAsync(task, cancellationToken: cancel.Token);
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);

        h.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(KieTaskState.Succeeded, (await h.Client.GetStatusAsync(task, TestContext.Current.CancellationToken)).State);
        Assert.Single(h.Server.Tasks);
    }

    [Fact]
    public async Task A_token_resumes_the_task_in_a_fresh_client()
    {
        await using var h = await Harness.StartAsync();
        var token = (await h.Client.SubmitAsync(Sample.Kling(), cancellationToken: TestContext.Current.CancellationToken)).ToToken();
        Assert.True(token.Length < 200);
        Assert.DoesNotContain('/', token);

        using var later = h.NewClient();
        var resumed = later.GetTask(token);
        Assert.Equal((h.Server.Tasks[0].TaskId, "kling-2.6/image-to-video"), (resumed.TaskId, resumed.ModelId));
        var result = await h.DriveAsync(later.WaitForCompletionAsync(resumed, cancellationToken: TestContext.Current.CancellationToken));
        Assert.NotEmpty(result.Urls);

        var byId = later.GetTask(resumed.TaskId, KieGen.Models.Video.Kling2_6ImageToVideoRequest.KieModel);
        Assert.Equal(resumed, byId);
        Assert.Throws<FormatException>(() => later.GetTask("not-a-token"));
    }

    [Fact]
    public async Task Many_waiting_tasks_share_one_status_budget_of_ten_calls_a_second()
    {
        await using var h = await Harness.StartAsync(o => o.CreateLimit = 1000, o => o.CreateLimit = 1000);
        var tasks = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => h.Client.SubmitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken)));
        var waits = tasks.Select(t => h.Client.WaitForCompletionAsync(t, cancellationToken: TestContext.Current.CancellationToken)).ToArray();
        var results = await h.DriveAsync(Task.WhenAll(waits), TimeSpan.FromMilliseconds(100));

        Assert.Equal(60, results.Length);
        var polls = h.Server.Requests.Where(r => r.Path == "/api/v1/jobs/recordInfo").Select(r => r.ReceivedAt).Order().ToList();
        for (var i = 10; i < polls.Count; i++)
        {
            Assert.True(polls[i] - polls[i - 10] >= TimeSpan.FromSeconds(1), $"11 status calls within {polls[i] - polls[i - 10]}");
        }
    }

    private static double Median(IEnumerable<(TimeSpan At, TimeSpan Gap)> gaps)
    {
        var sorted = gaps.Select(g => g.Gap.TotalSeconds).Order().ToList();
        Assert.NotEmpty(sorted);
        return sorted[sorted.Count / 2];
    }
}
