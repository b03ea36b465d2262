using System.Drawing;
using KieGen.Client;
using KieGen.Requests;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static KieGen.AI.Tests.ChatKit;

namespace KieGen.AI.Tests;

/// <summary>
/// The adapters registered with Microsoft.Extensions.AI's own <c>AddChatClient</c> / <c>AddImageGenerator</c> /
/// <c>AddTextToSpeechClient</c> / <c>AddSpeechToTextClient</c>, whose builders add the middleware; the Kie client,
/// the catalog and the logger factory come from the container. This is how README.md composes a pipeline.
/// </summary>
public class PipelineRegistrationTests
{
    [Fact]
    public async Task A_chat_pipeline_registered_with_AddChatClient_logs_through_the_containers_logger_factory_and_traces()
    {
        var logs = new RecordingLoggerProvider();
        using var spans = new SpanRecorder();
        await using var kie = await Fixture.StartAsync(services =>
        {
            services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
            services.AddChatClient(provider => new KieChatClient(provider.GetRequiredService<KieClient>(), "gemini-2.5-pro"))
                .UseLogging()
                .UseOpenTelemetry(sourceName: spans.SourceName);
        });
        var chat = kie.Services.GetRequiredService<IChatClient>();

        var response = await chat.GetResponseAsync("Hello there", cancellationToken: Ct);

        Assert.Equal("Fake answer to: Hello there", response.Text);
        Assert.NotNull(chat.GetService<LoggingChatClient>());
        Assert.Equal("kie", chat.GetService<ChatClientMetadata>()!.ProviderName); // asked through the middleware
        Assert.Same(kie.Services.GetRequiredService<KieClient>(), chat.GetService<KieClient>());
        Assert.Contains(logs.Records, r => r.Category == typeof(LoggingChatClient).FullName && r.Message.StartsWith("GetResponseAsync completed", StringComparison.Ordinal));
        Assert.Equal("gemini-2.5-pro", Assert.Single(spans.Spans).GetTagItem("gen_ai.request.model"));
    }

    [Fact]
    public async Task Keyed_task_pipelines_take_the_containers_client_and_catalog_and_apply_their_options()
    {
        var logs = new RecordingLoggerProvider();
        await using var kie = await Fixture.StartAsync(services =>
        {
            services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
            services.AddKeyedImageGenerator("poster", provider => new KieImageGenerator(provider.GetRequiredService<KieClient>(), "z-image", provider.GetService<KieModelCatalog>()))
                .ConfigureOptions(o => o.ImageSize ??= new Size(1080, 1920))
                .UseLogging();
            services.AddTextToSpeechClient(provider => new KieTextToSpeechClient(provider.GetRequiredService<KieClient>(), "elevenlabs/text-to-speech-turbo-2-5"))
                .ConfigureOptions(o => o.VoiceId ??= "Rachel")
                .UseLogging();
            services.AddSpeechToTextClient(provider => new KieSpeechToTextClient(provider.GetRequiredService<KieClient>(), "elevenlabs/speech-to-text"))
                .ConfigureOptions(o => o.SpeechLanguage ??= "fr");
        });

        await kie.Services.GetRequiredKeyedService<IImageGenerator>("poster").GenerateImagesAsync("A lighthouse", cancellationToken: Ct);
        await kie.Services.GetRequiredService<ITextToSpeechClient>().GetAudioAsync("Bonjour", cancellationToken: Ct);
        await kie.Services.GetRequiredService<ISpeechToTextClient>().GetTextAsync(new System.IO.MemoryStream(System.Text.Encoding.UTF8.GetBytes("ID3 fake audio " + Guid.NewGuid())), cancellationToken: Ct);

        var bodies = kie.CreateBodies();
        Assert.Equal(3, bodies.Count);
        Assert.Equal("9:16", bodies.Single(b => b.GetProperty("model").GetString() == "z-image").GetProperty("input").GetProperty("aspect_ratio").GetString());
        Assert.Equal("Rachel", bodies.Single(b => b.GetProperty("model").GetString() == "elevenlabs/text-to-speech-turbo-2-5").GetProperty("input").GetProperty("voice").GetString());
        Assert.Equal("fr", bodies.Single(b => b.GetProperty("model").GetString() == "elevenlabs/speech-to-text").GetProperty("input").GetProperty("language_code").GetString());
        Assert.Contains(logs.Records, r => r.Category == typeof(LoggingImageGenerator).FullName);
        Assert.Contains(logs.Records, r => r.Category == typeof(LoggingTextToSpeechClient).FullName);
    }
}
