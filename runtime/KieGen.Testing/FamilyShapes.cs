using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using KieGen.Requests;

namespace KieGen.Testing;

/// <summary>How a failed task's failCode is spelled in a status answer (Kie has sent all three).</summary>
internal enum FailCodeStyle
{
    String,
    Number,
    Null,
}

/// <summary>
/// The status <c>data</c> and callback payloads of each family, as <c>kie-api.md</c> documents them. Every shape is
/// written from a <see cref="FakeTask"/> and the clock, so status and callbacks always agree.
/// </summary>
internal static class FamilyShapes
{
    private const string SunoMusicStatus = "/api/v1/generate/record-info";

    public static void WriteStatus(Utf8JsonWriter w, FakeTask task, DateTimeOffset now, FailCodeStyle failCode, KieShape shape)
    {
        var state = task.StateAt(now);
        w.WriteStartObject();
        w.WriteString("taskId", task.TaskId);
        switch (task.Family)
        {
            case KieApiFamily.Market when shape == KieShape.Recorded2026_03:
                WriteRecordedMarket(w, task, state, failCode);
                break;
            case KieApiFamily.Market:
                WriteMarket(w, task, state, now, failCode);
                break;
            case KieApiFamily.Runway:
                WriteRunway(w, task, state, now);
                break;
            case KieApiFamily.Suno when task.StatusPath == SunoMusicStatus:
                WriteSunoMusic(w, task, state, now);
                break;
            case KieApiFamily.Suno when task.StatusPath == "/api/v1/lyrics/record-info":
                WriteSunoLyrics(w, task, state);
                break;
            case KieApiFamily.Suno:
                WriteSunoFlagged(w, task, state);
                break;
            default:
                WriteFlagged(w, task, state, now);
                break;
        }

        w.WriteEndObject();
    }

    /// <summary>The callback stages of a task, with when each fires: Suno music reports text, first and complete.</summary>
    public static IEnumerable<(string Stage, DateTimeOffset At)> CallbackStages(FakeTask task)
    {
        if (task.Family == KieApiFamily.Suno && task.StatusPath == SunoMusicStatus && !task.Fails)
        {
            yield return ("text", task.StartedAt + task.Generating / 2);
            yield return ("first", task.StartedAt + task.Generating * 3 / 4);
        }

        yield return (task.Fails && task.Family == KieApiFamily.Suno ? "error" : "complete", task.CompletedAt);
    }

    public static void WriteCallback(Utf8JsonWriter w, FakeTask task, string stage, DateTimeOffset now)
    {
        var failed = task.Fails;
        var code = failed ? FailureCode(task) : 200;
        var msg = failed ? task.Script.Failure!.Message : "success";
        if (task.Family == KieApiFamily.Market)
        {
            // The unified job API's callback (October 2026): 200 or 501 with fixed texts; details sit in data.
            (code, msg) = failed ? (501, "Playground task failed.") : (200, "Playground task completed successfully.");
        }

        w.WriteStartObject();
        w.WriteNumber("code", code);
        w.WriteString("msg", msg);
        w.WritePropertyName("data");
        switch (task.Family)
        {
            case KieApiFamily.Market:
                // No callback was recorded: its data stays as Kie's October 2026 pages show it.
                WriteStatus(w, task, now, FailCodeStyle.String, KieShape.Pages2026_10);
                break;
            case KieApiFamily.Aleph:
                // Aleph is the one family that puts the task id at the top level.
                if (failed)
                {
                    w.WriteNullValue();
                }
                else
                {
                    w.WriteStartObject();
                    w.WriteString("result_video_url", Url(task, 0));
                    w.WriteString("result_image_url", Url(task, 1));
                    w.WriteEndObject();
                }

                w.WriteString("taskId", task.TaskId);
                break;
            case KieApiFamily.Veo:
                w.WriteStartObject();
                w.WriteString("taskId", task.TaskId);
                if (!failed)
                {
                    w.WriteStartObject("info");
                    Strings(w, "resultUrls", task.ResultUrls.Take(1));
                    Strings(w, "originUrls", Array.Empty<string>());
                    w.WriteString("resolution", "720p");
                    w.WriteEndObject();
                }

                w.WriteBoolean("fallbackFlag", false);
                w.WriteEndObject();
                break;
            case KieApiFamily.Runway:
                w.WriteStartObject();
                w.WriteString("task_id", task.TaskId);
                w.WriteString("video_id", failed ? "" : "video_" + task.TaskId);
                w.WriteString("video_url", failed ? "" : Url(task, 0));
                w.WriteString("image_url", failed ? "" : Url(task, 1));
                w.WriteEndObject();
                break;
            case KieApiFamily.Gpt4oImage:
                w.WriteStartObject();
                w.WriteString("taskId", task.TaskId);
                WriteObjectOrNull(w, !failed, () => Strings(w, "result_urls", task.ResultUrls), "info");
                w.WriteEndObject();
                break;
            case KieApiFamily.FluxKontext:
                w.WriteStartObject();
                w.WriteString("taskId", task.TaskId);
                w.WriteStartObject("info");
                w.WriteString("originImageUrl", "");
                w.WriteString("resultImageUrl", failed ? "" : Url(task, 0));
                w.WriteEndObject();
                w.WriteEndObject();
                break;
            case KieApiFamily.Midjourney:
            case KieApiFamily.Luma:
                w.WriteStartObject();
                w.WriteString("taskId", task.TaskId);
                w.WriteString("promptJson", task.Body);
                Strings(w, "resultUrls", failed ? Array.Empty<string>() : task.ResultUrls);
                w.WriteEndObject();
                break;
            default:
                WriteSunoCallback(w, task, stage, failed);
                break;
        }

        w.WriteEndObject();
    }

    /// <summary>
    /// A unified poll as Kie sent it in the recorded traffic: <c>param</c> is the request as JSON text with its
    /// <c>input</c> as JSON text again; <c>costTime</c> (seconds) and <c>completeTime</c> only once the task succeeded
    /// (null while it runs and on failures); nothing else.
    /// </summary>
    private static void WriteRecordedMarket(Utf8JsonWriter w, FakeTask task, FakeTaskState state, FailCodeStyle failCode)
    {
        w.WriteString("model", task.ModelId);
        w.WriteString("state", state.ToString().ToLowerInvariant());
        w.WriteString("param", RecordedParam(task.Body));
        w.WriteString("resultJson", state == FakeTaskState.Success ? MarketResultJson(task) : "");
        WriteFailure(w, state == FakeTaskState.Fail ? task.Script.Failure : null, failCode);
        if (state == FakeTaskState.Success)
        {
            w.WriteNumber("costTime", (long)Math.Ceiling(task.Generating.TotalSeconds));
            w.WriteNumber("completeTime", task.CompletedAt.ToUnixTimeMilliseconds());
        }
        else
        {
            w.WriteNull("costTime");
            w.WriteNull("completeTime");
        }

        w.WriteNumber("createTime", task.CreatedAt.ToUnixTimeMilliseconds());
    }

    /// <summary>The create body as Kie echoes it in <c>param</c>: an object <c>input</c> becomes its JSON text.</summary>
    private static string RecordedParam(string body)
    {
        using var document = JsonDocument.Parse(body);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (var member in document.RootElement.EnumerateObject())
            {
                if (member.Name == "input" && member.Value.ValueKind == JsonValueKind.Object)
                {
                    w.WriteString("input", member.Value.GetRawText());
                }
                else
                {
                    member.WriteTo(w);
                }
            }

            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteFailure(Utf8JsonWriter w, TaskFailure? failure, FailCodeStyle failCode)
    {
        switch (failure is null ? FailCodeStyle.String : failCode)
        {
            case FailCodeStyle.Number when int.TryParse(failure!.Code, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number):
                w.WriteNumber("failCode", number);
                break;
            case FailCodeStyle.Null:
                w.WriteNull("failCode");
                break;
            case FailCodeStyle.String when failure is null:
                w.WriteNull("failCode");
                break;
            default:
                w.WriteString("failCode", failure!.Code);
                break;
        }

        if (failure is null)
        {
            w.WriteNull("failMsg");
        }
        else
        {
            w.WriteString("failMsg", failure.Message);
        }
    }

    /// <summary>A unified poll as Kie's October 2026 pages show it (<see cref="KieShape.Pages2026_10"/>).</summary>
    private static void WriteMarket(Utf8JsonWriter w, FakeTask task, FakeTaskState state, DateTimeOffset now, FailCodeStyle failCode)
    {
        w.WriteString("model", task.ModelId);
        w.WriteString("state", state.ToString().ToLowerInvariant());
        w.WriteString("param", task.Body);
        var resultJson = state == FakeTaskState.Success ? MarketResultJson(task) : null;
        w.WriteString("resultJson", resultJson ?? "");
        var failure = state == FakeTaskState.Fail ? task.Script.Failure : null;

        // Since October 2026: successFlag (0 waiting/queuing/generating, 1 success, 3 fail), creditsConsumed (0 on
        // failure), response (resultJson already parsed).
        w.WriteNumber("successFlag", state switch { FakeTaskState.Success => 1, FakeTaskState.Fail => 3, _ => 0 });
        w.WriteNumber("creditsConsumed", state == FakeTaskState.Success ? task.Credits : 0m);
        w.WritePropertyName("response");
        if (resultJson is null)
        {
            w.WriteNullValue();
        }
        else
        {
            using var parsed = JsonDocument.Parse(resultJson);
            parsed.RootElement.WriteTo(w);
        }

        WriteFailure(w, failure, failCode); // failCode null unless failed, since October 2026 (was "")
        var done = state is FakeTaskState.Success or FakeTaskState.Fail;
        w.WriteNumber("costTime", done ? (long)task.Generating.TotalMilliseconds : 0);
        if (done)
        {
            w.WriteNumber("completeTime", task.CompletedAt.ToUnixTimeMilliseconds());
        }
        else
        {
            w.WriteNull("completeTime");
        }

        w.WriteNumber("createTime", task.CreatedAt.ToUnixTimeMilliseconds());
        w.WriteNumber("updateTime", (done ? task.CompletedAt : now).ToUnixTimeMilliseconds());
        w.WriteNumber("progress", task.ProgressAt(now));
    }

    private static string MarketResultJson(FakeTask task)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (task.ResultKind == KieResultKind.Music)
            {
                // Suno on the unified API: response.data[] tracks, snake_case.
                w.WriteStartArray("data");
                WriteTracks(w, task, readyTracks: 2, snakeCase: true);
                w.WriteEndArray();
            }
            else if (task.ResultKind is KieResultKind.Object or KieResultKind.Text)
            {
                w.WriteStartObject("resultObject");
                w.WriteString("text", "Generated by the fake Kie server for " + task.ModelId + ".");
                w.WriteEndObject();
            }
            else
            {
                Strings(w, "resultUrls", task.ResultUrls);
            }

            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteRunway(Utf8JsonWriter w, FakeTask task, FakeTaskState state, DateTimeOffset now)
    {
        using var body = JsonDocument.Parse(task.Body);
        var root = body.RootElement;
        if (root.TryGetProperty("taskId", out var parent))
        {
            w.WriteString("parentTaskId", parent.GetString());
        }

        w.WriteStartObject("generateParam");
        w.WriteString("prompt", root.TryGetProperty("prompt", out var prompt) ? prompt.GetString() : "");
        w.WriteString("imageUrl", root.TryGetProperty("imageUrl", out var image) ? image.GetString() : "");
        w.WriteBoolean("expandPrompt", false);
        w.WriteEndObject();
        w.WriteString("state", state switch
        {
            FakeTaskState.Waiting => "wait",
            FakeTaskState.Queuing => "queueing",
            FakeTaskState.Generating => "generating",
            FakeTaskState.Success => "success",
            _ => "fail",
        });
        w.WriteString("generateTime", DateText(task.CreatedAt));
        WriteObjectOrNull(w, state == FakeTaskState.Success, () =>
        {
            w.WriteString("videoId", "video_" + task.TaskId);
            w.WriteString("taskId", task.TaskId);
            w.WriteString("videoUrl", Url(task, 0));
            w.WriteString("imageUrl", Url(task, 1));
        }, "videoInfo");
        w.WriteNumber("failCode", state == FakeTaskState.Fail ? FailureCode(task) : 0);
        w.WriteString("failMsg", state == FakeTaskState.Fail ? task.Script.Failure!.Message : "");
        w.WriteNumber("expireFlag", now > task.CompletedAt + FakeKieServer.Retention ? 1 : 0);
    }

    /// <summary>Veo, Aleph, 4o Image, Flux Kontext, Midjourney, Luma: an integer successFlag and a response object.</summary>
    private static void WriteFlagged(Utf8JsonWriter w, FakeTask task, FakeTaskState state, DateTimeOffset now)
    {
        var success = state == FakeTaskState.Success;
        var failed = state == FakeTaskState.Fail;
        w.WriteString("paramJson", task.Body);
        WriteTimes(w, task, state, task.Family == KieApiFamily.Veo);
        var flag = success ? 1 : failed ? (task.Family == KieApiFamily.Aleph ? 0 : task.Family == KieApiFamily.Gpt4oImage ? 2 : 3) : 0;
        w.WriteNumber("successFlag", flag);
        if (task.Family == KieApiFamily.Midjourney)
        {
            using var body = JsonDocument.Parse(task.Body);
            w.WriteString("taskType", body.RootElement.TryGetProperty("taskType", out var type) ? type.GetString() : "mj_txt2img");
            WriteObjectOrNull(w, success, () =>
            {
                w.WriteStartArray("resultUrls");
                foreach (var url in task.ResultUrls)
                {
                    w.WriteStartObject();
                    w.WriteString("resultUrl", url);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }, "resultInfoJson");
        }
        else
        {
            WriteObjectOrNull(w, success, () =>
            {
                switch (task.Family)
                {
                    case KieApiFamily.Aleph:
                        w.WriteString("taskId", task.TaskId);
                        w.WriteString("resultVideoUrl", Url(task, 0));
                        w.WriteString("resultImageUrl", Url(task, 1));
                        break;
                    case KieApiFamily.FluxKontext:
                        w.WriteString("originImageUrl", "");
                        w.WriteString("resultImageUrl", Url(task, 0));
                        break;
                    case KieApiFamily.Gpt4oImage:
                        Strings(w, "resultUrls", task.ResultUrls);
                        break;
                    default:
                        w.WriteString("taskId", task.TaskId);
                        Strings(w, "resultUrls", task.ResultUrls.Take(1));
                        Strings(w, "originUrls", Array.Empty<string>());
                        if (task.Family == KieApiFamily.Veo)
                        {
                            w.WriteString("resolution", "720p");
                        }

                        break;
                }
            }, "response");
        }

        if (task.Family == KieApiFamily.Gpt4oImage)
        {
            w.WriteString("status", success ? "SUCCESS" : failed ? "GENERATE_FAILED" : "GENERATING");
            w.WriteString("progress", task.ProgressAt(now).ToString("0.00", CultureInfo.InvariantCulture));
        }

        WriteError(w, task, failed);
        if (task.Family == KieApiFamily.Veo)
        {
            w.WriteBoolean("fallbackFlag", false);
        }
    }

    private static void WriteSunoMusic(Utf8JsonWriter w, FakeTask task, FakeTaskState state, DateTimeOffset now)
    {
        w.WriteString("parentMusicId", "");
        w.WriteString("param", task.Body);
        var progress = task.ProgressAt(now);
        var status = state switch
        {
            FakeTaskState.Success => "SUCCESS",
            FakeTaskState.Fail => "GENERATE_AUDIO_FAILED",
            FakeTaskState.Generating when progress >= 0.75 => "FIRST_SUCCESS",
            FakeTaskState.Generating when progress >= 0.5 => "TEXT_SUCCESS",
            _ => "PENDING",
        };
        w.WriteStartObject("response");
        w.WriteString("taskId", task.TaskId);
        w.WriteStartArray("sunoData");
        if (status is "TEXT_SUCCESS" or "FIRST_SUCCESS" or "SUCCESS")
        {
            WriteTracks(w, task, readyTracks: status == "SUCCESS" ? 2 : status == "FIRST_SUCCESS" ? 1 : 0, snakeCase: false);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteString("status", status);
        w.WriteString("type", "chirp-v4");
        w.WriteString("operationType", task.CreatePath switch
        {
            "/api/v1/generate/extend" => "extend",
            "/api/v1/generate/upload-cover" => "upload_cover",
            "/api/v1/generate/upload-extend" => "upload_extend",
            _ => "generate",
        });
        WriteError(w, task, state == FakeTaskState.Fail);
    }

    private static void WriteSunoLyrics(Utf8JsonWriter w, FakeTask task, FakeTaskState state)
    {
        w.WriteString("param", task.Body);
        WriteObjectOrNull(w, state == FakeTaskState.Success, () =>
        {
            w.WriteString("taskId", task.TaskId);
            w.WriteStartArray("data");
            w.WriteStartObject();
            w.WriteString("text", "[Verse]\nFake lyrics from the fake Kie server");
            w.WriteString("title", "Fake lyrics");
            w.WriteString("status", "complete");
            w.WriteString("errorMessage", "");
            w.WriteEndObject();
            w.WriteEndArray();
        }, "response");
        w.WriteString("status", state switch
        {
            FakeTaskState.Success => "SUCCESS",
            FakeTaskState.Fail => "GENERATE_LYRICS_FAILED",
            _ => "PENDING",
        });
        WriteError(w, task, state == FakeTaskState.Fail);
    }

    /// <summary>Suno's single-result operations: WAV, stems, MIDI, MP4, cover art, voices.</summary>
    private static void WriteSunoFlagged(Utf8JsonWriter w, FakeTask task, FakeTaskState state)
    {
        var success = state == FakeTaskState.Success;
        var failed = state == FakeTaskState.Fail;
        WriteTimes(w, task, state, veoDates: false);
        w.WriteString("callbackUrl", task.CallbackUrl ?? "");
        var numericFlag = task.StatusPath is "/api/v1/midi/record-info" or "/api/v1/suno/cover/record-info"
            or "/api/v1/voice/record-info" or "/api/v1/voice/validate-info";
        if (numericFlag)
        {
            w.WriteNumber("successFlag", success ? 1 : failed ? 3 : 0);
        }
        else
        {
            var failure = task.StatusPath switch
            {
                "/api/v1/wav/record-info" => "GENERATE_WAV_FAILED",
                "/api/v1/mp4/record-info" => "GENERATE_MP4_FAILED",
                _ => "GENERATE_AUDIO_FAILED",
            };
            w.WriteString("successFlag", success ? "SUCCESS" : failed ? failure : "PENDING");
        }

        WriteObjectOrNull(w, success, () =>
        {
            switch (task.StatusPath)
            {
                case "/api/v1/wav/record-info":
                    w.WriteString("audioWavUrl", Url(task, 0));
                    break;
                case "/api/v1/mp4/record-info":
                    w.WriteString("videoUrl", Url(task, 0));
                    break;
                case "/api/v1/vocal-removal/record-info":
                    w.WriteString("originUrl", "");
                    w.WriteString("instrumentalUrl", Url(task, 0));
                    w.WriteString("vocalUrl", Url(task, 1));
                    break;
                case "/api/v1/suno/cover/record-info":
                    Strings(w, "images", task.ResultUrls);
                    break;
                case "/api/v1/midi/record-info":
                    WriteInstruments(w);
                    break;
                default:
                    w.WriteString("voiceId", "voice_" + task.TaskId);
                    break;
            }
        }, "response");
        WriteError(w, task, failed);
    }

    private static void WriteSunoCallback(Utf8JsonWriter w, FakeTask task, string stage, bool failed)
    {
        w.WriteStartObject();
        switch (task.StatusPath)
        {
            case SunoMusicStatus:
                w.WriteString("callbackType", stage);
                w.WriteString("task_id", task.TaskId);
                if (failed)
                {
                    w.WriteNull("data");
                    break;
                }

                w.WriteStartArray("data");
                WriteTracks(w, task, readyTracks: stage == "complete" ? 2 : stage == "first" ? 1 : 0, snakeCase: true);
                w.WriteEndArray();
                break;
            case "/api/v1/lyrics/record-info":
                w.WriteString("callbackType", failed ? "error" : "complete");
                w.WriteString("task_id", task.TaskId);
                WriteArrayOrNull(w, !failed, () =>
                {
                    w.WriteStartObject();
                    w.WriteString("error_message", "");
                    w.WriteString("status", "complete");
                    w.WriteString("text", "[Verse]\nFake lyrics from the fake Kie server");
                    w.WriteString("title", "Fake lyrics");
                    w.WriteEndObject();
                });
                break;
            case "/api/v1/wav/record-info":
                w.WriteString("audio_wav_url", failed ? "" : Url(task, 0));
                w.WriteString("task_id", task.TaskId);
                break;
            case "/api/v1/vocal-removal/record-info":
                w.WriteString("task_id", task.TaskId);
                WriteObjectOrNull(w, !failed, () =>
                {
                    w.WriteString("instrumental_url", Url(task, 0));
                    w.WriteString("origin_url", "");
                    w.WriteString("vocal_url", Url(task, 1));
                }, "vocal_removal_info");
                break;
            case "/api/v1/midi/record-info":
                w.WriteString("taskId", task.TaskId);
                w.WriteString("state", failed ? "failed" : "complete");
                WriteInstruments(w);
                break;
            case "/api/v1/suno/cover/record-info":
                w.WriteString("taskId", task.TaskId);
                if (failed)
                {
                    w.WriteNull("images");
                }
                else
                {
                    Strings(w, "images", task.ResultUrls);
                }

                break;
            default:
                // Music video and voices: the docs give no callback payload; this follows the WAV shape (UNCERTAIN).
                w.WriteString("task_id", task.TaskId);
                w.WriteString("result_url", failed ? "" : Url(task, 0));
                break;
        }

        w.WriteEndObject();
    }

    /// <summary>Suno's two tracks: camelCase in record-info, snake_case in callbacks; the first <paramref name="readyTracks"/> have their MP3.</summary>
    private static void WriteTracks(Utf8JsonWriter w, FakeTask task, int readyTracks, bool snakeCase)
    {
        for (var i = 0; i < 2; i++)
        {
            w.WriteStartObject();
            w.WriteString("id", $"{task.TaskId}-{i}");
            w.WriteString(snakeCase ? "audio_url" : "audioUrl", i < readyTracks ? Url(task, i) : "");
            w.WriteString(snakeCase ? "stream_audio_url" : "streamAudioUrl", Url(task, i) + "?stream=1");
            w.WriteString(snakeCase ? "image_url" : "imageUrl", Url(task, 2));
            w.WriteString("prompt", "[Verse] fake lyrics");
            w.WriteString(snakeCase ? "model_name" : "modelName", "chirp-v4");
            w.WriteString("title", "Fake track " + (i + 1));
            w.WriteString("tags", "fake");
            w.WriteString("createTime", DateText(task.CreatedAt));
            w.WriteNumber("duration", 2.0);
            w.WriteEndObject();
        }
    }

    private static void WriteInstruments(Utf8JsonWriter w)
    {
        w.WriteStartArray("instruments");
        w.WriteStartObject();
        w.WriteString("name", "Drums");
        w.WriteStartArray("notes");
        w.WriteStartObject();
        w.WriteNumber("pitch", 73);
        w.WriteNumber("start", 0.036458333333333336);
        w.WriteNumber("end", 0.18229166666666666);
        w.WriteNumber("velocity", 1);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void WriteTimes(Utf8JsonWriter w, FakeTask task, FakeTaskState state, bool veoDates)
    {
        var done = state is FakeTaskState.Success or FakeTaskState.Fail;
        if (veoDates)
        {
            // Veo's record-info documents its times as date-time text ("2025-06-06 10:30:00").
            w.WriteString("createTime", DateText(task.CreatedAt));
            if (done)
            {
                w.WriteString("completeTime", DateText(task.CompletedAt));
            }
            else
            {
                w.WriteNull("completeTime");
            }

            return;
        }

        w.WriteNumber("createTime", task.CreatedAt.ToUnixTimeMilliseconds());
        if (done)
        {
            w.WriteNumber("completeTime", task.CompletedAt.ToUnixTimeMilliseconds());
        }
        else
        {
            w.WriteNull("completeTime");
        }
    }

    private static void WriteError(Utf8JsonWriter w, FakeTask task, bool failed)
    {
        if (failed)
        {
            w.WriteNumber("errorCode", FailureCode(task));
            w.WriteString("errorMessage", task.Script.Failure!.Message);
        }
        else
        {
            w.WriteNull("errorCode");
            w.WriteString("errorMessage", "");
        }
    }

    private static void WriteObjectOrNull(Utf8JsonWriter w, bool present, Action members, string name = "data")
    {
        if (!present)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        members();
        w.WriteEndObject();
    }

    private static void WriteArrayOrNull(Utf8JsonWriter w, bool present, Action items)
    {
        if (!present)
        {
            w.WriteNull("data");
            return;
        }

        w.WriteStartArray("data");
        items();
        w.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static string Url(FakeTask task, int index) => task.ResultUrls[Math.Min(index, task.ResultUrls.Count - 1)];

    private static int FailureCode(FakeTask task) =>
        int.TryParse(task.Script.Failure!.Code, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : 501;

    private static string DateText(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
