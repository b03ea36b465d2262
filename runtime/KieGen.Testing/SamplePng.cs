using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace KieGen.Testing;

/// <summary>
/// Draws the fake server's sample image (a dusk gradient, a sun, and "FAKE KIE" in block letters) and encodes it as an
/// 8-bit RGB PNG: signature, IHDR, one zlib-compressed IDAT, IEND.
/// </summary>
internal static class SamplePng
{
    private const string Label = "FAKE KIE";

    /// <summary>5x7 glyphs of the label's letters, one row per string.</summary>
    private static readonly (char Letter, string[] Rows)[] Glyphs =
    {
        ('F', new[] { "11111", "10000", "10000", "11110", "10000", "10000", "10000" }),
        ('A', new[] { "01110", "10001", "10001", "11111", "10001", "10001", "10001" }),
        ('K', new[] { "10001", "10010", "10100", "11000", "10100", "10010", "10001" }),
        ('E', new[] { "11111", "10000", "10000", "11110", "10000", "10000", "11111" }),
        ('I', new[] { "01110", "00100", "00100", "00100", "00100", "00100", "01110" }),
    };

    public static byte[] Draw(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        DrawSky(pixels, width, height);
        DrawSun(pixels, width, height);
        DrawLabel(pixels, width, height);
        return Encode(pixels, width, height);
    }

    private static void DrawSky(byte[] pixels, int width, int height)
    {
        // Deep violet at the top to warm orange at the horizon.
        for (var y = 0; y < height; y++)
        {
            var t = (double)y / (height - 1);
            var color = (R: Mix(0x2B, 0xF5, t), G: Mix(0x1B, 0x7C, t), B: Mix(0x5E, 0x3A, t));
            for (var x = 0; x < width; x++)
            {
                Set(pixels, width, x, y, color);
            }
        }
    }

    private static void DrawSun(byte[] pixels, int width, int height)
    {
        int cx = width * 3 / 4, cy = height / 3, r = height / 6;
        for (var y = Math.Max(0, cy - r); y <= Math.Min(height - 1, cy + r); y++)
        {
            for (var x = Math.Max(0, cx - r); x <= Math.Min(width - 1, cx + r); x++)
            {
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r)
                {
                    Set(pixels, width, x, y, (0xFF, 0xE0, 0x8A));
                }
            }
        }
    }

    private static void DrawLabel(byte[] pixels, int width, int height)
    {
        const int scale = 4, advance = 6 * scale;
        var left = (width - (Label.Length * advance - scale)) / 2;
        var top = height - 7 * scale - height / 8;
        for (var i = 0; i < Label.Length; i++)
        {
            if (Label[i] == ' ')
            {
                continue;
            }

            var rows = Array.Find(Glyphs, g => g.Letter == Label[i]).Rows;
            for (var row = 0; row < rows.Length; row++)
            {
                for (var column = 0; column < rows[row].Length; column++)
                {
                    if (rows[row][column] == '1')
                    {
                        Block(pixels, width, left + i * advance + column * scale + 1, top + row * scale + 1, scale, (0x20, 0x10, 0x30)); // shadow
                        Block(pixels, width, left + i * advance + column * scale, top + row * scale, scale, (0xFF, 0xFF, 0xFF));
                    }
                }
            }
        }
    }

    private static void Block(byte[] pixels, int width, int x0, int y0, int size, (byte R, byte G, byte B) color)
    {
        for (var y = y0; y < y0 + size; y++)
        {
            for (var x = x0; x < x0 + size; x++)
            {
                Set(pixels, width, x, y, color);
            }
        }
    }

    private static void Set(byte[] pixels, int width, int x, int y, (byte R, byte G, byte B) color)
    {
        var offset = (y * width + x) * 3;
        if (x >= 0 && x < width && offset >= 0 && offset + 2 < pixels.Length)
        {
            pixels[offset] = color.R;
            pixels[offset + 1] = color.G;
            pixels[offset + 2] = color.B;
        }
    }

    private static byte Mix(int from, int to, double t) => (byte)Math.Round(from + (to - from) * t);

    private static byte[] Encode(byte[] pixels, int width, int height)
    {
        using var png = new MemoryStream();
        png.Write(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bits per channel
        header[9] = 2; // truecolour RGB; compression, filter and interlace stay 0
        Chunk(png, "IHDR", header);

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                zlib.WriteByte(0); // filter: none
                zlib.Write(pixels, y * width * 3, width * 3);
            }
        }

        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", Array.Empty<byte>());
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);

        var typed = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type).CopyTo(typed, 0);
        data.CopyTo(typed, 4);
        png.Write(typed);

        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
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
