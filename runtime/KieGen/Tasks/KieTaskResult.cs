using System;
using System.Collections.Generic;
using System.Text.Json;

namespace KieGen.Tasks;

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
