using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;
using KieGen.Callbacks;
using KieGen.Requests;
using KieGen.Tasks;
using KieGen.Testing;

namespace KieGen.Benchmarks;

/// <summary>
/// `memory` mode: a million tasks through the in-memory pieces a callback-configured app keeps per task (task store,
/// completion notifier, callback inbox), on a manual clock at 10 tasks per simulated second, with every step a real
/// submission and callback take: record saved before the create call and again with the id, callback committed,
/// claimed, confirmed outcome published to a waiter, handled, completed. Prints the working set after a full GC every
/// 100,000 tasks; flat after warm-up means retention, not the task count, bounds memory.
/// </summary>
internal static class MemoryBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var total = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var clock = new ManualTimeProvider();
        var store = new InMemoryKieTaskStore(clock);
        var notifier = new InMemoryKieCompletionNotifier(clock);
        var inbox = new InMemoryKieCallbackInbox(timeProvider: clock); // the defaults AddKieCallbacks registers
        var step = TimeSpan.FromMilliseconds(100);
        var watch = Stopwatch.StartNew();
        Console.WriteLine("| tasks | simulated time | working set (MB) | managed heap (MB) | store records | notifier entries |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        for (var i = 1; i <= total; i++)
        {
            var correlation = i.ToString("x32", CultureInfo.InvariantCulture);
            var taskId = "task" + i.ToString("x28", CultureInfo.InvariantCulture);
            var record = new KieTaskRecord(correlation, null, "nano-banana-2", KieApiFamily.Market, KieResultKind.Image, "/api/v1/jobs/recordInfo", clock.GetUtcNow());
            await store.SaveAsync(record);
            await store.SaveAsync(record with { TaskId = taskId });
            var waiter = notifier.WaitAsync(taskId);
            await inbox.AddAsync(new KieCallbackReceipt(taskId, clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), correlation, "complete"));
            foreach (var entry in await inbox.ClaimAsync(16, TimeSpan.FromMinutes(5)))
            {
                var found = await store.FindByTaskIdAsync(entry.Receipt.TaskId) ?? throw new InvalidOperationException("record lost before completion");
                await notifier.PublishAsync(new KieTaskStatus(found.TaskId!, KieTaskState.Succeeded, "success", null, null, null, null));
                await inbox.MarkHandledAsync(found.TaskId!, "Succeeded");
                await store.CompleteAsync(found.TaskId!);
                await inbox.CompleteAsync(entry.Id);
            }

            if (!waiter.IsCompleted)
            {
                throw new InvalidOperationException("a waiter was not completed");
            }

            clock.Advance(step);
            if (i % (total / 10) == 0)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                using var process = Process.GetCurrentProcess();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {i:N0} | {TimeSpan.FromTicks(step.Ticks * i).TotalHours:F1} h | {process.WorkingSet64 / 1048576.0:F0} | {GC.GetTotalMemory(false) / 1048576.0:F0} | {store.Count:N0} | {notifier.Count:N0} |"));
            }
        }

        Console.WriteLine($"{total:N0} tasks in {watch.Elapsed.TotalSeconds:F1} s of real time; inbox pending {inbox.Pending}.");
        return 0;
    }
}
