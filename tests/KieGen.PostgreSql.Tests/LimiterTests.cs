using System.Diagnostics;
using KieGen.Client;
using KieGen.PostgreSql.TestInstance;
using KieGen.Testing;
using KieGen.PostgreSql.Tests.Infrastructure;

namespace KieGen.PostgreSql.Tests;

/// <summary>The shared limiter's slots, seen from two instances.</summary>
public class LimiterTests(PostgresServer server)
{
    private const string CreatePath = "/api/v1/jobs/createTask";

    private static readonly KieRateLimit OnePerSecond = new("key-hash", KieRateLimit.Create, 1, TimeSpan.FromSeconds(1));

    [Fact(Timeout = TestLimits.TestMilliseconds)]
    public async Task A_slot_held_by_an_instance_that_has_ended_is_free_one_window_after_the_end_not_when_its_lease_runs_out()
    {
        var token = TestContext.Current.CancellationToken;
        var limit = new KieRateLimit("key-hash", KieRateLimit.Create, 1, TimeSpan.FromSeconds(3)); // a second of margin and more before the lease
        var connection = await server.CreateDatabaseAsync();
        var gone = Db.Open(connection);
        await using var alive = Db.Open(connection);
        var held = await new PostgreSqlKieRateLimiter(gone).AcquireAsync(limit, token);
        var leaseEnd = await Db.ScalarAsync<DateTime>(connection, "SELECT free_at[1] FROM kiegen_rate_limits");
        var ended = await Db.ScalarAsync<DateTime>(connection, "SELECT clock_timestamp()");
        await gone.DisposeAsync(); // its session closes, as it does when a process ends, however it ends

        await using var next = await new PostgreSqlKieRateLimiter(alive).AcquireAsync(limit, token);
        var taken = await Db.ScalarAsync<DateTime>(connection, "SELECT clock_timestamp()");

        // On the database's clock: not before a window from the end (its last request may have just arrived), and
        // before the lease (two windows from the take) would have let it go.
        Assert.True(taken - ended >= limit.Window, $"the slot was reused {taken - ended} after its instance ended");
        Assert.True(taken < leaseEnd, $"the slot was reused at {taken:O}, only when its lease ended ({leaseEnd:O})");
        await held.DisposeAsync(); // a release that cannot reach the database is logged, never thrown
    }

    [Fact(Timeout = TestLimits.TestMilliseconds)]
    public async Task A_process_killed_while_its_call_holds_the_only_slot_frees_it_a_window_after_it_died()
    {
        var token = TestContext.Current.CancellationToken;
        var window = TimeSpan.FromSeconds(4);
        var connection = await server.CreateDatabaseAsync();
        await using var kie = await FakeKieServer.StartAsync(new FakeKieOptions { CreateLimit = 1, CreateWindow = window }, token);
        kie.InjectFault(Fault.Slow(TimeSpan.FromMinutes(2), CreatePath)); // A's create call is never answered
        await using var a = InstanceProcess.Start("submit", "A", connection, kie.BaseAddress.ToString(), FakeKieOptions.DefaultApiKey,
            "1", "1", ((int)window.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await a.ExpectAsync("ready", token);
        await a.SendAsync("go");
        while (!kie.Requests.Any(r => r.Path == CreatePath))
        {
            await Task.Delay(20, token); // until A's request has arrived: A holds the slot, its call running
        }

        const string Held = "SELECT free_at[1] FROM kiegen_rate_limits WHERE cardinality(holders) = 1 AND holders[1] IS NOT NULL";
        var leaseEnd = await Db.ScalarAsync<DateTime>(connection, Held);
        var died = await Db.ScalarAsync<DateTime>(connection, "SELECT clock_timestamp()");
        await a.KillAsync();

        await using var b = await AppInstance.StartAsync(
            new InstanceSettings("B", connection, kie.BaseAddress, FakeKieOptions.DefaultApiKey, 0) { CreateLimit = 1, CreateWindow = window }, token);
        await b.Client.SubmitAsync(new KieGen.Models.Image.NanoBanana2Request { Prompt = "a cat" }, cancellationToken: token);

        // The database's and the fake server's clocks are this machine's.
        var arrived = kie.Requests.Last(r => r.Path == CreatePath).ReceivedAt.UtcDateTime;
        Assert.True(arrived - died >= window, $"B's call arrived {arrived - died} after A died, less than a window");
        Assert.True(arrived < leaseEnd, $"B's call arrived at {arrived:O}, only after A's lease ended ({leaseEnd:O})");
        Assert.Equal(2, kie.Requests.Count(r => r.Path == CreatePath)); // no 429, no retry
    }

    [Fact(Timeout = TestLimits.TestMilliseconds)]
    public async Task A_slot_held_by_a_live_instance_that_stopped_renewing_is_kept_until_its_lease_ends()
    {
        var token = TestContext.Current.CancellationToken;
        var connection = await server.CreateDatabaseAsync();
        await using var stalled = Db.Open(connection);
        await using var other = Db.Open(connection);
        // A clock that never moves: the holder's renewals never fire, as on a machine too loaded to run them, but its
        // session stays open, so it has not ended.
        await using var held = await new PostgreSqlKieRateLimiter(stalled, new ManualTimeProvider()).AcquireAsync(OnePerSecond, token);
        var leaseEnd = await Db.ScalarAsync<DateTime>(connection, "SELECT free_at[1] FROM kiegen_rate_limits");

        await using var next = await new PostgreSqlKieRateLimiter(other).AcquireAsync(OnePerSecond, token);
        var taken = await Db.ScalarAsync<DateTime>(connection, "SELECT clock_timestamp()");

        Assert.True(taken >= leaseEnd, $"a live instance's slot was reused at {taken:O}, before its lease ended ({leaseEnd:O})");
    }

    [Fact(Timeout = TestLimits.TestMilliseconds)]
    public async Task A_finished_call_frees_its_slot_for_another_instance_one_window_later()
    {
        var token = TestContext.Current.CancellationToken;
        var connection = await server.CreateDatabaseAsync();
        await using var a = Db.Open(connection);
        await using var b = Db.Open(connection);
        var first = await new PostgreSqlKieRateLimiter(a).AcquireAsync(OnePerSecond, token);

        // Timed from before the release: the database stamps the slot's time after this point, and the time between
        // the release and B's request (scheduling under load) must not count against the window.
        var released = Stopwatch.StartNew();
        await first.DisposeAsync();
        var next = await new PostgreSqlKieRateLimiter(b).AcquireAsync(OnePerSecond, token);
        var between = released.Elapsed;
        await next.DisposeAsync();
        // Fewer than 8 calls: no round trip is trusted yet, so the whole window (and 1 %) is kept.
        Assert.True(between >= OnePerSecond.Window, $"the second call went {between} after the first was released");
        Assert.True(next.Waited > TimeSpan.Zero, "the second call did not wait at all");
        Assert.Equal(2, await Db.ScalarAsync<int>(connection, "SELECT rtt_samples FROM kiegen_rate_limits"));
    }
}
