using System.Diagnostics;
using KieGen.Client;
using KieGen.PostgreSql.Tests.Infrastructure;

namespace KieGen.PostgreSql.Tests;

/// <summary>The shared limiter's slots, seen from two instances.</summary>
public class LimiterTests(PostgresServer server)
{
    private static readonly KieRateLimit OnePerSecond = new("key-hash", KieRateLimit.Create, 1, TimeSpan.FromSeconds(1));

    [Fact(Timeout = TestLimits.TestMilliseconds)]
    public async Task A_slot_held_by_an_instance_that_is_gone_frees_itself_and_another_instance_gets_it()
    {
        var token = TestContext.Current.CancellationToken;
        var connection = await server.CreateDatabaseAsync();
        var gone = Db.Open(connection);
        await using var alive = Db.Open(connection);
        var taking = Stopwatch.StartNew(); // the lease's two windows start after this point, in the database
        var held = await new PostgreSqlKieRateLimiter(gone).AcquireAsync(OnePerSecond, token);
        await gone.DisposeAsync(); // its connections close: no renewal, no release ever reaches the database

        var next = await new PostgreSqlKieRateLimiter(alive).AcquireAsync(OnePerSecond, token);
        var reused = taking.Elapsed;
        Assert.True(reused >= OnePerSecond.Window * 2, $"the slot was reused {reused} after it was taken, before its holder's lease ended");
        await next.DisposeAsync();
        await held.DisposeAsync(); // a release that cannot reach the database is logged, never thrown
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
