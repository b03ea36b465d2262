using System;

namespace KieGen.Import;

/// <summary>Kie's task types (the catalog's <c>taskType</c> list) and the category and result kind each implies.</summary>
public static class TaskTypes
{
    /// <summary>The (category, result) of a task type, or null when it is not one KieGen knows.</summary>
    public static (string Category, string Result)? Map(string taskType) => taskType.Trim().ToUpperInvariant() switch
    {
        "TEXT TO VIDEO" or "IMAGE TO VIDEO" or "VIDEO TO VIDEO" or "VIDEO EDITING" or "LIP SYNC" or "SPEECH TO VIDEO" => ("video", "video"),
        "TEXT TO IMAGE" or "IMAGE TO IMAGE" or "IMAGE EDITING" => ("image", "image"),
        "TEXT TO MUSIC" => ("music", "music"),
        "TEXT TO SPEECH" => ("audio", "audio"),
        "SPEECH TO TEXT" => ("audio", "text"),
        // Kie lists Suno's stem separation and section edits here: music work whose result is audio files.
        "AUDIO TO AUDIO" => ("music", "audio"),
        // Music helpers whose result is not audio; the fake server lists them so (Kie's live list has no such types yet).
        "TEXT TO LYRICS" => ("music", "text"),
        "MUSIC TO IMAGE" => ("music", "image"),
        "MUSIC TO VIDEO" => ("music", "video"),
        "MUSIC ANALYSIS" => ("music", "object"),
        _ => null,
    };
}
