using KieGen.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace KieGen.AI.Tests;

/// <summary>ITextToSpeechClient over Kie's ElevenLabs and Gemini TTS models, against the fake Kie server.</summary>
public class TextToSpeechTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ElevenLabs_speaks_the_text_with_the_voice_and_returns_the_audio()
    {
        await using var kie = await Fixture.StartAsync(s => s.AddKieTextToSpeechClient("elevenlabs/text-to-speech-turbo-2-5"));
        var speech = kie.Services.GetRequiredService<ITextToSpeechClient>();

        var response = await speech.GetAudioAsync("Hello from Kie", new TextToSpeechOptions { VoiceId = "Rachel", Speed = 0.75f, Language = "en" }, Ct);

        var input = Assert.Single(kie.CreateBodies()).GetProperty("input");
        Assert.Equal("Hello from Kie", input.GetProperty("text").GetString());
        Assert.Equal("Rachel", input.GetProperty("voice").GetString());
        Assert.Equal(0.75, input.GetProperty("speed").GetDouble());
        Assert.Equal("en", input.GetProperty("language_code").GetString());

        var audio = Assert.IsType<DataContent>(Assert.Single(response.Contents));
        Assert.Equal("audio/mpeg", audio.MediaType);
        Assert.True(audio.Data.Length > 100);
        var result = Assert.IsType<KieTaskResult>(response.RawRepresentation);
        Assert.Equal(result.TaskId, response.ResponseId);
        Assert.NotNull(kie.Server.FindTask(result.TaskId));
    }

    [Fact]
    public async Task Gemini_TTS_sends_one_speaker_and_one_dialogue_turn()
    {
        await using var kie = await Fixture.StartAsync(s => s.AddKieTextToSpeechClient("google/gemini-3-1-flash-tts"));
        var speech = kie.Services.GetRequiredService<ITextToSpeechClient>();

        var response = await speech.GetAudioAsync("Once upon a time", new TextToSpeechOptions { VoiceId = "Kore" }, Ct);

        var input = Assert.Single(kie.CreateBodies()).GetProperty("input");
        var speaker = Assert.Single(input.GetProperty("speakers").EnumerateArray());
        Assert.Equal("Kore", speaker.GetProperty("voice_name").GetString());
        var turn = Assert.Single(input.GetProperty("dialogue_turns").EnumerateArray());
        Assert.Equal("Once upon a time", turn.GetProperty("text").GetString());
        Assert.Equal(speaker.GetProperty("speaker_id").GetString(), turn.GetProperty("speaker_id").GetString());
        Assert.IsType<DataContent>(Assert.Single(response.Contents));
    }

    [Fact]
    public async Task A_voice_outside_the_models_enum_is_refused_by_its_schema()
    {
        await using var kie = await Fixture.StartAsync(s => s.AddKieTextToSpeechClient("google/gemini-3-1-flash-tts"));
        var speech = kie.Services.GetRequiredService<ITextToSpeechClient>();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => speech.GetAudioAsync("Hi", new TextToSpeechOptions { VoiceId = "Nobody" }, Ct));

        Assert.Contains("'google/gemini-3-1-flash-tts'", error.Message);
        Assert.Contains("voice_name", error.Message);
        Assert.Empty(kie.CreateBodies());
    }

    [Fact]
    public async Task An_option_the_model_has_no_parameter_for_names_model_and_option()
    {
        await using var kie = await Fixture.StartAsync(s => s.AddKieTextToSpeechClient("google/gemini-3-1-flash-tts"));
        var speech = kie.Services.GetRequiredService<ITextToSpeechClient>();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => speech.GetAudioAsync("Hi", new TextToSpeechOptions { VoiceId = "Kore", Speed = 2 }, Ct));

        Assert.Contains("'google/gemini-3-1-flash-tts'", error.Message);
        Assert.Contains("TextToSpeechOptions.Speed", error.Message);
    }
}
