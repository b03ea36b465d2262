using System;
using System.Collections.Generic;
using System.Text.Json;

namespace KieGen.Client;

/// <summary>One state for every family's status vocabulary.</summary>
public enum KieTaskState
{
    /// <summary>Accepted, waiting or queued.</summary>
    Pending,

    /// <summary>Generating (Suno: also text or first track ready).</summary>
    Running,

    /// <summary>Finished with results.</summary>
    Succeeded,

    /// <summary>Finished in failure.</summary>
    Failed,
}

/// <summary>What a status call said, in one shape for every family.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="State">The mapped state.</param>
/// <param name="KieState">The family's own word (<c>generating</c>, <c>TEXT_SUCCESS</c>, successFlag <c>0</c>, ...).</param>
/// <param name="Progress">0..1 where Kie reports it.</param>
/// <param name="Result">The results, once succeeded.</param>
/// <param name="FailCode">Kie's failure code, once failed.</param>
/// <param name="FailMessage">Kie's failure text, once failed.</param>
public sealed record KieTaskStatus(
    string TaskId,
    KieTaskState State,
    string KieState,
    double? Progress,
    KieTaskResult? Result,
    string? FailCode,
    string? FailMessage)
{
    /// <summary>Whether the task has finished, either way.</summary>
    public bool IsTerminal => State is KieTaskState.Succeeded or KieTaskState.Failed;

    /// <summary>Kie's <c>successFlag</c> where the status carries one (unified jobs: 0 waiting or generating, 1 success, 3 failed).</summary>
    public int? SuccessFlag { get; init; }

    /// <summary>Credits Kie charged for the task (<c>creditsConsumed</c>; 0 on failure), once reported.</summary>
    public double? CreditsConsumed { get; init; }
}

/// <summary>Progress reported while waiting.</summary>
/// <param name="Task">The task.</param>
/// <param name="State">The mapped state.</param>
/// <param name="KieState">The family's own word.</param>
/// <param name="Progress">0..1 where Kie reports it.</param>
/// <param name="Elapsed">Time since submission.</param>
public sealed record KieTaskProgress(KieTask Task, KieTaskState State, string KieState, double? Progress, TimeSpan Elapsed);

/// <summary>The results of a finished task.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Urls">Every media URL (images, videos, audio, stems, covers), primary output first.</param>
/// <param name="Tracks">Suno tracks, with their own URLs and metadata.</param>
/// <param name="Text">Text results (lyrics, text models).</param>
/// <param name="Data">The family's raw result object (resultObject, response, ...), for what the typed members do not cover.</param>
/// <param name="CompletedAt">When Kie finished it (or when it was first seen finished).</param>
public sealed record KieTaskResult(
    string TaskId,
    IReadOnlyList<Uri> Urls,
    IReadOnlyList<KieTrack> Tracks,
    string? Text,
    JsonElement? Data,
    DateTimeOffset CompletedAt)
{
    /// <summary>Credits Kie charged for the task (recordInfo's <c>creditsConsumed</c>), where reported.</summary>
    public double? CreditsConsumed { get; init; }

    /// <summary>How long Kie keeps generated files.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(14);

    /// <summary>When the files are deleted (14 days after completion); download before, or refresh links after.</summary>
    public DateTimeOffset ExpiresAt => CompletedAt + Retention;
}

/// <summary>One Suno track.</summary>
/// <param name="Id">Kie's audio id (used by extend, cover, WAV, stems).</param>
/// <param name="AudioUrl">The MP3.</param>
/// <param name="StreamAudioUrl">The stream URL, ready before the MP3.</param>
/// <param name="ImageUrl">Cover art.</param>
/// <param name="Title">Title.</param>
/// <param name="Tags">Style tags.</param>
/// <param name="Duration">Seconds.</param>
public sealed record KieTrack(string Id, Uri? AudioUrl, Uri? StreamAudioUrl, Uri? ImageUrl, string? Title, string? Tags, double? Duration);
