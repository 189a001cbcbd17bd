using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace Segment.Imaging.Output;

/// <summary>
/// PNG's byte layout for the 8-bit images prediction writes (grey, RGB, RGBA, palette): the signature, IHDR, PLTE
/// for a palette, one IDAT and IEND, each chunk with its CRC-32. Every row carries PNG's Up filter (the difference
/// to the row above), and the rows are deflated by .NET's zlib (System.IO.Compression, native) at level 2.
/// <para>
/// Why not ImageSharp's encoder: on a 512 x 512 probability map its managed deflate took 2.3 times as long at its
/// fastest level (and wrote a larger file) and 13 times as long at its default, and predict's writing shares the cores
/// with inference (benchmarks/Imaging.Benchmarks prints the times and sizes; docs/onnx.md).
/// </para>
/// </summary>
public static class PngEncoding
{
    /// <summary>The IHDR colour types written (all at 8 bits per sample).</summary>
    public enum ColorType : byte
    {
        Grey = 0,
        Rgb = 2,
        Palette = 3,
        Rgba = 6,
    }

    /// <summary>zlib's level: from 2 on, zlib stops using its quick strategy, whose files are over half as large again; higher levels gain little more.</summary>
    public const int DeflateLevel = 2;

    private const byte UpFilter = 2;

    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Writes <paramref name="pixels"/> (row-major, samples interleaved) as a PNG.</summary>
    /// <param name="stream">Where the file's bytes go.</param>
    /// <param name="pixels">height x width x the colour type's samples per pixel bytes.</param>
    /// <param name="width">Pixels per row.</param>
    /// <param name="height">Rows.</param>
    /// <param name="colorType">How the samples are read.</param>
    /// <param name="palette">For <see cref="ColorType.Palette"/>: RGB triples, 1 to 256 of them; empty otherwise.</param>
    public static void Write(Stream stream, ReadOnlySpan<byte> pixels, int width, int height, ColorType colorType, ReadOnlySpan<byte> palette = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        int channels = colorType switch
        {
            ColorType.Grey or ColorType.Palette => 1,
            ColorType.Rgb => 3,
            ColorType.Rgba => 4,
            _ => throw new ArgumentOutOfRangeException(nameof(colorType), colorType, "grey, RGB, palette or RGBA"),
        };
        long rowBytes = (long)width * channels;
        if (pixels.Length != rowBytes * height)
            throw new ArgumentException($"a {width}x{height} {colorType} image needs {rowBytes * height} bytes, got {pixels.Length}", nameof(pixels));
        if (colorType == ColorType.Palette ? palette.Length is 0 or > 768 || palette.Length % 3 != 0 : !palette.IsEmpty)
            throw new ArgumentException($"a palette is 1 to 256 RGB triples, for a palette image only; got {palette.Length} bytes for {colorType}", nameof(palette));

        stream.Write(Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;                 // bits per sample
        header[9] = (byte)colorType;
        header[10] = 0;                // deflate
        header[11] = 0;                // adaptive filtering (each row names its filter)
        header[12] = 0;                // not interlaced
        WriteChunk(stream, "IHDR"u8, header);
        if (colorType == ColorType.Palette)
            WriteChunk(stream, "PLTE"u8, palette);
        WriteChunk(stream, "IDAT"u8, Deflate(pixels, (int)rowBytes, height));
        WriteChunk(stream, "IEND"u8, []);
    }

    // The zlib stream of the filtered rows: each row is its filter byte, then each byte minus the one above it (the row above the first is zeros).
    private static ReadOnlySpan<byte> Deflate(ReadOnlySpan<byte> pixels, int rowBytes, int height)
    {
        var compressed = new MemoryStream(pixels.Length / 4 + 64);
        using (var zlib = new ZLibStream(compressed, new ZLibCompressionOptions { CompressionLevel = DeflateLevel }, leaveOpen: true))
        {
            var filtered = new byte[rowBytes + 1];
            filtered[0] = UpFilter;
            pixels[..rowBytes].CopyTo(filtered.AsSpan(1));
            zlib.Write(filtered);
            for (int y = 1; y < height; y++)
            {
                ReadOnlySpan<byte> above = pixels.Slice((y - 1) * rowBytes, rowBytes), row = pixels.Slice(y * rowBytes, rowBytes);
                for (int x = 0; x < rowBytes; x++)
                    filtered[x + 1] = (byte)(row[x] - above[x]);
                zlib.Write(filtered);
            }
        }
        return compressed.GetBuffer().AsSpan(0, (int)compressed.Length);
    }

    private static void WriteChunk(Stream stream, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        stream.Write(word);
        stream.Write(type);
        stream.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Segment.IO.Crc32.Compute(type, data));
        stream.Write(word);
    }
}
