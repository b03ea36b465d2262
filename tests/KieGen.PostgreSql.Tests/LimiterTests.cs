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
        var held = await new PostgreSqlKieRateLimiter(gone).AcquireAsync(OnePerSecond, token);
        await gone.DisposeAsync(); // its connections close: no renewal, no release ever reaches the database

        var next = await new PostgreSqlKieRateLimiter(alive).AcquireAsync(OnePerSecond, token);
        Assert.True(next.Waited >= OnePerSecond.Window, $"the slot was reused after {next.Waited}, before its holder's lease ended");
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
        await using (await new PostgreSqlKieRateLimiter(a).AcquireAsync(OnePerSecond, token))
        {
        }

        var next = await new PostgreSqlKieRateLimiter(b).AcquireAsync(OnePerSecond, token);
        await next.DisposeAsync();
        // Fewer than 8 calls: no round trip is trusted yet, so the whole window (and 1 %) is kept.
        Assert.True(next.Waited >= OnePerSecond.Window, $"the second call went after {next.Waited}");
        Assert.Equal(2, await Db.ScalarAsync<int>(connection, "SELECT rtt_samples FROM kiegen_rate_limits"));
    }
}
