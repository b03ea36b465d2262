using System.Text.RegularExpressions;
using KieGen.Catalog.Tests.Infrastructure;
using KieGen.Requests.Support;
using KieGen.Models;
using KieGen.Requests;

namespace KieGen.Catalog.Tests;

/// <summary>
/// The hand-written files of models the October reference lacks (<see cref="ModelsSinceReference"/>): each is a real
/// file outside the reference that names its sources, takes Kie's documented examples, and agrees with what Kie did
/// with the recorded requests for it (accepted bodies are accepted, a body Kie answered "... is required" is rejected
/// naming that member).
/// </summary>
public class ModelsSinceReferenceTests
{
    public static TheoryData<string> Models() => new(ModelsSinceReference.Models.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Models))]
    public void Has_a_file_outside_the_reference_that_names_its_sources(string model)
    {
        Assert.DoesNotContain(ReferenceModels.All, e => ReferenceModels.Id(e) == model);
        var file = CatalogFiles.Get(model);
        Assert.Contains("https://docs.kie.ai/", file.Member("description"), StringComparison.Ordinal);
        Assert.True(KieGenCatalog.Models.TryGet(model, out _), $"{model} is not in the compiled catalog");
    }

    /// <summary>The createTask examples printed on Kie's pages (English page, then the Chinese copy).</summary>
    [Theory]
    [InlineData("elevenlabs/sound-effect-v2", """{"text":"","loop":false,"prompt_influence":0.3,"output_format":"mp3_44100_128"}""")]
    [InlineData("elevenlabs/sound-effect-v2", """{"text":"","loop":false,"duration_seconds":0.5,"prompt_influence":0.3,"output_format":"mp3_44100_128"}""")]
    [InlineData("elevenlabs/speech-to-text", """{"audio_url":"https://file.aiquickdraw.com/custom-page/akr/section-images/1757157053357tn37vxc8.mp3","language_code":"","tag_audio_events":true,"diarize":true}""")]
    public void Kie_documented_example_is_accepted_and_written_back_unchanged(string model, string parameters)
    {
        using var input = JsonDocument.Parse(parameters);
        AssertRoundTrips(model, input.RootElement);
    }

    public static TheoryData<int> RecordedCreates() => new(Recorded.Creates().Select(e => e.GetProperty("id").GetInt32()));

    [Theory]
    [MemberData(nameof(RecordedCreates))]
    public void Recorded_request_gets_the_verdict_Kie_gave_it(int id)
    {
        var exchange = Recorded.Creates().Single(e => e.GetProperty("id").GetInt32() == id);
        var body = exchange.GetProperty("requestBody");
        var model = body.GetProperty("model").GetString()!;
        var input = body.GetProperty("input");
        var answer = exchange.GetProperty("responseBody");
        var message = answer.GetProperty("msg").GetString() ?? "";

        if (answer.GetProperty("code").GetInt32() == 200)
        {
            AssertRoundTrips(model, input);
        }
        else if (Regex.Match(message, @"^(\w+) is required$") is { Success: true } required)
        {
            Assert.False(KieGenCatalog.Models[model].TryParse(input, out _, out var errors), $"{model} accepted what Kie refused: {message}");
            Assert.Contains(errors, e => e.Path == required.Groups[1].Value && e.Keyword == "required");
        }
        else
        {
            // Kie failed for another reason (e.g. "Server exception"): it did not reject the parameters, so the type
            // must not either.
            Assert.True(KieGenCatalog.Models[model].TryParse(input, out _, out var errors), string.Join("\n", errors));
        }
    }

    private static void AssertRoundTrips(string model, JsonElement input)
    {
        var entry = KieGenCatalog.Models[model];
        Assert.True(entry.TryParse(input, out var request, out var errors), string.Join("\n", errors));
        using var written = JsonDocument.Parse(request.ToJsonBody("https://example.com/callback"));
        Assert.True(KieJson.DeepEquals(input, written.RootElement.GetProperty("input")), $"written back differently: {written.RootElement.GetRawText()}");
    }

    private static class Recorded
    {
        private static readonly Lazy<JsonDocument> Document = new(() =>
            JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "reference", "kie-recorded-2026-03-04.json"))));

        public static IEnumerable<JsonElement> Creates() => Document.Value.RootElement.EnumerateArray()
            .Where(e => e.GetProperty("url").GetString() == "/api/v1/jobs/createTask"
                && e.GetProperty("requestBody").ValueKind == JsonValueKind.Object
                && e.GetProperty("requestBody").TryGetProperty("model", out var m)
                && ModelsSinceReference.Models.ContainsKey(m.GetString() ?? ""));
    }
}
