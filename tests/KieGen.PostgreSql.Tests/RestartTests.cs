using KieGen.PostgreSql.TestInstance;
using KieGen.PostgreSql.Tests.Infrastructure;
using KieGen.Tasks;

namespace KieGen.PostgreSql.Tests;

/// <summary>Restarting the shared server cuts every test's connections: this runs alone, after the parallel tests.</summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class Restarts;

[Collection(typeof(Restarts))]
public class RestartTests(PostgresServer server)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = TestLimits.TestMilliseconds)]
    public async Task Waits_continue_through_a_PostgreSQL_restart()
    {
        var connection = await server.CreateDatabaseAsync();
        var (kie, clock) = await CallbackFanOutTests.StartKieAsync();
        await using var _ = kie;
        await using var a = await AppInstance.StartAsync(CallbackFanOutTests.Settings("A", connection, kie), Token);
        await using var b = await AppInstance.StartAsync(CallbackFanOutTests.Settings("B", connection, kie), Token);
        var tasks = new List<KieTask>();
        for (var i = 0; i < 10; i++)
        {
            tasks.Add(await a.Client.SubmitAsync(new KieGen.Models.Image.NanoBanana2Request { Prompt = "a cat" }, cancellationToken: Token));
        }

        var waits = Task.WhenAll(tasks.Select(task => b.Client.WaitForCompletionAsync(task, cancellationToken: Token)));
        var notifier = (PostgreSqlKieCompletionNotifier)b.Notifier;
        await notifier.Connected.WaitAsync(Token);
        var connects = notifier.Connects;
        while (notifier.Waiting < 10)
        {
            await Task.Delay(10, Token); // every wait has reached the notifier
        }

        await server.RestartAsync(); // every connection is cut
        // Tasks finish; callbacks that meet a broken connection get a 5xx and are delivered again (on the fake's clock).
        while (!waits.IsCompleted)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(waits, Task.Delay(50, Token));
        }

        var results = await waits;
        Assert.Equal(tasks.Select(t => t.TaskId), results.Select(r => r.TaskId));
        Assert.True(notifier.Connects > connects, "the listener reconnected");
        // Handlers run after the completion is published, at least once per task: a handler whose "handled" mark met
        // the restart runs again (as documented), so wait for every task to be handled rather than for ten runs.
        while (HandledTasks(a, b).Count < 10)
        {
            await Task.Delay(20, Token);
        }

        Assert.Equal(10L, await Db.ScalarAsync<long>(connection, "SELECT count(*) FROM kiegen_callback_handled"));
        Assert.Equal(tasks.Select(t => t.TaskId).Order(StringComparer.Ordinal), HandledTasks(a, b));
    }

    private static List<string> HandledTasks(AppInstance a, AppInstance b) =>
        a.Handled.Concat(b.Handled).Select(c => c.Task.TaskId).Distinct().Order(StringComparer.Ordinal).ToList();
}
