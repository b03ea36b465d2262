using KieGen.Requests.Support;
using KieGen.Models;
using KieGen.Requests;

namespace KieGen.Catalog.Tests;

/// <summary>
/// Kie's own request examples that the August catalog rejected (issue 12), under the ids Kie uses now and, where the
/// former id stays as a deprecated type, under that too: each is accepted and written back unchanged.
/// </summary>
public class ReportedExampleTests
{
    [Theory]
    [InlineData("kling-3.0-omni/reference-to-video", """{"prompt":"The cat from @video1 walks into the garden","video_urls":["https://example.com/v.mp4"],"aspect_ratio":"auto","audio":true}""")]
    // Kie's August documented example of the images-and-video shape (tests/Reference/kie-models.json); the October extract lost its aspect ratios.
    [InlineData("kling-3.0-omni/transformation", """{"prompt":"Transform the video into a cinematic night scene using the visual style of the reference image.","image_urls":["https://example.com/reference-image.jpg"],"video_urls":["https://example.com/source-video.mp4"],"duration":"5","resolution":"720p","aspect_ratio":"16:9","audio":false}""")]
    [InlineData("4o-image-api", """{"prompt":"A watercolor fox","size":"1:1","is_enhance":false,"upload_cn":false,"enable_fallback":false,"fallback_model":"FLUX_MAX"}""")]
    [InlineData("gpt4o-image/generate", """{"prompt":"A watercolor fox","size":"1:1","isEnhance":false,"uploadCn":false,"enableFallback":false,"fallbackModel":"FLUX_MAX"}""")]
    public void Example_is_accepted_and_written_back_unchanged(string model, string parameters)
    {
        var entry = KieGenCatalog.Models[model];
        using var input = JsonDocument.Parse(parameters);
        Assert.True(entry.TryParse(input.RootElement, out var request, out var errors), string.Join("\n", errors));

        using var written = JsonDocument.Parse(request.ToJsonBody("https://example.com/callback"));
        var sent = entry.Model.BodyStyle == KieBodyStyle.Input ? written.RootElement.GetProperty("input") : written.RootElement;
        Assert.Equal(
            input.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal),
            sent.EnumerateObject().Select(p => p.Name).Where(n => n != "callBackUrl").Order(StringComparer.Ordinal));
        Assert.True(KieJson.DeepEquals(input.RootElement, entry.Model.BodyStyle == KieBodyStyle.Input ? sent : Without(sent, "callBackUrl")),
            $"written back differently: {sent.GetRawText()}");
    }

    private static JsonElement Without(JsonElement json, string name) =>
        JsonDocument.Parse(System.Text.Json.JsonSerializer.Serialize(json.EnumerateObject().Where(p => p.Name != name).ToDictionary(p => p.Name, p => p.Value))).RootElement;
}
