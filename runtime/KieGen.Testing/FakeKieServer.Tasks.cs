using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using KieGen.Requests;
using KieGen.Validation;

namespace KieGen.Testing;

public sealed partial class FakeKieServer
{
    private Reply Create(string path, string key, string body, DateTimeOffset now)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Reply.Error(422, "The request body must be a JSON object");
        }

        var identified = path == MarketCreate ? IdentifyMarket(root) : IdentifySpecial(path, root);
        if (identified.Error is not null)
        {
            return identified.Error;
        }

        var (entry, modelId, family, statusPath, callbackField, _) = identified;
        if (path != MarketCreate && ParentProblem(path, root, key, now) is { } rejected)
        {
            return rejected;
        }

        string? callbackUrl = null;
        if (root.TryGetProperty(callbackField, out var callback))
        {
            if (callback.ValueKind != JsonValueKind.String || !Uri.TryCreate(callback.GetString(), UriKind.Absolute, out _))
            {
                return Reply.Error(422, $"{callbackField}: must be an absolute URL");
            }

            callbackUrl = callback.GetString();
        }
        else if (_options.Catalog is not null && entry?.Model.CallbackRequired == true)
        {
            return Reply.Error(422, $"{callbackField}: is required");
        }

        lock (_gate)
        {
            if (!Admit(_createWindows, key, _options.CreateLimit, _options.CreateWindow, now))
            {
                return RateLimited(_options.RetryAfter);
            }

            if (_credits[key] < _options.CreditsPerTask)
            {
                return Reply.Error(402, "Insufficient credits");
            }

            var script = _nextScripts.Count > 0 ? _nextScripts.Dequeue()
                : _modelScripts.TryGetValue(modelId, out var forModel) ? forModel
                : _options.DefaultScript;
            var taskId = NewTaskId();
            var kind = entry?.Model.ResultKind ?? GuessResultKind(modelId);
            var task = new FakeTask(taskId, key, modelId, family, path, statusPath, body, callbackUrl, now, script, _options.Timing, kind,
                script.ResultUrls ?? Array.Empty<string>())
            {
                Credits = _options.CreditsPerTask,
            };
            if (script.ResultUrls is null)
            {
                task.ResultUrls = ResultUrls(taskId, family, statusPath, kind, task.CompletedAt); // signed links expire after completion
            }

            _credits[key] -= _options.CreditsPerTask;
            _tasks.Add(task);
            _tasksById.Add(taskId, task);
            ScheduleCallbacks(task, now);
            return Reply.Ok(w =>
            {
                w.WriteStartObject();
                w.WriteString("taskId", taskId);
                if (family == KieApiFamily.Market)
                {
                    w.WriteString("recordId", task.RecordId); // the unified API answers both; taskId stays the polling key
                }

                w.WriteEndObject();
            });
        }
    }

    private Identified IdentifyMarket(JsonElement root)
    {
        if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String || model.GetString()!.Length == 0)
        {
            return Identified.Fail("model: is required");
        }

        var modelId = model.GetString()!;
        var input = root.TryGetProperty("input", out var i) ? i : default;
        if (input.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined))
        {
            return Identified.Fail("input: must be an object");
        }

        _routes.TryGet(modelId, out var entry);
        if (entry is not null && MissingRequired(entry, input) is { } missing)
        {
            return Identified.Fail(missing);
        }

        if (_options.Catalog is not null)
        {
            if (!_options.Catalog.TryGet(modelId, out var validating) || validating.Model.Family != KieApiFamily.Market || validating.Model.IsSynchronous)
            {
                // Kie's recorded answer to an unknown id (October 2026): body code 404, data null.
                return Identified.Fail(Reply.Error(404, $"The model name you specified is not supported: '{modelId}'"));
            }

            using var empty = JsonDocument.Parse("{}");
            if (!validating.TryParse(input.ValueKind == JsonValueKind.Object ? input : empty.RootElement, out _, out var errors))
            {
                return Identified.Fail(Describe(errors.Where(e => e.IsError).ToList(), "input.")); // like Kie: warnings never reject
            }

            entry = validating;
        }

        return new Identified(entry, modelId, KieApiFamily.Market, MarketStatus, "callBackUrl", null);
    }

    /// <summary>
    /// Kie's answer to a Market create that lacks a required input member: code 500 "This field is required"
    /// (ElevenLabs models name the field: "text is required"), as recorded; the member list is the compiled schema's.
    /// </summary>
    private static Reply? MissingRequired(KieCatalogEntry entry, JsonElement input)
    {
        var missing = entry.Parameters.FirstOrDefault(p => p.Required &&
            (input.ValueKind != JsonValueKind.Object || !input.TryGetProperty(p.WireName, out var value) || value.ValueKind == JsonValueKind.Null));
        return missing is null ? null
            : Reply.Error(500, entry.Model.ModelId.StartsWith("elevenlabs/", StringComparison.Ordinal) ? missing.WireName + " is required" : "This field is required");
    }

    private Identified IdentifySpecial(string path, JsonElement root)
    {
        var candidates = (_options.Catalog ?? _routes).Where(e => e.Model.Family != KieApiFamily.Market && !e.Model.IsSynchronous && e.Model.CreatePath == path).ToList();
        if (candidates.Count == 0)
        {
            candidates = _routes.Where(e => e.Model.Family != KieApiFamily.Market && !e.Model.IsSynchronous && e.Model.CreatePath == path).ToList();
        }

        var first = candidates[0];
        if (_options.Catalog is not null)
        {
            IReadOnlyList<KieValidationError>? firstErrors = null;
            foreach (var candidate in candidates)
            {
                using var parameters = Without(root, candidate.Model.CallbackField);
                if (candidate.TryParse(parameters.RootElement, out _, out var errors))
                {
                    return Of(candidate);
                }

                firstErrors ??= errors;
            }

            return Identified.Fail(Describe(firstErrors!.Where(e => e.IsError).ToList(), ""));
        }

        return Of(first);

        static Identified Of(KieCatalogEntry e) => new(e, e.Model.ModelId, e.Model.Family, e.Model.StatusPath, e.Model.CallbackField, null);
    }

    private Reply Status(string path, string taskId, string key, DateTimeOffset now, Fault? fault)
    {
        FakeTask? task;
        lock (_gate)
        {
            if (!Admit(_statusWindows, key, _options.StatusLimitPerSecond, TimeSpan.FromSeconds(1), now))
            {
                return RateLimited(_options.RetryAfter);
            }

            task = _tasksById.GetValueOrDefault(taskId);
        }

        if (string.IsNullOrEmpty(taskId))
        {
            return Reply.Error(400, "taskId parameter is required");
        }

        // A task is only visible to its own account, and only at its family's status endpoint. Kie's recorded words
        // for a task it does not know: 422 "recordInfo is null" (unified endpoint), success with data null (Suno).
        if (task is null || task.ApiKey != key || task.StatusPath != path)
        {
            return _sunoStatusPaths.Contains(path) ? Reply.Ok(w => w.WriteNullValue()) : Reply.Error(422, "recordInfo is null");
        }

        if (NotVisible(task, now, fault) is { } hidden)
        {
            return hidden;
        }

        var failCode = fault?.Kind switch
        {
            FaultKind.FailCodeAsNumber => FailCodeStyle.Number,
            FaultKind.FailCodeAsNull => FailCodeStyle.Null,
            _ => FailCodeStyle.String,
        };
        return FailedTaskStatus(task, now, failCode) ?? Reply.Ok(w => FamilyShapes.WriteStatus(w, task, now, failCode, _options.Shape));
    }

    private IReadOnlyList<string> ResultUrls(string taskId, KieApiFamily family, string statusPath, KieResultKind kind, DateTimeOffset completedAt)
    {
        string[] files = statusPath switch
        {
            "/api/v1/generate/record-info" => new[] { "0.mp3", "1.mp3", "2.png" },
            "/api/v1/wav/record-info" => new[] { "0.wav" },
            "/api/v1/mp4/record-info" => new[] { "0.mp4" },
            "/api/v1/vocal-removal/record-info" => new[] { "0.mp3", "1.mp3" },
            "/api/v1/suno/cover/record-info" => new[] { "0.png", "1.png" },
            _ => kind switch
            {
                KieResultKind.Video when family is KieApiFamily.Runway or KieApiFamily.Aleph => new[] { "0.mp4", "1.png" },
                KieResultKind.Video => new[] { "0.mp4" },
                KieResultKind.Image when family == KieApiFamily.Midjourney => new[] { "0.png", "1.png", "2.png", "3.png" },
                KieResultKind.Image => new[] { "0.png" },
                KieResultKind.Music => new[] { "0.mp3", "1.mp3", "2.png" }, // two tracks and their cover
                KieResultKind.Audio => new[] { "0.mp3" },
                _ => new[] { "0.json" },
            },
        };
        return files.Select(f => _filePort != 0 ? SignedLink(taskId, f, completedAt + _options.FileLinkLifetime) : new Uri(BaseAddress, $"files/{taskId}/{f}").ToString()).ToArray();
    }

    private static KieResultKind GuessResultKind(string modelId) =>
        modelId.Contains("video", StringComparison.OrdinalIgnoreCase) ? KieResultKind.Video
        : modelId.Contains("speech", StringComparison.OrdinalIgnoreCase) || modelId.Contains("audio", StringComparison.OrdinalIgnoreCase) ? KieResultKind.Audio
        : KieResultKind.Image;

    private string NewTaskId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        return Convert.ToHexString(bytes).ToLowerInvariant();
    }

    private void ScheduleCallbacks(FakeTask task, DateTimeOffset now)
    {
        if (task.CallbackUrl is null)
        {
            return;
        }

        foreach (var (stage, at) in FamilyShapes.CallbackStages(task))
        {
            var due = at - now;
            _timers.Add(_options.TimeProvider.CreateTimer(
                _ => StartDelivery(task, stage, at),
                null,
                due < TimeSpan.Zero ? TimeSpan.Zero : due,
                Timeout.InfiniteTimeSpan));
        }
    }

    private static string Describe(IReadOnlyList<KieValidationError> errors, string prefix) =>
        string.Join("; ", errors.Select(e => prefix + e.Path + ": " + e.Message));

    private static JsonDocument Without(JsonElement root, string name)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in root.EnumerateObject().Where(p => p.Name != name))
            {
                property.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.WrittenMemory);
    }

    private sealed record Identified(KieCatalogEntry? Entry, string ModelId, KieApiFamily Family, string StatusPath, string CallbackField, Reply? Error)
    {
        public static Identified Fail(string message) => Fail(Reply.Error(422, message));

        public static Identified Fail(Reply error) => new(null, "", KieApiFamily.Market, "", "", error);
    }
}
