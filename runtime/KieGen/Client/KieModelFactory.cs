using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using KieGen.Requests;

namespace KieGen.Client;

/// <summary>
/// Builds the client's result objects with sensible defaults, for users' unit tests that substitute
/// <see cref="IKieClient"/>: a fake returns <c>KieModelFactory.TaskResult(...)</c> instead of calling Kie.
/// </summary>
public static class KieModelFactory
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A task handle; a Market image task by default, created at 2026-01-01 UTC.</summary>
    /// <param name="taskId">Kie's task id.</param>
    /// <param name="modelId">Market model id or special-family operation key.</param>
    /// <param name="family">The API family.</param>
    /// <param name="resultKind">What the task produces.</param>
    /// <param name="statusPath">The status endpoint; Market's <c>/api/v1/jobs/recordInfo</c> when null (required for other families).</param>
    /// <param name="createdAt">When it was submitted.</param>
    public static KieTask Task(
        string taskId = "task-0001", string modelId = "nano-banana-2", KieApiFamily family = KieApiFamily.Market,
        KieResultKind resultKind = KieResultKind.Image, string? statusPath = null, DateTimeOffset? createdAt = null) =>
        new(taskId, modelId, family, resultKind, statusPath ?? KieApiPath.MarketStatus, createdAt ?? Epoch);

    /// <summary>The results of a finished task.</summary>
    /// <param name="taskId">The task.</param>
    /// <param name="urls">Media URLs, primary first; none when null.</param>
    /// <param name="tracks">Suno tracks; none when null.</param>
    /// <param name="text">Text results.</param>
    /// <param name="data">The family's raw result object.</param>
    /// <param name="completedAt">When Kie finished it; 2026-01-01 UTC when null.</param>
    /// <param name="creditsConsumed">Credits charged.</param>
    public static KieTaskResult TaskResult(
        string taskId = "task-0001", IEnumerable<Uri>? urls = null, IEnumerable<KieTrack>? tracks = null, string? text = null,
        JsonElement? data = null, DateTimeOffset? completedAt = null, double? creditsConsumed = null) =>
        new(taskId, (urls ?? Enumerable.Empty<Uri>()).ToArray(), (tracks ?? Enumerable.Empty<KieTrack>()).ToArray(), text, data, completedAt ?? Epoch)
        {
            CreditsConsumed = creditsConsumed,
        };

    /// <summary>What a status call says; the family's word defaults to the state's name in lower case.</summary>
    /// <param name="taskId">The task.</param>
    /// <param name="state">The mapped state.</param>
    /// <param name="kieState">The family's own word.</param>
    /// <param name="progress">0..1.</param>
    /// <param name="result">The results (for <see cref="KieTaskState.Succeeded"/>; an empty result when null).</param>
    /// <param name="failCode">Kie's failure code (for <see cref="KieTaskState.Failed"/>).</param>
    /// <param name="failMessage">Kie's failure text.</param>
    /// <param name="successFlag">Kie's successFlag.</param>
    /// <param name="creditsConsumed">Credits charged.</param>
    public static KieTaskStatus TaskStatus(
        string taskId = "task-0001", KieTaskState state = KieTaskState.Pending, string? kieState = null, double? progress = null,
        KieTaskResult? result = null, string? failCode = null, string? failMessage = null, int? successFlag = null, double? creditsConsumed = null) =>
        new(taskId, state, kieState ?? state.ToString().ToLowerInvariant(), progress,
            state == KieTaskState.Succeeded ? result ?? TaskResult(taskId) : result, failCode, failMessage)
        {
            SuccessFlag = successFlag,
            CreditsConsumed = creditsConsumed,
        };

    /// <summary>A progress report, as <c>WaitForCompletionAsync</c> sends them.</summary>
    public static KieTaskProgress TaskProgress(KieTask task, KieTaskState state = KieTaskState.Running, string? kieState = null, double? progress = null, TimeSpan elapsed = default) =>
        new(task, state, kieState ?? state.ToString().ToLowerInvariant(), progress, elapsed);

    /// <summary>One Suno track.</summary>
    public static KieTrack Track(string id = "track-0001", Uri? audioUrl = null, Uri? streamAudioUrl = null, Uri? imageUrl = null, string? title = null, string? tags = null, double? duration = null) =>
        new(id, audioUrl, streamAudioUrl, imageUrl, title, tags, duration);

    /// <summary>An uploaded file, as the upload calls return it.</summary>
    public static KieUploadedFile UploadedFile(Uri downloadUrl, string fileName = "file.png", string? filePath = null, long size = 0, string? mimeType = "image/png") =>
        new(downloadUrl, fileName, filePath ?? "uploads/" + fileName, size, mimeType);

    /// <summary>A model's schema answer; <paramref name="openApi"/> null is Kie's "not synced yet".</summary>
    public static KieModelSchema ModelSchema(string model, JsonDocument? openApi, Uri source, DateTimeOffset? retrievedAt = null) =>
        new(model, openApi, source, retrievedAt ?? Epoch);
}
