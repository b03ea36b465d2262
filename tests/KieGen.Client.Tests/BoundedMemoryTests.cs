using System.Diagnostics.Metrics;
using KieGen.Callbacks;
using KieGen.Requests;

namespace KieGen.Client.Tests;

/// <summary>The in-memory store, notifier and callback inbox forget finished tasks and stay under their caps.</summary>
public class BoundedMemoryTests
{
    [Fact]
    public async Task The_store_forgets_a_finished_task_after_its_retention_and_keeps_unfinished_ones()
    {
        var clock = new ManualTimeProvider();
        var store = new InMemoryKieTaskStore(clock, retentionAfterCompletion: TimeSpan.FromMinutes(10));
        await store.SaveAsync(Record("c1", "t1", clock), TestContext.Current.CancellationToken);
        await store.SaveAsync(Record("c2", "t2", clock), TestContext.Current.CancellationToken);
        await store.CompleteAsync("t1", TestContext.Current.CancellationToken);

        clock.Advance(TimeSpan.FromMinutes(9));
        Assert.NotNull(await store.FindByTaskIdAsync("t1", TestContext.Current.CancellationToken));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(await store.FindByTaskIdAsync("t1", TestContext.Current.CancellationToken));
        Assert.Null(await store.FindByCorrelationAsync("c1", TestContext.Current.CancellationToken));
        Assert.NotNull(await store.FindByTaskIdAsync("t2", TestContext.Current.CancellationToken));

        await store.SaveAsync(Record("c3", "t3", clock), TestContext.Current.CancellationToken); // a save sweeps what expired
        Assert.Equal(2, store.Count);
    }

    [Fact]
    public async Task The_store_evicts_the_oldest_records_beyond_its_cap_and_counts_them()
    {
        using var evicted = new EvictionCounter();
        var clock = new ManualTimeProvider();
        var store = new InMemoryKieTaskStore(clock, capacity: 5);
        for (var i = 0; i < 12; i++)
        {
            await store.SaveAsync(Record("c" + i, null, clock), TestContext.Current.CancellationToken);
            await store.SaveAsync(Record("c" + i, "t" + i, clock), TestContext.Current.CancellationToken); // saved twice, as a submission does
        }

        Assert.Equal(5, store.Count);
        Assert.Null(await store.FindByTaskIdAsync("t6", TestContext.Current.CancellationToken));
        Assert.NotNull(await store.FindByTaskIdAsync("t7", TestContext.Current.CancellationToken));
        Assert.True(evicted.Total >= 7, $"evictions counted: {evicted.Total}");
    }

    [Fact]
    public async Task The_callback_inbox_forgets_keys_and_outcomes_after_an_hour_and_stays_under_its_cap()
    {
        var clock = new ManualTimeProvider();
        var inbox = new InMemoryKieCallbackInbox(timeProvider: clock) { MaxRemembered = 10 };
        var token = TestContext.Current.CancellationToken;
        Assert.Equal(TimeSpan.FromHours(1), inbox.Remember);
        for (var i = 0; i < 25; i++)
        {
            Assert.Equal(KieCallbackAdmission.Accepted, await inbox.AddAsync(new KieCallbackReceipt("t" + i, "100", null, null), token));
            Assert.True(await inbox.MarkHandledAsync("t" + i, "Succeeded", token));
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        // The newest are remembered, the oldest beyond the cap are gone: never more than the cap.
        Assert.Equal(KieCallbackAdmission.Duplicate, await inbox.AddAsync(new KieCallbackReceipt("t24", "100", null, null), token));
        Assert.True(await inbox.IsHandledAsync("t24", token));
        Assert.False(await inbox.IsHandledAsync("t0", token));
        Assert.InRange(Enumerable.Range(0, 25).Count(i => inbox.IsHandledAsync("t" + i, token).AsTask().Result), 9, 10);

        // After the hour, even the newest are forgotten (a sweep runs on the next add).
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(KieCallbackAdmission.Accepted, await inbox.AddAsync(new KieCallbackReceipt("t99", "100", null, null), token));
        Assert.False(await inbox.IsHandledAsync("t24", token));
        Assert.Equal(KieCallbackAdmission.Accepted, await inbox.AddAsync(new KieCallbackReceipt("t24", "100", null, null), token));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InMemoryKieCallbackInbox { MaxRemembered = 0 });
    }

    [Fact]
    public async Task The_notifier_keeps_a_terminal_status_for_late_waiters_then_forgets_it_and_stays_under_its_cap()
    {
        var clock = new ManualTimeProvider();
        var notifier = new InMemoryKieCompletionNotifier(clock, TimeSpan.FromMinutes(30), capacity: 100);
        await notifier.PublishAsync(Done("t0"), TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal("t0", (await notifier.WaitAsync("t0", TestContext.Current.CancellationToken)).TaskId); // a late waiter still hears it

        clock.Advance(TimeSpan.FromMinutes(31));
        for (var i = 1; i <= 250; i++)
        {
            await notifier.PublishAsync(Done("t" + i), TestContext.Current.CancellationToken);
        }

        Assert.InRange(notifier.Count, 1, 100);
        Assert.False(notifier.WaitAsync("t0", TestContext.Current.CancellationToken).IsCompleted); // forgotten
    }

    private static KieTaskRecord Record(string correlation, string? taskId, TimeProvider clock) =>
        new(correlation, taskId, "nano-banana-2", KieApiFamily.Market, KieResultKind.Image, "/api/v1/jobs/recordInfo", clock.GetUtcNow());

    private static KieTaskStatus Done(string taskId) => new(taskId, KieTaskState.Succeeded, "success", null, null, null, null);

    private sealed class EvictionCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _total;

        public EvictionCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == KieTelemetry.Name && instrument.Name == "kie.store.evicted")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _total, value));
            _listener.Start();
        }

        public long Total => Interlocked.Read(ref _total);

        public void Dispose() => _listener.Dispose();
    }
}
