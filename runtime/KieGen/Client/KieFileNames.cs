using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace KieGen.Client;

/// <summary>
/// Names for downloaded result files built only from safe parts: a sanitised task id and an extension chosen from the
/// response's content type or an allow-list, never raw remote text; the result is checked to stay in its folder.
/// </summary>
internal static class KieFileNames
{
    private const int MaxStem = 64;

    private static readonly Dictionary<string, string> ByContentType = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/png"] = ".png", ["image/jpeg"] = ".jpg", ["image/jpg"] = ".jpg", ["image/webp"] = ".webp", ["image/gif"] = ".gif",
        ["video/mp4"] = ".mp4", ["video/webm"] = ".webm", ["video/quicktime"] = ".mov",
        ["audio/mpeg"] = ".mp3", ["audio/mp3"] = ".mp3", ["audio/wav"] = ".wav", ["audio/x-wav"] = ".wav", ["audio/wave"] = ".wav",
        ["audio/mp4"] = ".m4a", ["audio/ogg"] = ".ogg", ["audio/flac"] = ".flac", ["audio/midi"] = ".mid", ["audio/x-midi"] = ".mid",
        ["text/plain"] = ".txt", ["application/json"] = ".json", ["application/zip"] = ".zip",
    };

    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".webp", ".gif", ".mp4", ".webm", ".mov", ".mp3", ".wav", ".m4a", ".ogg", ".flac", ".mid", ".txt", ".json", ".zip",
    };

    /// <summary>
    /// A file-name stem from a task id: letters, digits, <c>-</c> and <c>_</c> only, at most 64 characters; when
    /// anything had to change, a short hash of the original keeps two different ids apart.
    /// </summary>
    public static string Stem(string taskId)
    {
        var builder = new StringBuilder(Math.Min(taskId.Length, MaxStem));
        foreach (var c in taskId)
        {
            if (builder.Length == MaxStem)
            {
                break;
            }

            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }

        var stem = builder.ToString().Trim('_', '-');
        if (stem.Length == 0 || stem != taskId)
        {
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(taskId)), 0, 4).ToLowerInvariant();
            stem = (stem.Length == 0 ? "task" : stem) + "-" + hash;
        }

        return stem;
    }

    /// <summary>The extension of the response's content type, else the URL's when allowed, else <c>.bin</c>.</summary>
    public static string Extension(string? contentType, Uri url)
    {
        if (contentType is not null && ByContentType.TryGetValue(contentType, out var known))
        {
            return known;
        }

        var fromUrl = Path.GetExtension(url.AbsolutePath);
        return Allowed.Contains(fromUrl) ? fromUrl.ToLowerInvariant() : ".bin";
    }

    /// <summary>The full path of <paramref name="fileName"/> in <paramref name="directory"/>; throws if it would leave it.</summary>
    public static string Inside(string directory, string fileName)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(root, fileName));
        return path.StartsWith(root, StringComparison.Ordinal) && path.IndexOf(Path.DirectorySeparatorChar, root.Length) < 0
            ? path
            : throw new InvalidOperationException($"Refusing to write '{fileName}': it resolves outside '{root}'.");
    }
}
