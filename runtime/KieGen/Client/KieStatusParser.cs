using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using KieGen.Requests;
using KieGen.Tasks;

namespace KieGen.Client;

/// <summary>
/// Maps each family's status <c>data</c> to one <see cref="KieTaskStatus"/>. Tolerant by design: numbers or strings,
/// JSON text or objects, missing members, and Kie's documented inconsistencies all read.
/// </summary>
internal static class KieStatusParser
{
    public static KieTaskStatus Parse(KieTask task, JsonElement data, DateTimeOffset now)
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"The status of task {task.TaskId} has no data object.");
        }

        return task.Family switch
        {
            KieApiFamily.Market => Market(task, data, now),
            KieApiFamily.Runway => Runway(task, data, now),
            KieApiFamily.Suno when Member(data, "status") is { } status => SunoStatus(task, data, Text(status) ?? "", now),
            _ => Flagged(task, data, now),
        };
    }

    /// <summary>
    /// The unified job status (recordInfo) as Kie sent it in the recorded traffic (March–April 2026): <c>state</c>
    /// and <c>resultJson</c>, JSON text holding <c>resultUrls</c>, Suno's <c>data[]</c> tracks, or a
    /// <c>resultObject</c> (lyrics, MIDI). Kie's October 2026 pages add <c>successFlag</c>, <c>creditsConsumed</c>
    /// and <c>response</c> (the parsed <c>resultJson</c>): read when present, <c>response</c> only where
    /// <c>resultJson</c> is missing or empty.
    /// </summary>
    private static KieTaskStatus Market(KieTask task, JsonElement data, DateTimeOffset now)
    {
        var flag = Number(Member(data, "successFlag")) is { } f ? (int?)f : null;
        var state = Text(Member(data, "state")) ?? (flag is { } word ? word.ToString(CultureInfo.InvariantCulture) : "");
        var mapped = Member(data, "state") is not null || flag is null ? WordState(state) : FlagState(flag.Value);
        var credits = Number(Member(data, "creditsConsumed"));
        KieTaskResult? result = null;
        if (mapped == KieTaskState.Succeeded)
        {
            // resultJson is JSON text inside the JSON (tolerate an object too); response is the same, parsed, on the pages.
            var json = ParseMaybeText(Member(data, "resultJson")) ?? ParseMaybeText(Member(data, "response"));
            var urls = new List<Uri>();
            var tracks = new List<KieTrack>();
            CollectUrls(json is { } r ? Member(r, "resultUrls") : null, urls);
            if (json is { } s && Member(s, "data") is { ValueKind: JsonValueKind.Array } items)
            {
                ReadTracks(items, tracks, urls);
            }

            var resultObject = json is { } o ? Member(o, "resultObject") : null;
            result = new KieTaskResult(task.TaskId, urls, tracks, TextOf(resultObject), resultObject ?? json,
                Time(Member(data, "completeTime")) ?? now) { CreditsConsumed = credits };
        }

        return new KieTaskStatus(task.TaskId, mapped, state, Number(Member(data, "progress")), result,
            mapped == KieTaskState.Failed ? Text(Member(data, "failCode")) : null,
            mapped == KieTaskState.Failed ? Text(Member(data, "failMsg")) : null)
        {
            SuccessFlag = flag,
            CreditsConsumed = credits,
        };
    }

    /// <summary>The unified <c>successFlag</c>: 0 waiting, queuing or generating; 1 success; anything else (3) failed.</summary>
    private static KieTaskState FlagState(int flag) => flag switch
    {
        0 => KieTaskState.Pending,
        1 => KieTaskState.Succeeded,
        _ => KieTaskState.Failed,
    };

    /// <summary>Suno tracks in the unified response (<c>audio_url</c>, snake_case), their audio first among the URLs.</summary>
    private static void ReadTracks(JsonElement items, List<KieTrack> tracks, List<Uri> urls)
    {
        foreach (var item in items.EnumerateArray())
        {
            var audio = Url(Member(item, "audio_url")) ?? Url(Member(item, "audioUrl"));
            if (audio is null)
            {
                continue;
            }

            tracks.Add(new KieTrack(Text(Member(item, "id")) ?? Text(Member(item, "audio_id")) ?? "", audio,
                Url(Member(item, "stream_audio_url")) ?? Url(Member(item, "streamAudioUrl")),
                Url(Member(item, "image_url")) ?? Url(Member(item, "imageUrl")),
                Text(Member(item, "title")), Text(Member(item, "tags")), Number(Member(item, "duration"))));
            if (!urls.Contains(audio))
            {
                urls.Add(audio);
            }
        }
    }

    private static KieTaskStatus Runway(KieTask task, JsonElement data, DateTimeOffset now)
    {
        var state = Text(Member(data, "state")) ?? "";
        var mapped = WordState(state);
        KieTaskResult? result = null;
        if (mapped == KieTaskState.Succeeded)
        {
            var info = Member(data, "videoInfo");
            var urls = new List<Uri>();
            CollectUrls(info is { } i ? Member(i, "videoUrl") : null, urls);
            CollectUrls(info is { } j ? Member(j, "imageUrl") : null, urls);
            result = new KieTaskResult(task.TaskId, urls, Array.Empty<KieTrack>(), null, info, now);
        }

        return new KieTaskStatus(task.TaskId, mapped, state, null, result,
            mapped == KieTaskState.Failed ? Text(Member(data, "failCode")) : null,
            mapped == KieTaskState.Failed ? Text(Member(data, "failMsg")) : null);
    }

    /// <summary>Market and Runway <c>state</c> words (waiting/wait, queuing/queueing are both pending).</summary>
    private static KieTaskState WordState(string state) => state switch
    {
        "success" => KieTaskState.Succeeded,
        "fail" => KieTaskState.Failed,
        "generating" => KieTaskState.Running,
        _ => KieTaskState.Pending,
    };

    /// <summary>Suno operations that report a <c>status</c> word: music and lyrics.</summary>
    private static KieTaskStatus SunoStatus(KieTask task, JsonElement data, string status, DateTimeOffset now)
    {
        var mapped = status switch
        {
            "SUCCESS" => KieTaskState.Succeeded,
            "PENDING" => KieTaskState.Pending,
            "TEXT_SUCCESS" or "FIRST_SUCCESS" => KieTaskState.Running,
            _ => KieTaskState.Failed, // CREATE_TASK_FAILED, GENERATE_*_FAILED, CALLBACK_EXCEPTION, SENSITIVE_WORD_ERROR
        };
        KieTaskResult? result = null;
        if (mapped == KieTaskState.Succeeded)
        {
            var response = ParseMaybeText(Member(data, "response"));
            var tracks = new List<KieTrack>();
            var urls = new List<Uri>();
            string? text = null;
            if (response is { } r && Member(r, "sunoData") is { ValueKind: JsonValueKind.Array } suno)
            {
                foreach (var item in suno.EnumerateArray())
                {
                    var track = new KieTrack(Text(Member(item, "id")) ?? "", Url(Member(item, "audioUrl")), Url(Member(item, "streamAudioUrl")),
                        Url(Member(item, "imageUrl")), Text(Member(item, "title")), Text(Member(item, "tags")), Number(Member(item, "duration")));
                    tracks.Add(track);
                    if (track.AudioUrl is not null)
                    {
                        urls.Add(track.AudioUrl);
                    }
                }
            }
            else if (response is { } l && Member(l, "data") is { ValueKind: JsonValueKind.Array } lyrics)
            {
                text = string.Join("\n\n", EnumerateTexts(lyrics));
            }

            result = new KieTaskResult(task.TaskId, urls, tracks, text, response, Time(Member(data, "completeTime")) ?? now);
        }

        return new KieTaskStatus(task.TaskId, mapped, status, null, result,
            mapped == KieTaskState.Failed ? Text(Member(data, "errorCode")) ?? status : null,
            mapped == KieTaskState.Failed ? Text(Member(data, "errorMessage")) : null);
    }

    /// <summary>Veo, Aleph, 4o Image, Flux Kontext, Midjourney, Luma and Suno's single-result operations: a successFlag.</summary>
    private static KieTaskStatus Flagged(KieTask task, JsonElement data, DateTimeOffset now)
    {
        var flag = Text(Member(data, "successFlag")) ?? "";
        var errorCode = Text(Member(data, "errorCode"));
        var errorMessage = Text(Member(data, "errorMessage"));
        var hasError = (errorCode is { Length: > 0 } && errorCode is not ("0" or "200")) || !string.IsNullOrEmpty(errorMessage);
        var mapped = flag switch
        {
            "1" or "SUCCESS" => KieTaskState.Succeeded,
            "0" or "PENDING" or "" when task.Family == KieApiFamily.Aleph && hasError => KieTaskState.Failed, // Aleph: 0 = failed or running
            "0" or "PENDING" or "" => Progressing(data),
            _ => KieTaskState.Failed,
        };
        if (task.Family == KieApiFamily.Gpt4oImage && Text(Member(data, "status")) is "GENERATE_FAILED" or "CREATE_TASK_FAILED")
        {
            mapped = KieTaskState.Failed;
        }

        KieTaskResult? result = null;
        if (mapped == KieTaskState.Succeeded)
        {
            var response = ParseMaybeText(Member(data, "response")) ?? ParseMaybeText(Member(data, "resultInfoJson"));
            var urls = new List<Uri>();
            CollectUrls(response, urls);
            result = new KieTaskResult(task.TaskId, urls, Array.Empty<KieTrack>(), null, response, Time(Member(data, "completeTime")) ?? now);
        }

        var progress = Number(Member(data, "progress"));
        return new KieTaskStatus(task.TaskId, mapped, flag, progress, result,
            mapped == KieTaskState.Failed ? errorCode ?? flag : null,
            mapped == KieTaskState.Failed ? errorMessage : null);

        static KieTaskState Progressing(JsonElement data) =>
            Number(Member(data, "progress")) is > 0 ? KieTaskState.Running : KieTaskState.Pending;
    }

    /// <summary>Every absolute http(s) URL in a value, depth first, in document order.</summary>
    private static void CollectUrls(JsonElement? value, List<Uri> urls)
    {
        switch (value?.ValueKind)
        {
            case JsonValueKind.String:
                if (Url(value) is { } url && !urls.Contains(url))
                {
                    urls.Add(url);
                }
                else if (ParseMaybeText(value) is { ValueKind: JsonValueKind.Array or JsonValueKind.Object } nested)
                {
                    CollectUrls(nested, urls); // Veo's older docs send resultUrls as JSON text
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in value.Value.EnumerateArray())
                {
                    CollectUrls(item, urls);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in value.Value.EnumerateObject())
                {
                    // Stream URLs and origin inputs are not results.
                    if (!property.Name.Contains("stream", StringComparison.OrdinalIgnoreCase) && !property.Name.StartsWith("origin", StringComparison.OrdinalIgnoreCase))
                    {
                        CollectUrls(property.Value, urls);
                    }
                }

                break;
        }
    }

    private static IEnumerable<string> EnumerateTexts(JsonElement items)
    {
        foreach (var item in items.EnumerateArray())
        {
            if (Text(Member(item, "text")) is { Length: > 0 } text)
            {
                yield return text;
            }
        }
    }

    /// <summary>The text of a <c>resultObject</c>: a string, or its <c>text</c>/<c>lyrics</c>, or the texts of its <c>data[]</c>.</summary>
    private static string? TextOf(JsonElement? value) => value?.ValueKind switch
    {
        JsonValueKind.String => value.Value.GetString(),
        JsonValueKind.Object when (Member(value.Value, "text") ?? Member(value.Value, "lyrics")) is { ValueKind: JsonValueKind.String } t => t.GetString(),
        JsonValueKind.Object when Member(value.Value, "data") is { ValueKind: JsonValueKind.Array } items && EnumerateTexts(items).Any() =>
            string.Join("\n\n", EnumerateTexts(items)),
        _ => null,
    };

    private static JsonElement? Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string? Text(JsonElement? value) => value?.ValueKind switch
    {
        JsonValueKind.String => value.Value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.Value.GetRawText(),
        _ => null,
    };

    private static double? Number(JsonElement? value) => value?.ValueKind switch
    {
        JsonValueKind.Number => value.Value.GetDouble(),
        JsonValueKind.String when double.TryParse(value.Value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    private static Uri? Url(JsonElement? value) =>
        value?.ValueKind == JsonValueKind.String && Uri.TryCreate(value.Value.GetString(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    private static JsonElement? ParseMaybeText(JsonElement? value)
    {
        if (value?.ValueKind != JsonValueKind.String)
        {
            return value;
        }

        var text = value.Value.GetString();
        if (string.IsNullOrWhiteSpace(text) || text.TrimStart()[0] is not ('{' or '['))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Unix milliseconds, or Veo's "yyyy-MM-dd HH:mm:ss" text.</summary>
    private static DateTimeOffset? Time(JsonElement? value) => value?.ValueKind switch
    {
        JsonValueKind.Number when value.Value.TryGetInt64(out var ms) && ms > 0 => DateTimeOffset.FromUnixTimeMilliseconds(ms),
        JsonValueKind.String when DateTimeOffset.TryParse(value.Value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) => t,
        _ => null,
    };
}
