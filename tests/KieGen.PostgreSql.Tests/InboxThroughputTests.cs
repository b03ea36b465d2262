using System.Diagnostics;
using KieGen.Callbacks;
using KieGen.PostgreSql.Tests.Infrastructure;

namespace KieGen.PostgreSql.Tests;

/// <summary>Inbox throughput, measured and reported (docs/benchmarks.md): commits, then two instances claiming and completing.</summary>
public class InboxThroughputTests(PostgresServer server)
{
    [Fact(Timeout = TestLimits.TestMilliseconds)]
    public async Task Two_instances_drain_1000_committed_callbacks_each_exactly_once()
    {
        var token = TestContext.Current.CancellationToken;
        var connection = await server.CreateDatabaseAsync();
        await using var a = Db.Open(connection);
        await using var b = Db.Open(connection);
        var inboxes = new[] { new PostgreSqlKieCallbackInbox(a), new PostgreSqlKieCallbackInbox(b) };
        await a.MigrateAsync(token);

        var committing = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = token }, async (i, ct) =>
            Assert.Equal(KieCallbackAdmission.Accepted, await inboxes[i % 2].AddAsync(new KieCallbackReceipt("t" + i, "1700000000", null, null), ct)));
        committing.Stop();

        var handled = new System.Collections.Concurrent.ConcurrentBag<string>();
        var draining = Stopwatch.StartNew();
        await Task.WhenAll(inboxes.Select(async inbox =>
        {
            // A worker's loop: claim a batch of 16, complete each, until nothing is due.
            while (await inbox.ClaimAsync(16, TimeSpan.FromMinutes(1), token) is { Count: > 0 } batch)
            {
                await Task.WhenAll(batch.Select(async entry =>
                {
                    handled.Add(entry.Receipt.TaskId);
                    await inbox.CompleteAsync(entry.Id, token);
                }));
            }
        }));
        draining.Stop();

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"inbox: 1000 committed in {committing.ElapsedMilliseconds} ms ({1000 / committing.Elapsed.TotalSeconds:F0}/s, 16 at a time); "
            + $"claimed and completed by 2 instances in {draining.ElapsedMilliseconds} ms ({1000 / draining.Elapsed.TotalSeconds:F0}/s)");
        Assert.Equal(1000, handled.Count);
        Assert.Equal(1000, handled.Distinct().Count());
        Assert.Equal(0L, await inboxes[0].PendingAsync(token));
    }
}
