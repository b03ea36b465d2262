using KieGen.Testing.Tests.Infrastructure;

namespace KieGen.Testing.Tests;

public class InspectionAndClockTests
{
    [Fact]
    public async Task Every_request_is_recorded_with_its_key_and_the_key_never_needs_the_url()
    {
        await using var kie = await Kie.StartAsync();
        var taskId = await kie.CreateAsync("/api/v1/jobs/createTask", Bodies.Kling);
        await kie.StatusAsync("/api/v1/jobs/recordInfo", taskId);

        var requests = kie.Server.Requests;
        Assert.Equal(new[] { "POST /api/v1/jobs/createTask", "GET /api/v1/jobs/recordInfo?taskId=" + taskId }, requests.Select(r => r.Method + " " + r.Url));
        Assert.All(requests, r => Assert.Equal(FakeKieOptions.DefaultApiKey, r.ApiKey));
        Assert.DoesNotContain(requests, r => r.Url.Contains(FakeKieOptions.DefaultApiKey, StringComparison.Ordinal));
        Assert.Equal(Bodies.Kling, requests[0].Body);
        Assert.Equal("Bearer " + FakeKieOptions.DefaultApiKey, requests[0].Headers["Authorization"]);
    }

    [Fact]
    public async Task Servers_listen_on_loopback_on_their_own_free_ports()
    {
        await using var a = await FakeKieServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var b = await FakeKieServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("127.0.0.1", a.BaseAddress.Host);
        Assert.Equal(4, new[] { a.BaseAddress.Port, a.UploadBaseAddress.Port, b.BaseAddress.Port, b.UploadBaseAddress.Port }.Distinct().Count());
    }

    [Fact]
    public void Manual_clock_fires_due_timers_in_time_order_at_their_own_time()
    {
        var clock = new ManualTimeProvider();
        var start = clock.GetUtcNow();
        var fired = new List<(string, TimeSpan)>();
        using var late = clock.CreateTimer(_ => fired.Add(("late", clock.GetUtcNow() - start)), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => fired.Add(("early", clock.GetUtcNow() - start)), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
        using var periodic = clock.CreateTimer(_ => fired.Add(("tick", clock.GetUtcNow() - start)), null, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(4));

        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(new[] { ("early", TimeSpan.FromSeconds(3)), ("tick", TimeSpan.FromSeconds(4)), ("tick", TimeSpan.FromSeconds(8)) }, fired);
        Assert.Equal(start + TimeSpan.FromSeconds(9), clock.GetUtcNow());

        late.Dispose();
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(("tick", TimeSpan.FromSeconds(12)), fired[^1]);
        Assert.DoesNotContain(fired, f => f.Item1 == "late");
    }
}
