using System;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace KieGen.Testing;

/// <summary>Small but real media files, so downloads in tests are real downloads of real formats.</summary>
internal static class SampleMedia
{
    /// <summary>A 2x2 PNG.</summary>
    public static readonly byte[] Png = BuildPng();

    /// <summary>An MP4 (ISO BMFF) container: ftyp, an empty moov-less mdat; recognised by its signature.</summary>
    public static readonly byte[] Mp4 = BuildMp4();

    /// <summary>Twenty silent MPEG-1 Layer III frames (about half a second).</summary>
    public static readonly byte[] Mp3 = BuildMp3();

    /// <summary>A PCM WAV file of 0.1 s of silence.</summary>
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

    private static byte[] BuildPng()
    {
        using var png = new MemoryStream();
        png.Write(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        var header = new byte[13];
        WriteBigEndian(header, 0, 2);
        WriteBigEndian(header, 4, 2);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour RGB
        Chunk(png, "IHDR", header);

        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
        {
            // Two rows, each a filter byte and two RGB pixels (Kie orange).
            var row = new byte[] { 0, 0xF5, 0x7C, 0x00, 0xF5, 0x7C, 0x00 };
            zlib.Write(row);
            zlib.Write(row);
        }

        Chunk(png, "IDAT", raw.ToArray());
        Chunk(png, "IEND", Array.Empty<byte>());
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        WriteBigEndian(length, 0, (uint)data.Length);
        png.Write(length);
        var typed = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type).CopyTo(typed, 0);
        data.CopyTo(typed, 4);
        png.Write(typed);
        var crc = new byte[4];
        WriteBigEndian(crc, 0, Crc32(typed));
        png.Write(crc);
    }

    private static byte[] BuildMp4()
    {
        using var mp4 = new MemoryStream();
        var ftyp = new byte[] { 0, 0, 0, 24, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m', 0, 0, 2, 0, (byte)'i', (byte)'s', (byte)'o', (byte)'m', (byte)'m', (byte)'p', (byte)'4', (byte)'1' };
        mp4.Write(ftyp);
        var mdat = new byte[64];
        WriteBigEndian(mdat, 0, (uint)mdat.Length);
        Encoding.ASCII.GetBytes("mdat").CopyTo(mdat, 4);
        mp4.Write(mdat);
        return mp4.ToArray();
    }

    private static byte[] BuildMp3()
    {
        // 128 kbit/s, 44.1 kHz, stereo: 417-byte frames.
        const int frameLength = 417;
        var mp3 = new byte[frameLength * 20];
        for (var offset = 0; offset < mp3.Length; offset += frameLength)
        {
            mp3[offset] = 0xFF;
            mp3[offset + 1] = 0xFB;
            mp3[offset + 2] = 0x90;
            mp3[offset + 3] = 0x00;
        }

        return mp3;
    }

    private static byte[] BuildWav()
    {
        const int sampleRate = 8000;
        const int samples = sampleRate / 10;
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
        wav.AsSpan(44).Fill(0x80); // 8-bit silence
        return wav;
    }

    private static void WriteBigEndian(byte[] buffer, int offset, uint value)
    {
        buffer[offset] = (byte)(value >> 24);
        buffer[offset + 1] = (byte)(value >> 16);
        buffer[offset + 2] = (byte)(value >> 8);
        buffer[offset + 3] = (byte)value;
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
