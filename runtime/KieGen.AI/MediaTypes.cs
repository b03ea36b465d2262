using System;
using System.IO;

namespace KieGen.AI;

/// <summary>Media types by file extension, for result links and uploads (Kie's links end in the file's extension).</summary>
internal static class MediaTypes
{
    public static string? FromPath(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".webp" => "image/webp",
        ".gif" => "image/gif",
        ".mp3" => "audio/mpeg",
        ".wav" => "audio/wav",
        ".ogg" => "audio/ogg",
        ".mp4" => "video/mp4",
        _ => null,
    };

    /// <summary>A file extension for a media type (uploads need a file name).</summary>
    public static string Extension(string mediaType) => mediaType.ToLowerInvariant() switch
    {
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        "image/webp" => ".webp",
        "image/gif" => ".gif",
        "audio/mpeg" => ".mp3",
        "audio/wav" or "audio/x-wav" => ".wav",
        "video/mp4" => ".mp4",
        _ => ".bin",
    };

    /// <summary>The format word a model's enum uses for a media type: <c>image/jpeg</c> → <c>jpeg</c> (or <c>jpg</c>).</summary>
    public static string[] FormatWords(string mediaType)
    {
        var slash = mediaType.IndexOf('/', StringComparison.Ordinal);
        var subtype = slash < 0 ? mediaType : mediaType[(slash + 1)..];
        return subtype.ToLowerInvariant() switch
        {
            "jpeg" or "jpg" => ["jpeg", "jpg"],
            "mpeg" => ["mp3"],
            "x-wav" => ["wav"],
            var other => [other],
        };
    }
}
