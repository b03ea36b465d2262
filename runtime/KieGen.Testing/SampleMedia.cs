using System;
using System.IO;
using System.Text;

namespace KieGen.Testing;

/// <summary>
/// Small but real media files, so downloads in tests and samples are real files that viewers and players open: a PNG
/// drawn here (a dusk gradient, a sun and the words "FAKE KIE", so nobody mistakes it for a generated image), an
/// H.264 MP4 (one second, ten frames, 160x90) and an MP3 (half a second of 440 Hz) made once with ffmpeg and embedded
/// (see Media/README.md), and a PCM WAV tone written here.
/// </summary>
internal static class SampleMedia
{
    /// <summary>A 320x180 PNG with visible content.</summary>
    public static readonly byte[] Png = SamplePng.Draw(320, 180);

    /// <summary>A one-second H.264 MP4 with a <c>moov</c> box (faststart), as players expect.</summary>
    public static readonly byte[] Mp4 = Embedded("sample.mp4");

    /// <summary>Half a second of a 440 Hz tone, MPEG-1 Layer III.</summary>
    public static readonly byte[] Mp3 = Embedded("sample.mp3");

    /// <summary>A PCM WAV file of 0.25 s of a 440 Hz tone.</summary>
    public static readonly byte[] Wav = BuildWav();

    public static (byte[] Bytes, string ContentType) For(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".png" => (Png, "image/png"),
        ".jpg" or ".jpeg" => (Png, "image/png"),
        ".mp4" => (Mp4, "video/mp4"),
        ".mp3" => (Mp3, "audio/mpeg"),
        ".wav" => (Wav, "audio/wav"),
        _ => (Encoding.UTF8.GetBytes("fake kie file"), "application/octet-stream"),
    };

    public static string ContentTypeOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".webp" => "image/webp",
        ".mp4" => "video/mp4",
        ".mp3" => "audio/mpeg",
        ".wav" => "audio/wav",
        _ => "application/octet-stream",
    };

    private static byte[] BuildWav()
    {
        const int sampleRate = 8000;
        const int samples = sampleRate / 4;
        var wav = new byte[44 + samples];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(wav, 0);
        BitConverter.TryWriteBytes(wav.AsSpan(4), 36 + samples);
        Encoding.ASCII.GetBytes("WAVEfmt ").CopyTo(wav, 8);
        BitConverter.TryWriteBytes(wav.AsSpan(16), 16);
        BitConverter.TryWriteBytes(wav.AsSpan(20), (short)1); // PCM
        BitConverter.TryWriteBytes(wav.AsSpan(22), (short)1); // mono
        BitConverter.TryWriteBytes(wav.AsSpan(24), sampleRate);
        BitConverter.TryWriteBytes(wav.AsSpan(28), sampleRate);
        BitConverter.TryWriteBytes(wav.AsSpan(32), (short)1);
        BitConverter.TryWriteBytes(wav.AsSpan(34), (short)8);
        Encoding.ASCII.GetBytes("data").CopyTo(wav, 36);
        BitConverter.TryWriteBytes(wav.AsSpan(40), samples);
        for (var i = 0; i < samples; i++)
        {
            // 8-bit PCM is unsigned: 128 is silence; a quiet 440 Hz sine around it.
            wav[44 + i] = (byte)(128 + (int)Math.Round(48 * Math.Sin(2 * Math.PI * 440 * i / sampleRate)));
        }

        return wav;
    }

    private static byte[] Embedded(string name)
    {
        using var stream = typeof(SampleMedia).Assembly.GetManifestResourceStream("KieGen.Testing.Media." + name)
            ?? throw new InvalidOperationException($"Embedded sample '{name}' is missing from KieGen.Testing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
