using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using KieGen.Requests;
using KieGen.Tasks;

namespace KieGen.Client;

/// <summary>
/// Builds every result the client returns, with sensible defaults, for users' unit tests that mock
/// <see cref="KieClient"/>: a subclass overriding an operation returns <c>KieModelFactory.TaskResult(...)</c> instead
/// of calling Kie. Some results (<see cref="KieModelSchema"/>) can be made only here.
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
    /// <param name="recordId">The <c>recordId</c> Kie has answered beside the task id since October 2026.</param>
    public static KieTask Task(
        string taskId = "task-0001", string modelId = "nano-banana-2", KieApiFamily family = KieApiFamily.Market,
        KieResultKind resultKind = KieResultKind.Image, string? statusPath = null, DateTimeOffset? createdAt = null, string? recordId = null) =>
        new(taskId, modelId, family, resultKind, statusPath ?? KieApiPath.MarketStatus, createdAt ?? Epoch) { RecordId = recordId };

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

    /// <summary>What a status call says; the raw state defaults to the state's name in lower case.</summary>
    /// <param name="taskId">The task.</param>
    /// <param name="state">The mapped state.</param>
    /// <param name="rawState">Kie's own word for the state, unmapped.</param>
    /// <param name="progress">0..1.</param>
    /// <param name="result">The results (for <see cref="KieTaskState.Succeeded"/>; an empty result when null).</param>
    /// <param name="failCode">Kie's failure code (for <see cref="KieTaskState.Failed"/>).</param>
    /// <param name="failMessage">Kie's failure text.</param>
    /// <param name="successFlag">Kie's successFlag.</param>
    /// <param name="creditsConsumed">Credits charged.</param>
    public static KieTaskStatus TaskStatus(
        string taskId = "task-0001", KieTaskState state = KieTaskState.Pending, string? rawState = null, double? progress = null,
        KieTaskResult? result = null, string? failCode = null, string? failMessage = null, int? successFlag = null, double? creditsConsumed = null) =>
        new(taskId, state, rawState ?? state.ToString().ToLowerInvariant(), progress,
            state == KieTaskState.Succeeded ? result ?? TaskResult(taskId) : result, failCode, failMessage)
        {
            SuccessFlag = successFlag,
            CreditsConsumed = creditsConsumed,
        };

    /// <summary>A progress report, as <c>WaitForCompletionAsync</c> sends them.</summary>
    public static KieTaskProgress TaskProgress(KieTask task, KieTaskState state = KieTaskState.Running, string? rawState = null, double? progress = null, TimeSpan elapsed = default) =>
        new(task, state, rawState ?? state.ToString().ToLowerInvariant(), progress, elapsed);

    /// <summary>One Suno track.</summary>
    public static KieTrack Track(string id = "track-0001", Uri? audioUrl = null, Uri? streamAudioUrl = null, Uri? imageUrl = null, string? title = null, string? tags = null, double? duration = null) =>
        new(id, audioUrl, streamAudioUrl, imageUrl, title, tags, duration);

    /// <summary>An uploaded file, as the upload calls return it.</summary>
    public static KieUploadedFile UploadedFile(Uri downloadUrl, string fileName = "file.png", string? filePath = null, long size = 0, string? mimeType = "image/png") =>
        new(downloadUrl, fileName, filePath ?? "uploads/" + fileName, size, mimeType);

    /// <summary>A model's schema answer; <paramref name="openApi"/> null is Kie's "not synced yet".</summary>
    public static KieModelSchema ModelSchema(string model, JsonDocument? openApi, Uri source, DateTimeOffset? retrievedAt = null) =>
        new(model, openApi, source, retrievedAt ?? Epoch);

    /// <summary>Kie's live model list; <paramref name="total"/> defaults to the number of models.</summary>
    public static KieModelList ModelList(IEnumerable<KieCatalogModel>? models = null, int? total = null)
    {
        var list = (models ?? Enumerable.Empty<KieCatalogModel>()).ToArray();
        return new(total ?? list.Length, list);
    }

    /// <summary>One model of Kie's live catalog; a text-to-image model by default.</summary>
    public static KieCatalogModel CatalogModel(
        string model = "nano-banana-2", string? slug = null, string? title = null, string? provider = null,
        IEnumerable<string>? taskTypes = null, string? description = null, string? pricingDescription = null) =>
        new(model, slug, title, provider, (taskTypes ?? ["Text to Image"]).ToArray(), description, pricingDescription);

    /// <summary>A model's price as Kie words it.</summary>
    public static KieModelPrice ModelPrice(string model = "nano-banana-2", string? pricingDescription = null) =>
        new(model, pricingDescription);

    /// <summary>A model's success rate; no buckets (Kie's "no data") when <paramref name="points"/> is null.</summary>
    public static KieSuccessRate SuccessRate(string model = "nano-banana-2", IEnumerable<KieSuccessRatePoint>? points = null) =>
        new(model, (points ?? Enumerable.Empty<KieSuccessRatePoint>()).ToArray());

    /// <summary>
    /// One 10-minute bucket of a success rate (shares from 0 to 1, as Kie sends them), starting at 2026-01-01 UTC by
    /// default; the error rate defaults to the rest of <paramref name="successRate"/>.
    /// </summary>
    public static KieSuccessRatePoint SuccessRatePoint(DateTimeOffset? start = null, double? successRate = 1.0, double? errorRate = null, bool? isNormal = true)
    {
        var from = start ?? Epoch;
        return new(from, from.AddMinutes(10), successRate, errorRate ?? (1.0 - successRate), isNormal);
    }
}
