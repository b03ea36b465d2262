using KieGen.Client.Tests.Infrastructure;

namespace KieGen.Client.Tests;

/// <summary>Cancelling a submit never leaves a paid task the caller cannot know about.</summary>
public class CancellationTests
{
    [Fact]
    public async Task Cancelling_while_the_create_call_is_in_flight_is_an_unknown_outcome_with_the_cancellation_inside()
    {
        await using var h = await Harness.StartAsync();
        h.Server.InjectFault(Fault.Slow(TimeSpan.FromMinutes(5), "/api/v1/jobs/createTask"));
        using var cancel = new CancellationTokenSource();
        var submit = h.Client.SubmitAsync(Sample.Kling(), "https://example.com/cb", cancel.Token);
        await Harness.UntilAsync(() => h.Server.Tasks.Count == 1, "the create call was processed");
        await cancel.CancelAsync();

        var error = await Assert.ThrowsAsync<KieSubmissionUnknownException>(() => submit);
        Assert.IsAssignableFrom<OperationCanceledException>(error.InnerException);
        Assert.Equal(("kling-2.6/image-to-video", "https://example.com/cb"), (error.ModelId, error.CallbackUrl));
        Assert.Single(h.Creates);
    }

    [Fact]
    public async Task Cancelling_while_waiting_for_a_slot_is_a_plain_cancellation_and_sends_nothing()
    {
        await using var h = await Harness.StartAsync(client: o => o.CreateLimit = 1);
        await h.Client.SubmitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken);
        using var cancel = new CancellationTokenSource();
        var second = h.Client.SubmitAsync(Sample.NanoBanana(), cancellationToken: cancel.Token); // the clock stands: no slot for 10 s
        Assert.False(second.IsCompleted);
        await cancel.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        Assert.IsNotType<KieSubmissionUnknownException>(error);
        Assert.Single(h.Creates);
    }

    [Fact]
    public async Task Cancelling_submits_at_random_points_leaves_no_created_task_without_an_id_or_an_unknown_outcome()
    {
        await using var h = await Harness.StartAsync(o => o.CreateLimit = 10_000, o => o.CreateLimit = 10_000);
        var random = new Random(14);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
        {
            using var cancel = new CancellationTokenSource();
            cancel.CancelAfter(TimeSpan.FromMilliseconds(random.Next(0, 40) + (i % 3))); // a spread of points: before, during, after the call
            try
            {
                return (Id: (await h.Client.SubmitAsync(Sample.NanoBanana(), cancellationToken: cancel.Token)).TaskId, Unknown: false);
            }
            catch (KieSubmissionUnknownException e) when (e.InnerException is OperationCanceledException)
            {
                return (Id: (string?)null, Unknown: true);
            }
            catch (OperationCanceledException)
            {
                return (Id: (string?)null, Unknown: false);
            }
        }));

        var ids = outcomes.Where(o => o.Id is not null).Select(o => o.Id!).ToHashSet();
        var created = h.Server.Tasks.Select(t => t.TaskId).ToList();
        Assert.Subset(created.ToHashSet(), ids);
        var withoutId = created.Count(id => !ids.Contains(id));
        Assert.True(withoutId <= outcomes.Count(o => o.Unknown), $"{withoutId} created tasks without an id, {outcomes.Count(o => o.Unknown)} unknown outcomes reported");
    }
}
