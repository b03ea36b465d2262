using System;
using System.Text.Json;
using KieGen.Requests;

namespace KieGen.Testing;

public sealed partial class FakeKieServer
{
    /// <summary>A span long enough that a seeded task never leaves its state while a test runs.</summary>
    private static readonly TimeSpan Held = TimeSpan.FromDays(365);

    private readonly System.Collections.Generic.HashSet<string> _seeded = new(StringComparer.Ordinal);

    /// <summary>
    /// Makes the fake know a task it did not create, in a given state: a task id that came from Kie (a recorded poll,
    /// a task resumed from its id) is then answered at its family's status endpoint like the fake's own tasks. The task
    /// stays in <paramref name="state"/> (no callbacks are sent for it); no credits are charged. Adding an id added
    /// before replaces that task (a later poll of the same task, in a later state).
    /// </summary>
    /// <param name="taskId">The id to answer for.</param>
    /// <param name="createPath">The create endpoint the task came through (<c>/api/v1/jobs/createTask</c> for Market models).</param>
    /// <param name="body">The create request body, as Kie received it (Market: <c>{"model", "input"}</c>).</param>
    /// <param name="state">The state every poll reports.</param>
    /// <param name="failure">How it failed, when <paramref name="state"/> is <see cref="FakeTaskState.Fail"/>; a generic failure when null.</param>
    /// <param name="apiKey">The key that owns it; <see cref="FakeKieOptions.DefaultApiKey"/> when null.</param>
    /// <returns>The task.</returns>
    /// <exception cref="ArgumentException">The body is not a JSON object, names no model or is refused by <see cref="FakeKieOptions.Catalog"/>; or the fake created a task with this id.</exception>
    public FakeTask AddTask(string taskId, string createPath, string body, FakeTaskState state, TaskFailure? failure = null, string? apiKey = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        ArgumentException.ThrowIfNullOrEmpty(createPath);
        ArgumentNullException.ThrowIfNull(body);
        using var document = JsonDocument.Parse(body);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("The body must be a JSON object.", nameof(body));
        }

        string modelId, statusPath;
        KieApiFamily family;
        KieCatalogEntry? entry;
        if (createPath == MarketCreate)
        {
            modelId = document.RootElement.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
            _routes.TryGet(modelId, out entry);
            (family, statusPath) = (KieApiFamily.Market, MarketStatus);
        }
        else
        {
            if (!_specialCreatePaths.Contains(createPath))
            {
                throw new ArgumentException($"No family creates tasks at {createPath}.", nameof(createPath));
            }

            var identified = IdentifySpecial(createPath, document.RootElement);
            if (identified.Error is not null)
            {
                throw new ArgumentException($"The fake's catalog refuses this body: {identified.Error.Msg}", nameof(body));
            }

            (entry, modelId, family, statusPath) = (identified.Entry, identified.ModelId, identified.Family, identified.StatusPath);
        }

        if (modelId.Length == 0)
        {
            throw new ArgumentException("The body names no model.", nameof(body));
        }

        var now = _options.TimeProvider.GetUtcNow();
        var script = state switch
        {
            FakeTaskState.Waiting => new TaskScript { Waiting = Held, Queuing = TimeSpan.Zero, Generating = TimeSpan.Zero },
            FakeTaskState.Queuing => new TaskScript { Waiting = TimeSpan.Zero, Queuing = Held, Generating = TimeSpan.Zero },
            FakeTaskState.Generating => new TaskScript { Waiting = TimeSpan.Zero, Queuing = TimeSpan.Zero, Generating = Held },
            _ => new TaskScript
            {
                Waiting = TimeSpan.Zero,
                Queuing = TimeSpan.Zero,
                Generating = TimeSpan.FromSeconds(1),
                Failure = state == FakeTaskState.Fail ? failure ?? new TaskFailure("500", "Internal server error") : null,
            },
        };
        // A finished task finished a second ago; the others started now and hold their state.
        var createdAt = state is FakeTaskState.Success or FakeTaskState.Fail ? now - TimeSpan.FromSeconds(1) : now;
        var kind = entry?.Model.ResultKind ?? GuessResultKind(modelId);
        var callbackField = entry?.Model.CallbackField ?? "callBackUrl";
        var callbackUrl = document.RootElement.TryGetProperty(callbackField, out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        lock (_gate)
        {
            if (_tasksById.TryGetValue(taskId, out var known))
            {
                if (!_seeded.Contains(taskId))
                {
                    throw new ArgumentException($"The fake created task {taskId} itself.", nameof(taskId));
                }

                _tasks.Remove(known);
                _tasksById.Remove(taskId);
            }

            var task = new FakeTask(taskId, apiKey ?? FakeKieOptions.DefaultApiKey, modelId, family, createPath, statusPath, body,
                callbackUrl, createdAt, script, _options.Timing, kind, Array.Empty<string>());
            task.ResultUrls = ResultUrls(taskId, family, statusPath, kind, task.CompletedAt);
            _tasks.Add(task);
            _tasksById.Add(taskId, task);
            _seeded.Add(taskId);
            return task;
        }
    }
}
