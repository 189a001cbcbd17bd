using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace Segment.Data.Tests;

/// <summary>
/// Generates small image files whose headers declare far more pixels than they hold: a PNG of any bit depth and
/// colour type with a few deflated rows, a baseline JPEG header, a GIF screen and frame, a BMP header. Each is a
/// few hundred bytes whatever size it declares, so a decoder that trusts the header allocates gigabytes.
/// </summary>
public static class HostileImages
{
    public enum Kind { Png1Bit, PngRgba16, PngPalette, Jpeg, Gif, Bmp }

    public static string Extension(Kind kind) => kind switch
    {
        Kind.Jpeg => ".jpg",
        Kind.Gif => ".gif",
        Kind.Bmp => ".bmp",
        _ => ".png",
    };

    /// <summary>Writes a file of <paramref name="kind"/> declaring width x height; returns its path.</summary>
    public static string Write(string path, Kind kind, int width, int height)
    {
        byte[] bytes = kind switch
        {
            Kind.Png1Bit => Png(width, height, bitDepth: 1, colorType: 0),
            Kind.PngRgba16 => Png(width, height, bitDepth: 16, colorType: 6),
            Kind.PngPalette => Png(width, height, bitDepth: 8, colorType: 3),
            Kind.Jpeg => Jpeg(Math.Min(width, 65535), Math.Min(height, 65535)),
            Kind.Gif => Gif(Math.Min(width, 65535), Math.Min(height, 65535)),
            _ => Bmp(width, height),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Png(int width, int height, byte bitDepth, byte colorType)
    {
        int channels = colorType switch { 2 => 3, 4 => 2, 6 => 4, _ => 1 };
        long row = 1 + ((long)width * channels * bitDepth + 7) / 8;
        var raw = new MemoryStream();
        using (var z = new ZLibStream(raw, CompressionLevel.SmallestSize, leaveOpen: true))
            z.Write(new byte[row * Math.Min(4, height)]);
        var file = new MemoryStream();
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = bitDepth;
        ihdr[9] = colorType;
        Chunk(file, "IHDR", ihdr);
        if (colorType == 3)
            Chunk(file, "PLTE", [0, 0, 0, 255, 255, 255]);
        Chunk(file, "IDAT", raw.ToArray());
        Chunk(file, "IEND", []);
        return file.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        s.Write(word);
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        s.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typed));
        s.Write(word);
    }

    private static uint Crc32(byte[] data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return ~crc;
    }

    private static byte[] Jpeg(int width, int height)
    {
        var s = new MemoryStream();
        s.Write([0xFF, 0xD8]);
        s.Write([0xFF, 0xDB, 0, 67, 0]);
        for (int i = 0; i < 64; i++) s.WriteByte(1);
        s.Write([0xFF, 0xC0, 0, 11, 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 1, 1, 0x11, 0]);
        foreach (byte table in new byte[] { 0x00, 0x10 })
        {
            s.Write([0xFF, 0xC4, 0, 20, table, 1]);
            s.Write(new byte[15]);
            s.WriteByte(0);
        }
        s.Write([0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 0x3F, 0]);
        s.Write(new byte[64]);
        s.Write([0xFF, 0xD9]);
        return s.ToArray();
    }

    private static byte[] Gif(int width, int height)
    {
        var s = new MemoryStream();
        s.Write("GIF89a"u8);
        s.Write([(byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0x80, 0, 0, 0, 0, 0, 255, 255, 255]);
        s.Write([(byte)',', 0, 0, 0, 0, (byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0]);
        s.Write([2, 2, 0x4C, 1, 0, (byte)';']);
        return s.ToArray();
    }

    private static byte[] Bmp(int width, int height)
    {
        var b = new byte[54 + 64];
        b[0] = (byte)'B';
        b[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(2), b.Length);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(28), 24);
        return b;
    }
}
