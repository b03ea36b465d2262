using KieGen.Client;
using KieGen.PostgreSql.TestInstance;
using KieGen.PostgreSql.Tests.Infrastructure;

namespace KieGen.PostgreSql.Tests;

/// <summary>
/// Several instances of an app submit together under one key: the fake server (whose limit answers 429) sees no call
/// over the limit in any window, and every task is created. Windows are short (20 per second) to keep the suite quick.
/// </summary>
public class SharedRateLimitTests(PostgresServer server)
{
    private const int Limit = 20;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The instances' window: the fake server's plus 50 ms. The fake stamps each request when its own thread gets to
    /// it, in the test process, on a 2-core machine that CI loads with other test runs; a stamp that lags by more than
    /// the limiter's 1 % margin (10 ms of a 1 s window; 100 ms of Kie's 10 s) made a run see 21 calls in a second.
    /// </summary>
    private static readonly TimeSpan ClientWindow = Window + TimeSpan.FromMilliseconds(50);

    [Fact(Timeout = TestLimits.TestMilliseconds)]
    public async Task Four_clients_with_their_own_connections_submit_240_tasks_without_a_429()
    {
        var connection = await server.CreateDatabaseAsync();
        await using var kie = await FakeKieServer.StartAsync(new FakeKieOptions { CreateLimit = Limit, CreateWindow = Window }, TestContext.Current.CancellationToken);
        var instances = new List<AppInstance>();
        for (var i = 0; i < 4; i++)
        {
            instances.Add(await AppInstance.StartAsync(
                new InstanceSettings("i" + i, connection, kie.BaseAddress, FakeKieOptions.DefaultApiKey, 0) { CreateLimit = Limit, CreateWindow = ClientWindow },
                TestContext.Current.CancellationToken));
        }

        try
        {
            var submissions = instances.SelectMany(instance => Enumerable.Range(0, 60).Select(_ =>
                instance.Client.SubmitAsync(new KieGen.Models.Image.NanoBanana2Request { Prompt = "a cat" }, cancellationToken: TestContext.Current.CancellationToken)));
            var tasks = await Task.WhenAll(submissions);

            var creates = Creates.Of(kie, Limit, Window);
            TestContext.Current.TestOutputHelper?.WriteLine("4 in-process instances: " + creates);
            Assert.Equal(240, tasks.Select(t => t.TaskId).Distinct().Count());
            Assert.Equal((240, 240), (creates.Count, creates.Tasks)); // no call was refused with 429
            Assert.True(creates.MostInAnyWindow <= Limit, creates.ToString());
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Status calls share the key's budget too (10 per second at the fake, as at Kie): three OS processes read one
    /// task's status 27 times each at once. They keep to 9 per second, the same lag margin <see cref="ClientWindow"/>
    /// gives the creates. With the in-process gate (one per process) the three overrun the budget together: the
    /// comparison row shows the test can fail.
    /// </summary>
    [Theory(Timeout = TestLimits.TestMilliseconds)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Three_instance_processes_reading_statuses_share_the_keys_status_budget(bool shared)
    {
        var connection = await server.CreateDatabaseAsync();
        await using var kie = await FakeKieServer.StartAsync(new FakeKieOptions { StatusLimitPerSecond = 10 }, TestContext.Current.CancellationToken);
        using var submitter = new KieClient(new KieClientOptions { ApiKey = FakeKieOptions.DefaultApiKey, BaseAddress = kie.BaseAddress });
        var task = await submitter.SubmitAsync(new KieGen.Models.Image.NanoBanana2Request { Prompt = "a cat" }, cancellationToken: TestContext.Current.CancellationToken);
        var processes = Enumerable.Range(0, 3)
            .Select(i => InstanceProcess.Start("read", "r" + i, connection, kie.BaseAddress.ToString(), FakeKieOptions.DefaultApiKey, "27", "9", shared ? "shared" : "local", task.ToToken()))
            .ToList();
        try
        {
            foreach (var process in processes)
            {
                await process.ExpectAsync("ready", TestContext.Current.CancellationToken);
            }

            await Task.WhenAll(processes.Select(p => p.SendAsync("go")));
            var (read, refused) = (0, 0);
            foreach (var process in processes)
            {
                read += int.Parse(await process.ExpectAsync("read ", TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
                refused += int.Parse(await process.ExpectAsync("refused ", TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            }

            var times = kie.Requests.Where(r => r.Path == "/api/v1/jobs/recordInfo").Select(r => r.ReceivedAt).Order().ToList();
            var most = Creates.PeakInWindow(times, TimeSpan.FromSeconds(1));
            TestContext.Current.TestOutputHelper?.WriteLine($"shared={shared}: {read} read, {refused} refused with 429, at most {most} status calls in any second");
            if (shared)
            {
                Assert.Equal((81, 0), (read, refused));
                Assert.True(most <= 10, $"{most} status calls in one second");
            }
            else
            {
                Assert.True(refused > 0, $"three in-process gates together stayed within one key's budget (at most {most} in a second)");
            }
        }
        finally
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }
        }
    }

    [Fact(Timeout = TestLimits.TestMilliseconds)]
    public async Task Three_instance_processes_submit_210_tasks_without_a_429()
    {
        var connection = await server.CreateDatabaseAsync();
        await using var kie = await FakeKieServer.StartAsync(new FakeKieOptions { CreateLimit = Limit, CreateWindow = Window }, TestContext.Current.CancellationToken);
        var processes = Enumerable.Range(0, 3)
            .Select(i => InstanceProcess.Start("submit", "p" + i, connection, kie.BaseAddress.ToString(), FakeKieOptions.DefaultApiKey, "70", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture), ((int)ClientWindow.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        try
        {
            foreach (var process in processes)
            {
                await process.ExpectAsync("ready", TestContext.Current.CancellationToken);
            }

            await Task.WhenAll(processes.Select(p => p.SendAsync("go")));
            var submitted = 0;
            foreach (var process in processes)
            {
                submitted += int.Parse(await process.ExpectAsync("submitted ", TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
                var failed = await process.ExpectAsync("failed ", TestContext.Current.CancellationToken);
                Assert.True(failed == "0", failed + " submissions failed: " + string.Join(Environment.NewLine, process.Errors.Take(5)));
            }

            var creates = Creates.Of(kie, Limit, Window);
            TestContext.Current.TestOutputHelper?.WriteLine("3 instance processes: " + creates);
            Assert.Equal(210, submitted);
            Assert.Equal((210, 210), (creates.Count, creates.Tasks));
            Assert.True(creates.MostInAnyWindow <= Limit, creates.ToString());
        }
        finally
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Throughput with a standing latency of 150 ms each way (the fake server's <c>Latency</c>): the shared
    /// limiter subtracts the round trip it has learnt, the in-process gate counts each window from the answer.
    /// Measured and reported (docs/benchmarks.md), never asserted beyond the limit itself.
    /// </summary>
    [Theory(Timeout = TestLimits.TestMilliseconds)]
    [InlineData(true, 4)]
    [InlineData(false, 1)]
    public async Task Throughput_with_150_ms_latency_each_way_is_measured(bool shared, int instanceCount)
    {
        var connection = await server.CreateDatabaseAsync();
        await using var kie = await FakeKieServer.StartAsync(
            new FakeKieOptions { CreateLimit = Limit, CreateWindow = Window, Latency = TimeSpan.FromMilliseconds(150) }, TestContext.Current.CancellationToken);
        var instances = new List<AppInstance>();
        for (var i = 0; i < instanceCount; i++)
        {
            instances.Add(await AppInstance.StartAsync(
                new InstanceSettings("i" + i, connection, kie.BaseAddress, FakeKieOptions.DefaultApiKey, 0)
                {
                    CreateLimit = Limit, CreateWindow = ClientWindow, Shared = shared,
                },
                TestContext.Current.CancellationToken));
        }

        try
        {
            await Task.WhenAll(instances.SelectMany(instance => Enumerable.Range(0, 200 / instanceCount).Select(_ =>
                instance.Client.SubmitAsync(new KieGen.Models.Image.NanoBanana2Request { Prompt = "a cat" }, cancellationToken: TestContext.Current.CancellationToken))));
            var creates = Creates.Of(kie, Limit, Window);
            TestContext.Current.TestOutputHelper?.WriteLine($"{(shared ? "PostgreSQL limiter" : "in-process gate")}, {instanceCount} instance(s), 150 ms each way: {creates}");
            Assert.Equal((200, 200), (creates.Count, creates.Tasks));
            Assert.True(creates.MostInAnyWindow <= Limit, creates.ToString());
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }
}
