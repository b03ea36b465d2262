using KieGen.Callbacks;
using KieGen.PostgreSql.Tests.Infrastructure;
using KieGen.Requests;

namespace KieGen.PostgreSql.Tests;

/// <summary>The task store and the inbox, each used by two instances (two data sources) on one database.</summary>
public class StoreAndInboxTests(PostgresServer server)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = TestLimits.TestMilliseconds)]
    public async Task A_record_saved_by_one_instance_is_found_by_another_by_correlation_and_by_task_id()
    {
        var connection = await server.CreateDatabaseAsync();
        await using var a = Db.Open(connection);
        await using var b = Db.Open(connection);
        var createdAt = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
        var record = new KieTaskRecord("c1", null, "nano-banana-2", KieApiFamily.Market, KieResultKind.Image, "/api/v1/jobs/recordInfo", createdAt);
        await new PostgreSqlKieTaskStore(a).SaveAsync(record, Token);
        var other = new PostgreSqlKieTaskStore(b);
        Assert.Equal(record, await other.FindByCorrelationAsync("c1", Token));
        Assert.Null(await other.FindByTaskIdAsync("t1", Token));

        await new PostgreSqlKieTaskStore(a).SaveAsync(record with { TaskId = "t1" }, Token);
        Assert.Equal(record with { TaskId = "t1" }, await other.FindByTaskIdAsync("t1", Token));

        Assert.True(await other.TryClaimAsync("t1", "complete", Token));
        Assert.False(await new PostgreSqlKieTaskStore(a).TryClaimAsync("t1", "complete", Token));
        await other.ReleaseAsync("t1", "complete", Token);
        Assert.True(await new PostgreSqlKieTaskStore(a).TryClaimAsync("t1", "complete", Token));
    }

    [Fact(Timeout = TestLimits.TestMilliseconds)]
    public async Task A_record_expires_after_its_retention()
    {
        var connection = await server.CreateDatabaseAsync();
        await using var database = new KiePostgreSqlDatabase(new KiePostgreSqlOptions { ConnectionString = connection, TaskRetentionAfterCompletion = TimeSpan.FromMilliseconds(1) });
        var store = new PostgreSqlKieTaskStore(database);
        await store.SaveAsync(new KieTaskRecord("c1", "t1", "m", KieApiFamily.Market, KieResultKind.Image, "/api/v1/jobs/recordInfo", DateTimeOffset.UtcNow), Token);
        await store.CompleteAsync("t1", Token);
        // The database's clock decides: wait until it has passed the record's expiry.
        await Db.ScalarAsync<object>(connection, "SELECT pg_sleep(greatest(0, extract(epoch FROM (SELECT expires_at FROM kiegen_tasks) - clock_timestamp())) + 0.01)");
        Assert.Null(await store.FindByTaskIdAsync("t1", Token));
    }

    [Fact(Timeout = TestLimits.TestMilliseconds)]
    public async Task Two_instances_claiming_together_never_get_the_same_entry_and_a_replay_is_a_duplicate()
    {
        var connection = await server.CreateDatabaseAsync();
        await using var a = Db.Open(connection);
        await using var b = Db.Open(connection);
        var first = new PostgreSqlKieCallbackInbox(a);
        var second = new PostgreSqlKieCallbackInbox(b);
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(KieCallbackAdmission.Accepted, await first.AddAsync(new KieCallbackReceipt("t" + i, "1700000000", null, null), Token));
        }

        Assert.Equal(KieCallbackAdmission.Duplicate, await second.AddAsync(new KieCallbackReceipt("t7", "1700000000", null, null), Token));
        var claims = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? first : second).ClaimAsync(7, TimeSpan.FromMinutes(1), Token).AsTask()));
        var ids = claims.SelectMany(c => c).Select(e => e.Id).ToList();
        Assert.Equal(100, ids.Count);
        Assert.Equal(100, ids.Distinct().Count());
        Assert.Empty(await first.ClaimAsync(10, TimeSpan.FromMinutes(1), Token));
    }

    [Fact(Timeout = TestLimits.TestMilliseconds)]
    public async Task A_lapsed_claim_is_taken_again_a_retry_waits_for_its_due_time_and_the_last_failure_is_dead_lettered()
    {
        var connection = await server.CreateDatabaseAsync();
        await using var database = Db.Open(connection);
        var inbox = new PostgreSqlKieCallbackInbox(database);
        await inbox.AddAsync(new KieCallbackReceipt("t1", "1700000000", "c1", null), Token);
        var claimed = Assert.Single(await inbox.ClaimAsync(5, TimeSpan.FromMilliseconds(1), Token));
        Assert.Equal((1, "c1"), (claimed.Attempts, claimed.Receipt.Correlation));
        await Db.ScalarAsync<object>(connection, "SELECT pg_sleep(0.01)");

        var again = Assert.Single(await inbox.ClaimAsync(5, TimeSpan.FromMinutes(1), Token));
        Assert.Equal((claimed.Id, 2), (again.Id, again.Attempts));
        await inbox.RetryAsync(again.Id, DateTimeOffset.UtcNow.AddHours(1), "boom", Token);
        Assert.Empty(await inbox.ClaimAsync(5, TimeSpan.FromMinutes(1), Token));

        await Db.ScalarAsync<int>(connection, "UPDATE kiegen_callback_inbox SET due_at = now() RETURNING 1");
        var third = Assert.Single(await inbox.ClaimAsync(5, TimeSpan.FromMinutes(1), Token));
        Assert.Equal((3, "boom"), (third.Attempts, third.LastError));
        await inbox.DeadLetterAsync(third.Id, "still boom", Token);
        var dead = Assert.Single(await inbox.DeadLettersAsync(Token));
        Assert.Equal(("t1", "still boom"), (dead.Receipt.TaskId, dead.LastError));
        Assert.Equal(0L, await inbox.PendingAsync(Token));
    }

    [Fact(Timeout = TestLimits.TestMilliseconds)]
    public async Task A_full_inbox_refuses_a_new_delivery_but_still_knows_a_replay_and_takes_one_again_when_an_entry_is_done()
    {
        var connection = await server.CreateDatabaseAsync();
        await using var a = new KiePostgreSqlDatabase(new KiePostgreSqlOptions { ConnectionString = connection, MaxPendingCallbacks = 3 });
        await using var b = new KiePostgreSqlDatabase(new KiePostgreSqlOptions { ConnectionString = connection, MaxPendingCallbacks = 3 });
        var first = new PostgreSqlKieCallbackInbox(a);
        var second = new PostgreSqlKieCallbackInbox(b);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(KieCallbackAdmission.Accepted, await (i % 2 == 0 ? first : second).AddAsync(new KieCallbackReceipt("t" + i, "1700000000", null, null), Token));
        }

        Assert.Equal(KieCallbackAdmission.Full, await second.AddAsync(new KieCallbackReceipt("t3", "1700000000", null, null), Token));
        Assert.Equal(KieCallbackAdmission.Duplicate, await second.AddAsync(new KieCallbackReceipt("t1", "1700000000", null, null), Token));

        var claimed = await first.ClaimAsync(1, TimeSpan.FromMinutes(1), Token);
        await first.CompleteAsync(Assert.Single(claimed).Id, Token);
        Assert.Equal(KieCallbackAdmission.Accepted, await second.AddAsync(new KieCallbackReceipt("t3", "1700000000", null, null), Token));
        Assert.Equal(3L, await first.PendingAsync(Token));
    }

    [Fact(Timeout = TestLimits.TestMilliseconds)]
    public async Task An_outcome_is_marked_handled_once_across_instances()
    {
        var connection = await server.CreateDatabaseAsync();
        await using var a = Db.Open(connection);
        await using var b = Db.Open(connection);
        Assert.False(await new PostgreSqlKieCallbackInbox(b).IsHandledAsync("t1", Token));
        Assert.True(await new PostgreSqlKieCallbackInbox(a).MarkHandledAsync("t1", "Succeeded", Token));
        Assert.False(await new PostgreSqlKieCallbackInbox(b).MarkHandledAsync("t1", "Succeeded", Token));
        Assert.True(await new PostgreSqlKieCallbackInbox(b).IsHandledAsync("t1", Token));
    }
}
