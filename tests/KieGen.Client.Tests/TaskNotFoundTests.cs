using KieGen.Client.Tests.Infrastructure;
using KieGen.Models;

namespace KieGen.Client.Tests;

/// <summary>
/// A task Kie does not know is a typed answer, <see cref="KieTaskNotFoundException"/>, in both of Kie's recorded forms
/// (unified endpoint: code 422 "recordInfo is null"; Suno's record-info: code 200 with data null), and never retried.
/// </summary>
public class TaskNotFoundTests
{
    [Fact]
    public async Task An_unknown_unified_task_is_not_found_with_Kies_message()
    {
        await using var h = await Harness.StartAsync();
        var task = h.Client.GetTask("made-up-task-id", KieGenCatalog.Models["nano-banana-2"].Model);

        var e = await Assert.ThrowsAsync<KieTaskNotFoundException>(() => h.Client.GetStatusAsync(task, TestContext.Current.CancellationToken));
        Assert.Equal(("made-up-task-id", 422, "recordInfo is null", HttpStatusCode.OK), (e.TaskId, e.Code, e.KieMessage, e.HttpStatus));
    }

    [Fact]
    public async Task An_unknown_suno_task_answered_with_data_null_is_not_found()
    {
        await using var h = await Harness.StartAsync();
        var suno = KieGenCatalog.Models.First(m => m.Model.StatusPath == "/api/v1/generate/record-info").Model;
        var task = h.Client.GetTask("made-up-suno-task", suno);

        var e = await Assert.ThrowsAsync<KieTaskNotFoundException>(() => h.Client.GetStatusAsync(task, TestContext.Current.CancellationToken));
        Assert.Equal(("made-up-suno-task", 200), (e.TaskId, e.Code));
    }

    [Theory]
    [InlineData("/api/v1/jobs/recordInfo")]
    [InlineData("/api/v1/generate/record-info")]
    public async Task Waiting_on_a_resumed_unknown_task_fails_at_once_without_retrying(string statusPath)
    {
        await using var h = await Harness.StartAsync();
        var model = KieGenCatalog.Models.First(m => m.Model.StatusPath == statusPath).Model;
        var task = h.Client.GetTask("made-up-" + Guid.NewGuid().ToString("N"), model);

        var wait = h.Client.WaitForCompletionAsync(task, cancellationToken: TestContext.Current.CancellationToken);
        var e = await Assert.ThrowsAsync<KieTaskNotFoundException>(() => h.DriveAsync(wait, TimeSpan.FromSeconds(1)));
        Assert.Equal(task.TaskId, e.TaskId);
        Assert.Single(h.Server.Requests, r => r.Path == statusPath);
    }

    [Fact]
    public async Task A_task_just_created_that_Kie_does_not_show_yet_is_still_waited_for()
    {
        await using var h = await Harness.StartAsync(o => o.NotVisibleFor = TimeSpan.FromSeconds(5));
        var task = await h.Client.SubmitAsync(Sample.NanoBanana(), null, TestContext.Current.CancellationToken);

        var result = await h.DriveAsync(h.Client.WaitForCompletionAsync(task, cancellationToken: TestContext.Current.CancellationToken), TimeSpan.FromSeconds(1));
        Assert.NotEmpty(result.Urls);
    }
}
