using KieGen.Testing.Tests.Infrastructure;

namespace KieGen.Testing.Tests;

/// <summary>Every scheduled callback arrives, however the manual clock races the delivery threads.</summary>
public class CallbackDeliveryCountTests
{
    [Fact]
    public async Task Ten_thousand_callbacks_on_a_manual_clock_all_arrive_exactly_as_scheduled()
    {
        const int tasks = 500;
        const int copies = 20; // DuplicateCallbacks = 19: 500 × 20 = 10,000 deliveries
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var kie = await Kie.StartAsync(o =>
        {
            o.CreateLimit = tasks;
            o.DuplicateCallbacks = copies - 1;
            o.ApiKeys[FakeKieOptions.DefaultApiKey] = tasks;
        });

        var ids = new List<string>();
        for (var i = 0; i < tasks; i++)
        {
            ids.Add(await kie.CreateAsync("/api/v1/jobs/createTask", Bodies.KlingTo(receiver.Url.ToString())));
            kie.Clock.Advance(TimeSpan.FromMilliseconds(7)); // spread the due times
        }

        // Small steps while deliveries are running: the clock moves past due times between a delivery's reads of it.
        for (var i = 0; i < 2_000; i++)
        {
            kie.Clock.Advance(TimeSpan.FromMilliseconds(150));
        }

        await kie.Server.WaitForCallbacksAsync(TestContext.Current.CancellationToken);

        Assert.Equal(tasks * copies, kie.Server.Callbacks.Count(c => c.Delivered));
        Assert.Equal(tasks * copies, receiver.Received.Count);
        var perTask = receiver.Received
            .Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("data").GetProperty("taskId").GetString()!)
            .GroupBy(id => id)
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.All(ids, id => Assert.Equal(copies, perTask.GetValueOrDefault(id)));
    }
}
