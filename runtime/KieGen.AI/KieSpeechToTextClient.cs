using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KieGen.Client;
using KieGen.Requests;
using KieGen.Tasks;
using Microsoft.Extensions.AI;

namespace KieGen.AI;

/// <summary>
/// An <see cref="ISpeechToTextClient"/> over Kie's speech-to-text models (ElevenLabs speech to text), mapped through
/// their parameter roles: the audio is uploaded through Kie's file upload (to <see cref="UploadPath"/>) and its link
/// goes in the <c>audio-input</c> parameter; <see cref="SpeechToTextOptions.SpeechLanguage"/> goes in the
/// <c>language</c> parameter. An option the model cannot honour throws an <see cref="ArgumentException"/> naming the
/// model and the parameter. <see cref="SpeechToTextResponse.ResponseId"/> is the Kie task id and
/// <see cref="SpeechToTextResponse.RawRepresentation"/> the <see cref="KieTaskResult"/>. Model-specific parameters
/// (<c>diarize</c>, <c>tag_audio_events</c>) go in <see cref="SpeechToTextOptions.AdditionalProperties"/> under their
/// wire names (reserved: <c>kie.progress</c>, <c>kie.fileName</c>).
/// </summary>
/// <remarks>
/// Kie has not published the result of this model (its page shows only the createTask example, and the recorded
/// traffic holds only failed creates), so the transcript is read the way KieGen reads every text result of Kie's
/// unified tasks: <see cref="KieTaskResult.Text"/> (<c>resultJson.resultObject</c> as a string or its <c>text</c>),
/// or else a <c>text</c> string at the top of <c>resultJson</c> (where ElevenLabs' own transcription answer puts it). A
/// finished task with neither raises a <see cref="KieApiException"/> naming the task, never an empty transcript.
/// </remarks>
public sealed class KieSpeechToTextClient : ISpeechToTextClient
{
    /// <summary>The folder of Kie's file upload the audio goes to (one sub-folder per call, so names never collide).</summary>
    public const string UploadPath = "kiegen-ai/audio";

    /// <summary>
    /// Key of a file name (string) for the uploaded audio in <c>AdditionalProperties</c>; its extension gives the
    /// upload's media type. Without it a <see cref="FileStream"/>'s own name is used, else <c>audio</c> with the
    /// extension of the format a seekable stream's first bytes show (WAV, MP3, OGG, MP4), else <c>audio.bin</c>.
    /// </summary>
    public const string FileNameKey = "kie.fileName";

    private const string DefaultFileName = "audio.bin";

    private readonly KieTaskAdapter _adapter;

    /// <summary>Creates a client for <paramref name="modelId"/> of <paramref name="catalog"/> (the compiled catalog when null).</summary>
    /// <param name="client">The Kie client that uploads, submits and waits.</param>
    /// <param name="modelId">The default speech-to-text model (e.g. <c>elevenlabs/speech-to-text</c>).</param>
    /// <param name="catalog">The catalog the model is looked up in; the compiled one when null.</param>
    public KieSpeechToTextClient(KieClient client, string modelId, KieModelCatalog? catalog = null) =>
        _adapter = KieTaskAdapter.Create(client, modelId, catalog, (address, model) => new SpeechToTextClientMetadata(KieTaskAdapter.ProviderName, address, model));

    /// <summary>
    /// Uploads <paramref name="audioSpeechStream"/> through Kie's file upload, submits a task that has Kie fetch it,
    /// waits for the task and returns its transcript. Cancellation stops the upload or the wait; a submitted task
    /// keeps running on Kie's side.
    /// </summary>
    /// <param name="audioSpeechStream">The audio (Kie's product page lists MPEG, WAV, AAC, MP4 and OGG, at most 200 MB).</param>
    /// <param name="options">The model, the spoken language and model-specific parameters.</param>
    /// <param name="cancellationToken">Stops the upload or the wait, never the task.</param>
    /// <returns>The transcript, with the task id as <see cref="SpeechToTextResponse.ResponseId"/>.</returns>
    /// <exception cref="ArgumentException">An option the model cannot honour, or a request its schema rejects.</exception>
    /// <exception cref="KieTaskFailedException">Kie reports the task failed.</exception>
    /// <exception cref="KieApiException">The finished task carries no transcript.</exception>
    public async Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audioSpeechStream);
        var map = _adapter.Map(options?.ModelId);
        var audioParameter = map.Require(KieParameterRoles.AudioInput, "the audio stream");
        if (options?.TextLanguage is { } textLanguage && textLanguage != options.SpeechLanguage)
        {
            map.Require("translation", "SpeechToTextOptions.TextLanguage"); // no Kie model translates: refused naming the option
        }

        if (options?.SpeechSampleRate is not null)
        {
            map.Require("sample-rate", "SpeechToTextOptions.SpeechSampleRate");
        }

        var languageParameter = options?.SpeechLanguage is null ? null : map.Require(KieParameterRoles.Language, "SpeechToTextOptions.SpeechLanguage");

        // Check everything the caller set before uploading: a refused request uploads nothing.
        var fileName = FileName(audioSpeechStream, options?.AdditionalProperties);
        var placeholder = new Uri("https://upload.invalid/" + fileName);
        map.SetUrls(audioParameter, [placeholder], "the audio stream");
        if (languageParameter is not null)
        {
            map.SetText(languageParameter, options!.SpeechLanguage!, "SpeechToTextOptions.SpeechLanguage");
        }

        map.AddAdditional(options?.AdditionalProperties);
        _ = map.Build(nameof(audioSpeechStream));

        var folder = UploadPath + "/" + Guid.NewGuid().ToString("N");
        var uploaded = await _adapter.Client.UploadAsync(audioSpeechStream, fileName, folder, MediaTypes.FromPath(fileName), cancellationToken).ConfigureAwait(false);
        map.SetUrls(audioParameter, [uploaded.DownloadUrl], "the audio stream");
        map.AddAdditional(options?.AdditionalProperties); // wire-name values still override the mapped ones
        var request = map.Build(nameof(audioSpeechStream));

        var result = await _adapter.RunAsync(request, options?.AdditionalProperties, cancellationToken).ConfigureAwait(false);
        return new SpeechToTextResponse(Transcript(result, map.ModelId))
        {
            ResponseId = result.TaskId,
            ModelId = map.ModelId,
            RawRepresentation = result,
            AdditionalProperties = KieTaskAdapter.TaskProperties(result),
        };
    }

    /// <summary>Kie's speech-to-text tasks answer with the finished transcript, so the stream is the whole text as one update.</summary>
    /// <param name="audioSpeechStream">The audio, as for <see cref="GetTextAsync"/>.</param>
    /// <param name="options">As for <see cref="GetTextAsync"/>.</param>
    /// <param name="cancellationToken">Stops the upload or the wait, never the task.</param>
    /// <returns>The updates of the one finished response.</returns>
    public async IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetTextAsync(audioSpeechStream, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToSpeechToTextResponseUpdates())
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

    /// <summary>The transcript of a finished task; a task without one is an error naming it, never an empty success.</summary>
    private static string Transcript(KieTaskResult result, string modelId)
    {
        if (!string.IsNullOrEmpty(result.Text))
        {
            return result.Text;
        }

        if (result.Data is { ValueKind: JsonValueKind.Object } data
            && data.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String
            && text.GetString() is { Length: > 0 } found)
        {
            return found;
        }

        throw new KieApiException(
            $"Task {result.TaskId} of model '{modelId}' finished without a transcript: its result has no text (resultJson.resultObject or its 'text').",
            null, null, null, result.TaskId);
    }

    private static string FileName(Stream stream, AdditionalPropertiesDictionary? additional)
    {
        if (additional is not null && additional.TryGetValue(FileNameKey, out var value))
        {
            return value is string { Length: > 0 } named && Path.GetFileName(named) == named
                ? named
                : throw new ArgumentException($"AdditionalProperties[\"{FileNameKey}\"] must be a file name without folders.", "options");
        }

        return stream is FileStream file && Path.GetFileName(file.Name) is { Length: > 0 } own ? own
            : Sniff(stream) is { } extension ? "audio" + extension
            : DefaultFileName;
    }

    /// <summary>The extension of the audio format a seekable stream starts with (its position is restored), or null.</summary>
    private static string? Sniff(Stream stream)
    {
        if (!stream.CanSeek)
        {
            return null;
        }

        var start = stream.Position;
        Span<byte> head = stackalloc byte[12];
        var read = 0;
        int n;
        while (read < head.Length && (n = stream.Read(head[read..])) > 0)
        {
            read += n;
        }

        stream.Position = start;
        head = head[..read];
        return head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WAVE"u8) ? ".wav"
            : head.Length >= 4 && head[..4].SequenceEqual("OggS"u8) ? ".ogg"
            : head.Length >= 8 && head[4..8].SequenceEqual("ftyp"u8) ? ".mp4"
            : head.Length >= 3 && head[..3].SequenceEqual("ID3"u8) ? ".mp3"
            : head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE6) == 0xE2 ? ".mp3" // an MPEG audio layer III frame
            : null;
    }
}
