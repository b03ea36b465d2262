using KieGen.Client.Tests.Infrastructure;

namespace KieGen.Client.Tests;

/// <summary>
/// The status parser against the fake in both of Kie's shapes: what Kie sent in recorded traffic (the default, the
/// path production takes) and the members Kie's October 2026 pages add.
/// </summary>
public class StatusShapeTests
{
    [Theory]
    [InlineData(KieShape.Recorded2026_03)]
    [InlineData(KieShape.Pages2026_10)]
    public async Task A_task_completes_with_the_same_results_in_either_shape(KieShape shape)
    {
        await using var h = await Harness.StartAsync(o => o.Shape = shape);
        var task = await h.Client.SubmitAsync(Sample.Kling(), null, TestContext.Current.CancellationToken);
        var result = await h.DriveAsync(h.Client.WaitForCompletionAsync(task, cancellationToken: TestContext.Current.CancellationToken), TimeSpan.FromSeconds(2));

        var fake = h.Server.FindTask(task.TaskId)!;
        Assert.Equal(fake.ResultUrls, result.Urls.Select(u => u.ToString()));
        Assert.Equal(fake.CompletedAt.ToUnixTimeMilliseconds(), result.CompletedAt.ToUnixTimeMilliseconds());
        // Only the pages' shape reports what the task cost.
        Assert.Equal(shape == KieShape.Pages2026_10 ? 1.0 : null, result.CreditsConsumed);
    }

    [Theory]
    [InlineData(KieShape.Recorded2026_03)]
    [InlineData(KieShape.Pages2026_10)]
    public async Task A_failed_task_reports_Kies_code_and_message_in_either_shape(KieShape shape)
    {
        await using var h = await Harness.StartAsync(o => o.Shape = shape);
        h.Server.ScriptNextTask(TaskScript.Failing("500", "Upload failed: Server internal error."));
        var task = await h.Client.SubmitAsync(Sample.Kling(), null, TestContext.Current.CancellationToken);

        var e = await Assert.ThrowsAsync<KieTaskFailedException>(() => h.DriveAsync(h.Client.WaitForCompletionAsync(task, cancellationToken: TestContext.Current.CancellationToken), TimeSpan.FromSeconds(2)));
        Assert.Equal(("500", "Upload failed: Server internal error."), (e.FailCode, e.FailMessage));
    }
}
