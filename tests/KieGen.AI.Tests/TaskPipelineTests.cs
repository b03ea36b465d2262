using System.IO;
using System.Drawing;
using KieGen.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace KieGen.AI.Tests;

/// <summary>
/// The task-based adapters (images, text to speech, speech to text) inside Microsoft.Extensions.AI's middleware,
/// built with <see cref="ImageGeneratorBuilder"/>, <see cref="TextToSpeechClientBuilder"/> and
/// <see cref="SpeechToTextClientBuilder"/> over a client of the fake Kie server.
/// </summary>
public class TaskPipelineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Image_generation_through_options_logging_and_OpenTelemetry_submits_the_configured_model()
    {
        await using var kie = await Fixture.StartAsync(_ => { });
        using var client = kie.Server.CreateClient(kie.Key);
        using var seen = new Observed();
        using var generator = new KieImageGenerator(client, "z-image").AsBuilder()
            .ConfigureOptions(o =>
            {
                o.ModelId = "google/imagen4-fast";
                (o.AdditionalProperties ??= [])["negative_prompt"] = "fog";
            })
            .UseLogging(seen.Factory)
            .UseOpenTelemetry(seen.Factory, seen.SourceName)
            .Build();

        var response = await generator.GenerateImagesAsync("A lighthouse at dusk", new ImageGenerationOptions { ImageSize = new Size(1920, 1080) }, Ct);

        var body = Assert.Single(kie.CreateBodies());
        Assert.Equal("google/imagen4-fast", body.GetProperty("model").GetString());
        Assert.Equal("16:9", body.GetProperty("input").GetProperty("aspect_ratio").GetString());
        Assert.Equal("fog", body.GetProperty("input").GetProperty("negative_prompt").GetString());
        var image = Assert.IsType<UriContent>(Assert.Single(response.Contents));
        var result = Assert.IsType<KieTaskResult>(response.RawRepresentation); // the middleware passes Kie's result through
        Assert.Equal(image.Uri, Assert.Single(result.Urls));

        var span = Assert.Single(seen.Spans);
        Assert.Equal("generate_content google/imagen4-fast", span.DisplayName);
        Assert.Equal("image", span.GetTagItem("gen_ai.output.type"));
        Assert.Equal("kie", span.GetTagItem("gen_ai.provider.name"));
        Assert.Equal("google/imagen4-fast", span.GetTagItem("gen_ai.request.model"));
        Assert.Equal(1920, span.GetTagItem("gen_ai.request.image.width"));
        Assert.Equal(kie.Server.BaseAddress.Port, span.GetTagItem("server.port"));

        var completed = Assert.Single(seen.Records, r => r.Message.StartsWith("GenerateAsync completed", StringComparison.Ordinal));
        Assert.Equal(typeof(LoggingImageGenerator).FullName, completed.Category);
        Assert.Contains(image.Uri.ToString(), completed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_inside_the_pipeline_is_logged_and_marks_the_span_as_an_error_and_nothing_is_submitted()
    {
        await using var kie = await Fixture.StartAsync(_ => { });
        using var client = kie.Server.CreateClient(kie.Key);
        using var seen = new Observed();
        using var generator = new KieImageGenerator(client, "z-image").AsBuilder()
            .UseLogging(seen.Factory)
            .UseOpenTelemetry(seen.Factory, seen.SourceName)
            .Build();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateImagesAsync("A lighthouse", new ImageGenerationOptions { ImageSize = new Size(1000, 700) }, Ct));

        Assert.Contains("aspect_ratio", error.Message, StringComparison.Ordinal);
        Assert.Empty(kie.CreateBodies());
        var span = Assert.Single(seen.Spans);
        Assert.Equal(System.Diagnostics.ActivityStatusCode.Error, span.Status);
        Assert.Equal(typeof(ArgumentException).FullName, span.GetTagItem("error.type"));
        Assert.Contains(seen.Records, r => r.Level == Microsoft.Extensions.Logging.LogLevel.Error && r.Message.StartsWith("GenerateAsync failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Text_to_speech_through_options_logging_and_OpenTelemetry_speaks_with_the_configured_voice()
    {
        await using var kie = await Fixture.StartAsync(_ => { });
        using var client = kie.Server.CreateClient(kie.Key);
        using var seen = new Observed();
        using var speech = new KieTextToSpeechClient(client, "elevenlabs/text-to-speech-turbo-2-5").AsBuilder()
            .ConfigureOptions(o => o.VoiceId ??= "Rachel")
            .UseLogging(seen.Factory)
            .UseOpenTelemetry(seen.Factory, seen.SourceName)
            .Build();

        var response = await speech.GetAudioAsync("Hello from Kie", new TextToSpeechOptions { Speed = 0.75f }, Ct);

        var input = Assert.Single(kie.CreateBodies()).GetProperty("input");
        Assert.Equal("Rachel", input.GetProperty("voice").GetString());
        Assert.Equal(0.75, input.GetProperty("speed").GetDouble());
        Assert.IsType<DataContent>(Assert.Single(response.Contents));
        var span = Assert.Single(seen.Spans);
        Assert.Equal("audio", span.GetTagItem("gen_ai.output.type"));
        Assert.Equal("elevenlabs/text-to-speech-turbo-2-5", span.GetTagItem("gen_ai.request.model"));
        Assert.Equal(response.ResponseId, span.GetTagItem("gen_ai.response.id")); // the Kie task id
        Assert.Contains(seen.Records, r => r.Category == typeof(LoggingTextToSpeechClient).FullName && r.Message == "GetAudioAsync completed.");
    }

    [Fact]
    public async Task Streamed_text_to_speech_through_the_pipeline_is_the_one_finished_file()
    {
        await using var kie = await Fixture.StartAsync(_ => { });
        using var client = kie.Server.CreateClient(kie.Key);
        using var seen = new Observed();
        using var speech = new KieTextToSpeechClient(client, "elevenlabs/text-to-speech-turbo-2-5").AsBuilder()
            .ConfigureOptions(o => o.VoiceId ??= "Rachel")
            .UseOpenTelemetry(sourceName: seen.SourceName)
            .Build();

        var updates = new List<TextToSpeechResponseUpdate>();
        await foreach (var update in speech.GetStreamingAudioAsync("Hello from Kie", cancellationToken: Ct))
        {
            updates.Add(update);
        }

        var audio = Assert.IsType<DataContent>(Assert.Single(updates.SelectMany(u => u.Contents), c => c is DataContent));
        Assert.True(audio.Data.Length > 100);
        Assert.Equal("Rachel", Assert.Single(kie.CreateBodies()).GetProperty("input").GetProperty("voice").GetString());
        Assert.Single(seen.Spans);
    }

    [Fact]
    public async Task Speech_to_text_through_options_logging_and_OpenTelemetry_transcribes_in_the_configured_language()
    {
        await using var kie = await Fixture.StartAsync(_ => { });
        using var client = kie.Server.CreateClient(kie.Key);
        using var seen = new Observed();
        using var stt = new KieSpeechToTextClient(client, "elevenlabs/speech-to-text").AsBuilder()
            .ConfigureOptions(o => o.SpeechLanguage ??= "en")
            .UseLogging(seen.Factory)
            .UseOpenTelemetry(seen.Factory, seen.SourceName)
            .Build();

        var response = await stt.GetTextAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes("ID3 fake audio " + Guid.NewGuid())), cancellationToken: Ct);

        Assert.Equal("en", Assert.Single(kie.CreateBodies()).GetProperty("input").GetProperty("language_code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(response.Text));
        var span = Assert.Single(seen.Spans);
        Assert.Equal("text", span.GetTagItem("gen_ai.output.type"));
        Assert.Equal("elevenlabs/speech-to-text", span.GetTagItem("gen_ai.response.model"));
        Assert.Equal(response.ResponseId, span.GetTagItem("gen_ai.response.id"));
        var completed = Assert.Single(seen.Records, r => r.Message.StartsWith("GetTextAsync completed", StringComparison.Ordinal));
        Assert.Contains(response.ResponseId!, completed.Message, StringComparison.Ordinal);
    }
}
