using System;

namespace KieGen.Tasks;

/// <summary>One Suno track.</summary>
/// <param name="Id">Kie's audio id (used by extend, cover, WAV, stems).</param>
/// <param name="AudioUrl">The MP3.</param>
/// <param name="StreamAudioUrl">The stream URL, ready before the MP3.</param>
/// <param name="ImageUrl">Cover art.</param>
/// <param name="Title">Title.</param>
/// <param name="Tags">Style tags.</param>
/// <param name="Duration">Seconds.</param>
public sealed record KieTrack(string Id, Uri? AudioUrl, Uri? StreamAudioUrl, Uri? ImageUrl, string? Title, string? Tags, double? Duration);
