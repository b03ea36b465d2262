using KieGen.Testing.Tests.Infrastructure;

namespace KieGen.Testing.Tests;

public class LimitTests
{
    [Fact]
    public async Task The_21st_task_in_10_seconds_is_refused_with_429_and_not_queued()
    {
        await using var kie = await Kie.StartAsync();
        for (var i = 0; i < 20; i++)
        {
            await kie.CreateAsync("/api/v1/jobs/createTask", Bodies.Kling);
            kie.Clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        var (status, body) = await kie.PostAsync("/api/v1/jobs/createTask", Bodies.Kling);
        Assert.Equal((HttpStatusCode.TooManyRequests, 429), (status, body.GetProperty("code").GetInt32()));
        Assert.Equal(20, kie.Server.Tasks.Count);

        // The window slides: once the first task is 10 s old, there is room for one more.
        kie.Clock.Advance(TimeSpan.FromSeconds(8));
        await kie.CreateAsync("/api/v1/jobs/createTask", Bodies.Kling);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await kie.PostAsync("/api/v1/jobs/createTask", Bodies.Kling)).Status);
        Assert.Equal(21, kie.Server.Tasks.Count);
    }

    [Fact]
    public async Task Limits_are_per_key()
    {
        await using var kie = await Kie.StartAsync(o =>
        {
            o.CreateLimit = 1;
            o.ApiKeys["second"] = 10;
        });
        using var second = Kie.Client(kie.Server.BaseAddress, "second");
        await kie.CreateAsync("/api/v1/jobs/createTask", Bodies.Kling);
        Assert.Equal(HttpStatusCode.OK, (await kie.PostAsync("/api/v1/jobs/createTask", Bodies.Kling, second)).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await kie.PostAsync("/api/v1/jobs/createTask", Bodies.Kling)).Status);
    }

    [Fact]
    public async Task The_11th_status_request_in_a_second_is_refused_with_429()
    {
        await using var kie = await Kie.StartAsync(o => o.RetryAfter = TimeSpan.FromSeconds(1));
        var taskId = await kie.CreateAsync("/api/v1/jobs/createTask", Bodies.Kling);
        for (var i = 0; i < 10; i++)
        {
            await kie.StatusAsync("/api/v1/jobs/recordInfo", taskId);
        }

        using var refused = await kie.Http.GetAsync("/api/v1/jobs/recordInfo?taskId=" + taskId, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);

        kie.Clock.Advance(TimeSpan.FromSeconds(1));
        await kie.StatusAsync("/api/v1/jobs/recordInfo", taskId);
    }

    [Fact]
    public async Task A_standing_latency_delays_each_request_and_each_answer_by_its_own_way()
    {
        var latency = TimeSpan.FromMilliseconds(150);
        await using var kie = await Kie.StartAsync(o => o.Latency = latency);
        var sent = kie.Clock.GetUtcNow();

        var call = kie.Http.GetAsync("/api/v1/chat/credit", TestContext.Current.CancellationToken);
        await kie.Clock.WaitForPendingTimersAsync(1, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken); // the bound turns a hang into a failure
        Assert.Empty(kie.Server.Requests); // still on its way in

        kie.Clock.Advance(latency);
        await kie.Clock.WaitForPendingTimersAsync(1, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(sent + latency, Assert.Single(kie.Server.Requests).ReceivedAt); // arrived, counted at its arrival
        Assert.False(call.IsCompleted); // the answer is on its way out

        kie.Clock.Advance(latency);
        using var answer = await call;
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }
}
