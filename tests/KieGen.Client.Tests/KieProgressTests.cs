using KieGen.Client.Tests.Infrastructure;

namespace KieGen.Client.Tests;

public class KieProgressTests
{
    [Fact]
    public async Task Reports_every_state_in_order_before_the_wait_returns()
    {
        // A minute in "waiting" so the first poll sees it however many quiet gaps the driver turns into clock steps.
        await using var h = await Harness.StartAsync(o => o.DefaultScript = new TaskScript { Waiting = TimeSpan.FromMinutes(1) });
        var reports = new List<KieTaskState>();
        var progress = KieProgress.Create(p => reports.Add(p.State));

        await h.DriveAsync(h.Client.SubmitAndWaitAsync(Sample.Kling(), progress, cancellationToken: TestContext.Current.CancellationToken));
        var seenWhenTheWaitReturned = reports.ToList();

        // Progress<T> would post these to the thread pool: some could arrive after the wait, in any order.
        Assert.Equal(KieTaskState.Succeeded, seenWhenTheWaitReturned[^1]);
        Assert.Equal(seenWhenTheWaitReturned.Order(), seenWhenTheWaitReturned);
        Assert.Contains(KieTaskState.Pending, seenWhenTheWaitReturned);
    }

    [Fact]
    public void Runs_the_callback_on_the_reporting_thread()
    {
        var thread = -1;
        var progress = KieProgress.Create(_ => thread = Environment.CurrentManagedThreadId);
        progress.Report(null!);
        Assert.Equal(Environment.CurrentManagedThreadId, thread);
        Assert.Throws<ArgumentNullException>(() => KieProgress.Create(null!));
    }
}
