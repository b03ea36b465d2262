using System.IO;
using System.Net.Http;
using System.Text.Json;
using KieGen.Client;
using KieGen.Requests;
using KieGen.Tasks;
using KieGen.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace KieGen.AI.Tests;

/// <summary>ISpeechToTextClient over Kie's ElevenLabs speech to text, against the fake Kie server.</summary>
public class SpeechToTextTests
{
    private const string Model = "elevenlabs/speech-to-text";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Bytes that stand for an audio file; the fake stores and serves them as they came.</summary>
    private static byte[] Audio(string seed) => System.Text.Encoding.UTF8.GetBytes("ID3 fake audio for " + seed + " " + Guid.NewGuid());

    [Fact]
    public async Task Transcribes_an_uploaded_stream_and_returns_the_text()
    {
        await using var kie = await Fixture.StartAsync(s => s.AddKieSpeechToTextClient(Model));
        var stt = kie.Services.GetRequiredService<ISpeechToTextClient>();

        var response = await stt.GetTextAsync(new MemoryStream(Audio("text")), cancellationToken: Ct);

        var result = Assert.IsType<KieTaskResult>(response.RawRepresentation);
        var task = kie.Server.FindTask(result.TaskId);
        Assert.NotNull(task);
        Assert.Equal(Model, task.ModelId);
        Assert.False(string.IsNullOrWhiteSpace(response.Text));
        Assert.Equal(result.Text, response.Text); // the transcript is the task's text result, as the fake served it
        Assert.Equal(result.TaskId, response.ResponseId);
        Assert.Equal(result.TaskId, response.AdditionalProperties!["kie.taskId"]);
        Assert.Equal(Model, response.ModelId);
    }

    [Fact]
    public async Task The_uploaded_file_is_what_Kie_is_asked_to_fetch()
    {
        await using var kie = await Fixture.StartAsync(s => s.AddKieSpeechToTextClient(Model));
        var stt = kie.Services.GetRequiredService<ISpeechToTextClient>();
        var audio = Audio("upload");
        var options = new SpeechToTextOptions { AdditionalProperties = new() { [KieSpeechToTextClient.FileNameKey] = "meeting.mp3" } };

        await stt.GetTextAsync(new MemoryStream(audio), options, Ct);

        var upload = Assert.Single(kie.Server.Requests, r => r.IsUpload && r.ApiKey == kie.Key);
        Assert.Equal("/api/file-stream-upload", upload.Path);
        var input = Assert.Single(kie.CreateBodies()).GetProperty("input");
        var link = input.GetProperty("audio_url").GetString()!;
        Assert.StartsWith(new Uri(kie.Server.UploadBaseAddress, "files/" + KieSpeechToTextClient.UploadPath + "/").ToString(), link, StringComparison.Ordinal);
        Assert.EndsWith("/meeting.mp3", link, StringComparison.Ordinal);
        using var http = new HttpClient();
        Assert.Equal(audio, await http.GetByteArrayAsync(link, Ct)); // what Kie would fetch is the stream we gave
        Assert.False(input.TryGetProperty("language_code", out _));
    }

    [Fact]
    public async Task An_unnamed_stream_is_named_after_the_audio_format_its_first_bytes_show()
    {
        await using var kie = await Fixture.StartAsync(s => s.AddKieSpeechToTextClient(Model));
        var stt = kie.Services.GetRequiredService<ISpeechToTextClient>();
        byte[] wave = [.. "RIFF"u8, 36, 0, 0, 0, .. "WAVEfmt "u8, .. Audio("wave")];
        var stream = new MemoryStream(wave);

        await stt.GetTextAsync(stream, cancellationToken: Ct);

        var link = Assert.Single(kie.CreateBodies()).GetProperty("input").GetProperty("audio_url").GetString()!;
        Assert.EndsWith("/audio.wav", link, StringComparison.Ordinal);
        using var http = new HttpClient();
        using var served = await http.GetAsync(link, Ct);
        Assert.Equal("audio/wav", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(wave, await served.Content.ReadAsByteArrayAsync(Ct)); // the peek at the header lost no byte
    }

    [Fact]
    public async Task Sends_the_speech_language_and_model_parameters_by_wire_name()
    {
        await using var kie = await Fixture.StartAsync(s => s.AddKieSpeechToTextClient(Model));
        var stt = kie.Services.GetRequiredService<ISpeechToTextClient>();
        var options = new SpeechToTextOptions { SpeechLanguage = "de", AdditionalProperties = new() { ["diarize"] = true, ["tag_audio_events"] = false } };

        await stt.GetTextAsync(new MemoryStream(Audio("language")), options, Ct);

        var input = Assert.Single(kie.CreateBodies()).GetProperty("input");
        Assert.Equal("de", input.GetProperty("language_code").GetString());
        Assert.True(input.GetProperty("diarize").GetBoolean());
        Assert.False(input.GetProperty("tag_audio_events").GetBoolean());
    }

    [Fact]
    public async Task An_option_the_model_has_no_parameter_for_is_refused_before_anything_is_uploaded()
    {
        await using var kie = await Fixture.StartAsync(s => s.AddKieSpeechToTextClient(Model));
        var stt = kie.Services.GetRequiredService<ISpeechToTextClient>();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            stt.GetTextAsync(new MemoryStream(Audio("refused")), new SpeechToTextOptions { SpeechLanguage = "de", TextLanguage = "en" }, Ct));

        Assert.Contains($"'{Model}'", error.Message);
        Assert.Contains("SpeechToTextOptions.TextLanguage", error.Message);
        Assert.DoesNotContain(kie.Server.Requests, r => r.ApiKey == kie.Key);
    }

    [Fact]
    public async Task Cancellation_stops_the_wait_and_leaves_the_task_on_Kie()
    {
        await using var kie = await Fixture.StartAsync(s => s.AddKieSpeechToTextClient(Model));
        var stt = kie.Services.GetRequiredService<ISpeechToTextClient>();
        kie.Server.ScriptNextTask(new TaskScript { Generating = TimeSpan.FromHours(1) });
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var progress = new CancelOnFirstReport(cancel);
        var options = new SpeechToTextOptions { AdditionalProperties = new() { ["kie.progress"] = progress } };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stt.GetTextAsync(new MemoryStream(Audio("cancel")), options, cancel.Token));

        var reported = Assert.Single(progress.Reports);
        var task = kie.Server.FindTask(reported.Task.TaskId);
        Assert.NotNull(task); // cancelling stops waiting; the submitted task is neither cancelled nor resubmitted
        Assert.Single(kie.CreateBodies());
    }

    [Fact]
    public async Task A_failed_task_becomes_the_typed_failure()
    {
        await using var kie = await Fixture.StartAsync(s => s.AddKieSpeechToTextClient(Model));
        var stt = kie.Services.GetRequiredService<ISpeechToTextClient>();
        kie.Server.ScriptNextTask(TaskScript.Failing("422", "Audio could not be decoded"));

        var error = await Assert.ThrowsAsync<KieTaskFailedException>(() => stt.GetTextAsync(new MemoryStream(Audio("fail")), cancellationToken: Ct));

        Assert.Equal(Model, error.ModelId);
        Assert.Equal("422", error.FailCode);
        Assert.Equal("Audio could not be decoded", error.FailMessage);
    }

    [Fact]
    public async Task A_finished_task_without_text_is_an_error_naming_the_task_never_an_empty_transcript()
    {
        var kie = new TextlessKie();
        using var stt = new KieSpeechToTextClient(kie, Model);

        var error = await Assert.ThrowsAsync<KieApiException>(() => stt.GetTextAsync(new MemoryStream(Audio("empty")), cancellationToken: Ct));

        Assert.Equal("t-stt", error.TaskId);
        Assert.Contains("t-stt", error.Message);
        Assert.Contains("no text", error.Message);
    }

    [Fact]
    public async Task The_text_member_of_the_result_object_is_read_when_Kie_sends_the_transcription_whole()
    {
        var kie = new TextlessKie { Data = JsonDocument.Parse("""{"language_code":"eng","text":"Hello there","words":[]}""").RootElement.Clone() };
        using var stt = new KieSpeechToTextClient(kie, Model);

        var response = await stt.GetTextAsync(new MemoryStream(Audio("whole")), cancellationToken: Ct);

        Assert.Equal("Hello there", response.Text);
    }

    [Fact]
    public async Task Registration_adds_the_client_plain_and_keyed_with_its_metadata()
    {
        await using var kie = await Fixture.StartAsync(s => s.AddKieSpeechToTextClient(Model).AddKeyedKieSpeechToTextClient("stt", Model));

        var plain = kie.Services.GetRequiredService<ISpeechToTextClient>();
        var keyed = kie.Services.GetRequiredKeyedService<ISpeechToTextClient>("stt");

        Assert.IsType<KieSpeechToTextClient>(plain);
        Assert.IsType<KieSpeechToTextClient>(keyed);
        Assert.NotSame(plain, keyed);
        var metadata = plain.GetService<SpeechToTextClientMetadata>()!;
        Assert.Equal("kie", metadata.ProviderName);
        Assert.Equal(Model, metadata.DefaultModelId);
        Assert.Same(kie.Services.GetRequiredService<KieClient>(), plain.GetService<KieClient>());
        Assert.Equal(Model, plain.GetService<KieCatalogEntry>()!.Model.ModelId);
        var unknown = Assert.Throws<ArgumentException>(() => new KieSpeechToTextClient(kie.Services.GetRequiredService<KieClient>(), "no/such-model"));
        Assert.Contains("no/such-model", unknown.Message);
    }

    [Fact]
    public async Task Streaming_returns_the_whole_transcript_as_updates()
    {
        await using var kie = await Fixture.StartAsync(s => s.AddKieSpeechToTextClient(Model));
        var stt = kie.Services.GetRequiredService<ISpeechToTextClient>();

        var updates = new List<SpeechToTextResponseUpdate>();
        await foreach (var update in stt.GetStreamingTextAsync(new MemoryStream(Audio("stream")), cancellationToken: Ct))
        {
            updates.Add(update);
        }

        var text = string.Concat(updates.Select(u => u.Text));
        Assert.False(string.IsNullOrWhiteSpace(text));
        Assert.Single(kie.CreateBodies());
    }

    /// <summary>Cancels on the first progress report, synchronously (no synchronization context, no sleep).</summary>
    private sealed class CancelOnFirstReport(CancellationTokenSource cancel) : IProgress<KieTaskProgress>
    {
        public List<KieTaskProgress> Reports { get; } = [];

        public void Report(KieTaskProgress value)
        {
            Reports.Add(value);
            cancel.Cancel();
        }
    }

    /// <summary>A test's client whose tasks finish with no text (or with <see cref="Data"/> as the result object).</summary>
    private sealed class TextlessKie : KieClient
    {
        public JsonElement? Data { get; init; }

        public override Task<KieUploadedFile> UploadAsync(Stream content, string fileName, string uploadPath, string? contentType = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(KieModelFactory.UploadedFile(new Uri("https://files.example/kiegen-ai/audio/x/audio.bin"), "audio.bin", "kiegen-ai/audio/x/audio.bin", 1, null));

        public override Task<KieTask> SubmitAsync<TRequest>(TRequest request, string? callbackUrl = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(KieModelFactory.Task("t-stt", request.ModelInfo.ModelId, request.ModelInfo.Family, request.ModelInfo.ResultKind, request.ModelInfo.StatusPath));

        public override Task<KieTaskResult> WaitForCompletionAsync(KieTask task, IProgress<KieTaskProgress>? progress = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(KieModelFactory.TaskResult("t-stt", data: Data));
    }
}
