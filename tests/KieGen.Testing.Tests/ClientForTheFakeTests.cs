using KieGen.Client;
using KieGen.Models.Video;
using KieGen.Tasks;

namespace KieGen.Testing.Tests;

/// <summary>
/// The fake is fast by default and hands out a client that polls to suit it; Kie's pace is there on request. Time is
/// read from a manual clock only: how far it had to move, and how many polls it took, never the wall clock.
/// </summary>
public class ClientForTheFakeTests
{
    private static Kling2_6ImageToVideoRequest Video() => Kling2_6ImageToVideoRequest.CreateBuilder()
        .WithPrompt("A lighthouse at dusk, waves rolling in")
        .WithImageUrls("https://example.com/lighthouse.png")
        .WithSound(false)
        .WithDuration(Kling2_6ImageToVideoDuration.Seconds5)
        .Build();

    [Fact]
    public async Task The_default_fake_and_its_client_finish_a_video_in_three_polls_and_a_tenth_of_a_second_on_the_clock()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new ManualTimeProvider();
        var options = new FakeKieOptions { TimeProvider = clock }; // everything else as a new user leaves it
        var key = options.AddApiKey(10m); // its own key: no other test shares its status budget
        await using var fake = await FakeKieServer.StartAsync(options, ct);
        using var client = fake.CreateClient(key);
        var start = clock.GetUtcNow();
        var states = new List<KieTaskState>();
        using var reported = new SemaphoreSlim(0);
        var progress = KieProgress.Create(p =>
        {
            lock (states)
            {
                states.Add(p.State);
            }

            reported.Release();
        });

        var wait = client.SubmitAndWaitAsync(Video(), progress, cancellationToken: ct);
        while (true)
        {
            // Each poll of this task reports a change; once reported, the poll's HTTP call is over, so the next timer
            // the client sets is its pause before the next poll: move the clock by exactly that pause.
            await reported.WaitAsync(ct);
            lock (states)
            {
                if (states[^1] is KieTaskState.Succeeded or KieTaskState.Failed)
                {
                    break;
                }
            }

            await clock.WaitForPendingTimersAsync(1, ct);
            clock.Advance(client.Options.PollInterval!.Value);
        }

        var result = await wait;
        Assert.Equal(TimeSpan.FromMilliseconds(50), client.Options.PollInterval);
        Assert.Equal(new[] { KieTaskState.Pending, KieTaskState.Running, KieTaskState.Succeeded }, states);
        Assert.Equal(3, fake.Requests.Count(r => r.ApiKey == key && r.Path.StartsWith("/api/v1/jobs/recordInfo", StringComparison.Ordinal)));
        Assert.Equal(TimeSpan.FromMilliseconds(100), clock.GetUtcNow() - start);
        var task = Assert.Single(fake.TasksCreatedBy(key));
        Assert.Equal(TimeSpan.FromMilliseconds(100), task.CompletedAt - task.CreatedAt);
        Assert.NotEmpty(result.Urls);
    }

    [Fact]
    public async Task Realistic_timing_runs_a_video_for_three_minutes_and_leaves_the_client_polling_as_against_Kie()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new ManualTimeProvider();
        await using var fake = await FakeKieServer.StartAsync(new FakeKieOptions { TimeProvider = clock, Timing = FakeKieTiming.Realistic }, ct);
        using var client = fake.CreateClient();

        var task = await client.SubmitAsync(Video(), cancellationToken: ct);

        var created = Assert.Single(fake.Tasks);
        Assert.Equal(task.TaskId, created.TaskId);
        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(3)), (created.Waiting, created.Queuing, created.Generating));
        Assert.Null(client.Options.PollInterval);
        clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(FakeTaskState.Generating, created.StateAt(clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(KieTaskState.Succeeded, (await client.GetStatusAsync(task, ct)).State);
    }

    [Fact]
    public async Task A_script_overrides_the_timing_only_where_it_says()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fake = await FakeKieServer.StartAsync(new FakeKieOptions { TimeProvider = new ManualTimeProvider() }, ct);
        fake.ScriptNextTask(new TaskScript { Generating = TimeSpan.FromSeconds(5) });
        fake.ScriptNextTask(TaskScript.Failing());
        using var client = fake.CreateClient();

        await client.SubmitAsync(Video(), cancellationToken: ct);
        await client.SubmitAsync(Video(), cancellationToken: ct);

        var timing = FakeKieTiming.Fast;
        Assert.Equal(
            new[] { (timing.Waiting, timing.Queuing, TimeSpan.FromSeconds(5)), (timing.Waiting, timing.Queuing, timing.VideoGenerating) },
            fake.Tasks.Select(t => (t.Waiting, t.Queuing, t.Generating)));
    }

    [Fact]
    public async Task Client_options_point_at_the_fake_with_a_key_it_accepts()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fake = await FakeKieServer.StartAsync(cancellationToken: ct);
        var options = fake.CreateClientOptions();
        Assert.Equal((fake.BaseAddress, fake.UploadBaseAddress, FakeKieOptions.DefaultApiKey), (options.BaseAddress, options.UploadBaseAddress, options.ApiKey));

        var only = new FakeKieOptions();
        only.ApiKeys.Clear();
        only.ApiKeys["mine"] = 5m;
        await using var other = await FakeKieServer.StartAsync(only, ct);
        using var client = other.CreateClient();
        Assert.Equal("mine", client.Options.ApiKey);
        Assert.Equal(5m, await client.GetCreditsAsync(ct));

        only.ApiKeys.Clear();
        Assert.Throws<InvalidOperationException>(() => other.CreateClientOptions());
    }
}
