using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using KieGen.Client;
using KieGen.Requests;
using KieGen.Tasks;
using Microsoft.Extensions.AI;

namespace KieGen.AI;

/// <summary>
/// An <see cref="ITextToSpeechClient"/> over Kie's speech models (ElevenLabs text to speech, Gemini TTS), mapped
/// through their parameter roles: the text (or, for Gemini, one dialogue turn of one speaker), the voice, the
/// language, the speed and the audio format. An option the model cannot honour throws an
/// <see cref="ArgumentException"/> naming the model and the parameter. The audio comes back downloaded, as
/// <see cref="DataContent"/>; <see cref="TextToSpeechResponse.ResponseId"/> is the Kie task id and
/// <see cref="TextToSpeechResponse.RawRepresentation"/> the <see cref="KieTaskResult"/>. Model-specific
/// parameters go in <see cref="TextToSpeechOptions.AdditionalProperties"/> (reserved: <c>kie.progress</c>).
/// </summary>
public sealed class KieTextToSpeechClient : ITextToSpeechClient
{
    /// <summary>The speaker id the Gemini dialogue shape uses for the one speaker this client sends.</summary>
    public const string SpeakerId = "Speaker 1";

    /// <summary>The accent sent for the Gemini speaker unless <c>AdditionalProperties</c> gives <c>speakers</c>.</summary>
    public const string DefaultAccent = "Neutral";

    private readonly KieTaskAdapter _adapter;

    /// <summary>Creates a client for <paramref name="modelId"/> of <paramref name="catalog"/> (the compiled catalog when null).</summary>
    public KieTextToSpeechClient(KieClient client, string modelId, KieModelCatalog? catalog = null) =>
        _adapter = KieTaskAdapter.Create(client, modelId, catalog, (address, model) => new TextToSpeechClientMetadata(KieTaskAdapter.ProviderName, address, model));

    /// <inheritdoc />
    public async Task<TextToSpeechResponse> GetAudioAsync(string text, TextToSpeechOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        var map = _adapter.Map(options?.ModelId);
        MapText(map, text, options);
        if (options?.Language is { } language)
        {
            map.SetText(map.Require(KieParameterRoles.Language, "TextToSpeechOptions.Language"), language, "TextToSpeechOptions.Language");
        }

        if (options?.Speed is { } speed)
        {
            map.SetNumber(map.Require(KieParameterRoles.Speed, "TextToSpeechOptions.Speed"), speed, "TextToSpeechOptions.Speed");
        }

        if (options?.AudioFormat is { } format)
        {
            map.SetText(map.Require(KieParameterRoles.OutputFormat, "TextToSpeechOptions.AudioFormat"), format, "TextToSpeechOptions.AudioFormat");
        }

        if (options?.Pitch is not null)
        {
            map.Require("pitch", "TextToSpeechOptions.Pitch");
        }

        if (options?.Volume is not null)
        {
            map.Require("volume", "TextToSpeechOptions.Volume");
        }

        map.AddAdditional(options?.AdditionalProperties);
        var request = map.Build(nameof(text));
        var result = await _adapter.RunAsync(request, options?.AdditionalProperties, cancellationToken).ConfigureAwait(false);
        var contents = await _adapter.ContentsAsync(result, download: true, "audio/mpeg", cancellationToken).ConfigureAwait(false);
        return new TextToSpeechResponse(contents)
        {
            ResponseId = result.TaskId,
            ModelId = map.ModelId,
            RawRepresentation = result,
            AdditionalProperties = KieTaskAdapter.TaskProperties(result),
        };
    }

    /// <summary>Kie's speech models answer with a finished file, so the stream is the whole audio as one update.</summary>
    public async IAsyncEnumerable<TextToSpeechResponseUpdate> GetStreamingAudioAsync(string text, TextToSpeechOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetAudioAsync(text, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToTextToSpeechResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) => _adapter.GetService(serviceType, serviceKey, this);

    /// <inheritdoc />
    public void Dispose()
    {
        // The client belongs to whoever created it (usually the service provider).
    }

    /// <summary>ElevenLabs: <c>text</c> and <c>voice</c>. Gemini: one speaker with the voice, one dialogue turn with the text.</summary>
    private static void MapText(KieParameterMap map, string text, TextToSpeechOptions? options)
    {
        var voice = options?.VoiceId;
        if (map.Find(KieParameterRoles.Text) is { } textParameter)
        {
            map.SetText(textParameter, text, nameof(text));
            if (voice is not null)
            {
                map.SetText(map.Require(KieParameterRoles.Voice, "TextToSpeechOptions.VoiceId"), voice, "TextToSpeechOptions.VoiceId");
            }

            return;
        }

        var dialogue = map.Require(KieParameterRoles.Dialogue, "the text");
        map.Set(dialogue, new JsonArray(new JsonObject { ["speaker_id"] = SpeakerId, ["text"] = text }));
        if (map.Find(KieParameterRoles.Speakers) is { } speakers)
        {
            if (voice is null && options?.AdditionalProperties?.ContainsKey(speakers.WireName) != true)
            {
                throw new ArgumentException(
                    $"Model '{map.ModelId}' needs a voice for its '{speakers.WireName}' parameter: set TextToSpeechOptions.VoiceId (e.g. \"Kore\").", nameof(options));
            }

            map.Set(speakers, new JsonArray(new JsonObject { ["speaker_id"] = SpeakerId, ["voice_name"] = voice, ["accent"] = DefaultAccent }));
        }
        else if (voice is not null)
        {
            map.Require(KieParameterRoles.Voice, "TextToSpeechOptions.VoiceId");
        }
    }
}
