using System.Diagnostics;

namespace KieGen.Testing.Tests.Infrastructure;

/// <summary>Debian's ffprobe, when it is on PATH: decodes a file's every frame and reports what it found.</summary>
internal static class Ffprobe
{
    /// <summary>ffprobe's full path, or null when it is not installed.</summary>
    public static string? Path { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(directory => System.IO.Path.Combine(directory, "ffprobe"))
        .FirstOrDefault(File.Exists);

    public const string MissingReason = "ffprobe is not installed (apt-get install ffmpeg; .ci/run installs it), so the media could not be decoded here.";

    /// <summary>Decodes every frame of <paramref name="file"/>: exit code, "codec,width,height,frames" of its first stream, and ffprobe's errors.</summary>
    public static async Task<(int ExitCode, string Stream, string Errors)> DecodeAsync(string file)
    {
        var start = new ProcessStartInfo(Path!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-v", "error", "-count_frames", "-select_streams", "0", "-show_entries", "stream=codec_name,width,height,nb_read_frames", "-of", "csv=p=0", file })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, (await output).Trim(), (await errors).Trim());
    }
}
