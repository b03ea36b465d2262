using System.Diagnostics.Metrics;
using KieGen.Client.Tests.Infrastructure;
using KieGen.Models;
using KieGen.Requests;

namespace KieGen.Client.Tests;

/// <summary>
/// The former special families on Kie's unified job API (October 2026): Veo, Runway and Suno submit to createTask under
/// their new ids and complete against the fake server, with recordId, creditsConsumed and the parsed response read.
/// </summary>
public class UnifiedJobTests
{
    [Theory]
    [InlineData("veo-3-1", """{"prompt":"a lighthouse at dusk","aspect_ratio":"16:9","duration":8}""", ".mp4")]
    [InlineData("runway", """{"prompt":"a lighthouse at dusk","duration":5,"quality":"720p","aspect_ratio":"16:9"}""", ".mp4")]
    public async Task A_former_special_family_video_model_submits_to_createTask_and_completes(string model, string input, string extension)
    {
        await using var h = await Harness.StartAsync(o => (o.Catalog, o.Shape) = (KieGenCatalog.Models, KieShape.Pages2026_10)); // creditsConsumed: a page member
        var task = await h.Client.SubmitAsync(Sample.Parse(model, input), null, TestContext.Current.CancellationToken);
        var result = await h.DriveAsync(h.Client.WaitForCompletionAsync(task, cancellationToken: TestContext.Current.CancellationToken), TimeSpan.FromSeconds(2));

        var create = Assert.Single(h.Creates);
        Assert.Equal("/api/v1/jobs/createTask", create.Path);
        using (var body = JsonDocument.Parse(create.Body))
        {
            Assert.Equal(model, body.RootElement.GetProperty("model").GetString());
            Assert.Equal(JsonValueKind.Object, body.RootElement.GetProperty("input").ValueKind);
        }

        Assert.Equal("rec_" + task.TaskId, task.RecordId);
        Assert.EndsWith(extension, Assert.Single(result.Urls).ToString());
        Assert.Equal(1.0, result.CreditsConsumed);
    }

    [Fact]
    public async Task Suno_generate_on_the_unified_api_yields_its_two_tracks_from_response_data()
    {
        await using var h = await Harness.StartAsync(o => o.Catalog = KieGenCatalog.Models);
        var request = Sample.Parse("ai-music-api/generate", """{"custom_mode":false,"instrumental":false,"model":"V6","prompt":"a calm piano piece"}""");
        var task = await h.Client.SubmitAsync(request, null, TestContext.Current.CancellationToken);
        var result = await h.DriveAsync(h.Client.WaitForCompletionAsync(task, cancellationToken: TestContext.Current.CancellationToken), TimeSpan.FromSeconds(2));

        Assert.Equal(KieApiFamily.Market, task.Family);
        Assert.Equal(2, result.Tracks.Count);
        Assert.All(result.Tracks, t => Assert.EndsWith(".mp3", t.AudioUrl!.ToString()));
        Assert.All(result.Tracks, t => Assert.EndsWith(".png", t.ImageUrl!.ToString()));
        Assert.Equal(result.Tracks.Select(t => t.AudioUrl!), result.Urls);
        Assert.Equal(new[] { task.TaskId + "-0", task.TaskId + "-1" }, result.Tracks.Select(t => t.Id));
    }

    [Fact]
    public async Task Credits_consumed_by_finished_tasks_are_counted_on_the_KieGen_meter()
    {
        var credits = new List<(double Value, string? Model)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == KieTelemetry.Name && instrument.Name == "kie.credits_consumed")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            var model = tags.ToArray().FirstOrDefault(t => t.Key == "kie.model").Value as string;
            lock (credits)
            {
                credits.Add((value, model));
            }
        });
        listener.Start();

        await using (var h = await Harness.StartAsync(o => (o.CreditsPerTask, o.Shape) = (2.5m, KieShape.Pages2026_10)))
        {
            await h.DriveAsync(h.Client.SubmitAndWaitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken));
        }

        lock (credits)
        {
            Assert.Contains((2.5, "nano-banana-2"), credits);
        }
    }
}
