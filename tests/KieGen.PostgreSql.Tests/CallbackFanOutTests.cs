using KieGen.PostgreSql.TestInstance;
using KieGen.PostgreSql.Tests.Infrastructure;
using KieGen.Tasks;

namespace KieGen.PostgreSql.Tests;

/// <summary>
/// Callbacks across instances: the fake server runs on a manual clock (tasks finish and callbacks go out when the test
/// moves it); the instances and PostgreSQL run in real time.
/// </summary>
public class CallbackFanOutTests(PostgresServer server)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = TestLimits.TestMilliseconds)]
    public async Task A_callback_delivered_to_instance_A_completes_the_waits_on_instance_B()
    {
        var connection = await server.CreateDatabaseAsync();
        var (kie, clock) = await StartKieAsync();
        await using var _ = kie;
        await using var a = await AppInstance.StartAsync(Settings("A", connection, kie), Token);
        // B handles no callbacks: it can only hear of completions from A.
        await using var b = await AppInstance.StartAsync(Settings("B", connection, kie) with { HandlesCallbacks = false }, Token);
        var tasks = new List<KieTask>();
        for (var i = 0; i < 20; i++)
        {
            tasks.Add(await a.Client.SubmitAsync(new KieGen.Models.Image.NanoBanana2Request { Prompt = "a cat" }, cancellationToken: Token));
        }

        var heardAt = new Dictionary<string, DateTimeOffset>();
        var waits = tasks.Select(async task =>
        {
            var result = await b.Client.WaitForCompletionAsync(task, cancellationToken: Token);
            lock (heardAt)
            {
                heardAt[task.TaskId] = DateTimeOffset.UtcNow;
            }

            return result;
        }).ToList();
        await ((PostgreSqlKieCompletionNotifier)b.Notifier).Connected.WaitAsync(Token);
        clock.Advance(TimeSpan.FromSeconds(5)); // every task finishes; the fake posts each callback to A

        var results = await Task.WhenAll(waits);
        Assert.Equal(tasks.Select(t => t.TaskId), results.Select(r => r.TaskId));
        Assert.All(kie.Callbacks, c => Assert.Equal(a.Settings.Port, new Uri(c.Url).Port));
        // B's waits end when A publishes each outcome, which can be before A's handler has finished with it.
        for (var i = 0; i < 1000 && a.Handled.Count < 20; i++)
        {
            await Task.Delay(10, Token);
        }

        Assert.Equal(20, a.Handled.Count);

        // Latency: from the completion row's commit (published_at, on the database's clock, the same machine's) to B's wait returning.
        var latencies = new List<double>();
        foreach (var task in tasks)
        {
            var published = await Db.ScalarAsync<DateTime>(connection, "SELECT min(published_at) FROM kiegen_completions WHERE task_id = @t AND terminal", ("t", task.TaskId));
            latencies.Add((heardAt[task.TaskId] - new DateTimeOffset(published, TimeSpan.Zero)).TotalMilliseconds);
        }

        latencies.Sort();
        TestContext.Current.TestOutputHelper?.WriteLine($"cross-instance completion latency: median {latencies[latencies.Count / 2]:F1} ms, max {latencies[^1]:F1} ms over {latencies.Count}");
    }

    [Fact(Timeout = TestLimits.TestMilliseconds)]
    public async Task An_instance_killed_while_its_handler_runs_is_replaced_by_another_that_runs_it()
    {
        var connection = await server.CreateDatabaseAsync();
        var (kie, clock) = await StartKieAsync();
        await using var _ = kie;
        var lease = TimeSpan.FromSeconds(3);
        await using var a = InstanceProcess.Start("host", "A", connection, kie.BaseAddress.ToString(), FakeKieOptions.DefaultApiKey,
            Ports.Free().ToString(System.Globalization.CultureInfo.InvariantCulture), ((int)lease.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture), "block");
        await a.ExpectAsync("ready", Token);
        await a.SendAsync("submit");
        var taskId = await a.ExpectAsync("submitted ", Token);

        clock.Advance(TimeSpan.FromSeconds(5)); // the task finishes; its callback goes to A, whose handler hangs
        Assert.Equal(taskId, await a.ExpectAsync("handling ", Token));
        Assert.Contains(kie.Callbacks, c => c.TaskId == taskId && c.Delivered); // A answered 200 before handling
        // B starts only now: its worker polls the shared inbox, and started earlier it could claim the entry before A's
        // own worker, which a loaded machine wakes late.
        await using var b = await AppInstance.StartAsync(Settings("B", connection, kie) with { ClaimLease = lease }, Token);
        await a.KillAsync();

        while (b.Handled.IsEmpty)
        {
            await Task.Delay(20, Token); // B's worker takes the entry once A's claim lapses
        }

        var runs = await Db.HandlerRunsAsync(connection);
        foreach (var group in runs.GroupBy(r => (r.Item2, r.Item3)))
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"task {group.Key.Item1} outcome {group.Key.Item2}: " + string.Join(", ", group.Select(r => r.Item1 + " " + r.Item4)));
        }

        Assert.Equal([("A", taskId, "Succeeded", "started"), ("B", taskId, "Succeeded", "started"), ("B", taskId, "Succeeded", "finished")], runs);
        Assert.Equal("done", await Db.ScalarAsync<string>(connection, "SELECT state FROM kiegen_callback_inbox WHERE task_id = @t", ("t", taskId)));
        Assert.Equal(1L, await Db.ScalarAsync<long>(connection, "SELECT count(*) FROM kiegen_callback_handled WHERE task_id = @t", ("t", taskId)));
        Assert.Empty(await b.Inbox.DeadLettersAsync(Token));
    }

    internal static InstanceSettings Settings(string name, string connection, FakeKieServer kie) =>
        new(name, connection, kie.BaseAddress, FakeKieOptions.DefaultApiKey, Ports.Free());

    internal static async Task<(FakeKieServer, ManualTimeProvider)> StartKieAsync()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var options = new FakeKieOptions
        {
            TimeProvider = clock,
            WebhookHmacKey = InstanceSettings.HmacKey,
            CreateLimit = 10_000, // the clock stands still: its windows never pass
            StatusLimitPerSecond = 10_000,
            CallbackRetries = 50,
            CallbackRetryDelay = TimeSpan.FromSeconds(1),
            DefaultScript = new TaskScript { Waiting = TimeSpan.Zero, Queuing = TimeSpan.Zero, Generating = TimeSpan.FromSeconds(1) },
        };
        return (await FakeKieServer.StartAsync(options, Token), clock);
    }
}
