using KieGen.Client.Tests.Infrastructure;
using KieGen.Models;
using KieGen.Tests.Shared;

namespace KieGen.Client.Tests;

/// <summary>Every documented request example, submitted through the client and waited for: every family's results parse.</summary>
public class FamilyResultTests
{
    public static TheoryData<string, int> Examples() => new(ReferenceExamples.All(firstOnly: true));

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Documented_example_submits_waits_and_yields_results(string model, int index)
    {
        var json = ReferenceExamples.Json(model, index);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var entry = KieGenCatalog.Models[root.TryGetProperty("model", out var m) && root.TryGetProperty("input", out _) ? m.GetString()! : model];
        var parameters = entry.Model.BodyStyle == KieGen.Requests.KieBodyStyle.Input
            ? root.GetProperty("input").GetRawText()
            : JsonSerializer.Serialize(root.EnumerateObject().Where(p => p.Name != entry.Model.CallbackField).ToDictionary(p => p.Name, p => p.Value));
        var request = Sample.Parse(entry.Model.ModelId, parameters);

        await using var h = await Harness.StartAsync(o => o.Catalog = KieGenCatalog.Models);
        var task = await h.Client.SubmitAsync(request, entry.Model.CallbackRequired ? "http://127.0.0.1:9/callback" : null, TestContext.Current.CancellationToken);
        var result = await h.DriveAsync(h.Client.WaitForCompletionAsync(task, cancellationToken: TestContext.Current.CancellationToken), TimeSpan.FromSeconds(2));

        Assert.Equal(task.TaskId, result.TaskId);
        switch (entry.Model.ResultKind)
        {
            case KieGen.Requests.KieResultKind.Music:
                Assert.Equal(2, result.Tracks.Count);
                Assert.All(result.Tracks, t => Assert.NotNull(t.AudioUrl));
                break;
            case KieGen.Requests.KieResultKind.Text:
                Assert.False(string.IsNullOrEmpty(result.Text));
                break;
            case KieGen.Requests.KieResultKind.Object:
                Assert.NotNull(result.Data);
                break;
            default:
                Assert.NotEmpty(result.Urls);
                Assert.Equal(h.Server.FindTask(task.TaskId)!.ResultUrls[0], result.Urls[0].ToString());
                break;
        }
    }
}
