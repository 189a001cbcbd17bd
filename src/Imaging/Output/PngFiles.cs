using System;
using System.IO;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing.Processors.Quantization;

namespace Segment.Imaging.Output;

/// <summary>
/// PNG files written beside the target and renamed over it (<see cref="Segment.IO.OutputFiles"/>), so an
/// interrupted run never leaves half an image. <see cref="SaveIndexed"/> writes class indices as an indexed (palette) PNG
/// whose pixel values are the indices, as VOC's SegmentationClass files are.
/// </summary>
public static class PngFiles
{
    /// <summary>
    /// The encoder of predict's maps: zlib level 1 with the Up filter. ImageSharp's default (level 6, a filter tried per
    /// row) is several times slower on a 512 x 512 probability map, on a core that a pipelined predict needs for
    /// inference (docs/onnx.md, measured with scripts/bench-engines.sh --predict); files are about 16% larger, still lossless.
    /// </summary>
    public static readonly PngEncoder Fast = new()
    {
        CompressionLevel = PngCompressionLevel.BestSpeed,
        FilterMethod = PngFilterMethod.Up,
    };

    /// <summary>Any image as PNG (grey stays 8-bit grey, RGBA keeps its alpha).</summary>
    public static void Save(Image image, string path)
    {
        if (image is null)
            throw new ArgumentNullException(nameof(image));
        Write(path, stream => image.SaveAsPng(stream));
    }

    /// <summary>Class indices (row-major, 255 = ignore) as an 8-bit palette PNG with the VOC colours.</summary>
    public static void SaveIndexed(byte[] classes, int width, int height, string path) =>
        Write(path, stream => WriteIndexed(classes, width, height, stream));

    /// <summary>The palette PNG of <see cref="SaveIndexed"/>, to a stream (for a set of files written together).</summary>
    public static void WriteIndexed(byte[] classes, int width, int height, Stream stream)
    {
        if (classes is null)
            throw new ArgumentNullException(nameof(classes));
        if (classes.Length != (long)width * height)
            throw new ArgumentException($"a {width}x{height} mask needs {(long)width * height} values, got {classes.Length}", nameof(classes));
        using var image = new Image<Rgb24>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < height; y++)
            {
                Span<Rgb24> row = rows.GetRowSpan(y);
                for (int x = 0; x < width; x++)
                    row[x] = VocPalette.ColorOf(classes[y * width + x]);
            }
        });
        // The full 256-entry VOC palette, no dithering: every colour maps back to its own index.
        var encoder = new PngEncoder
        {
            ColorType = PngColorType.Palette,
            BitDepth = PngBitDepth.Bit8,
            Quantizer = new PaletteQuantizer(VocPalette.AsColors(), new QuantizerOptions { Dither = null, MaxColors = 256 }),
            CompressionLevel = PngCompressionLevel.BestSpeed,
        };
        image.SaveAsPng(stream, encoder);
    }

    // Through Segment.IO.OutputFiles: atomic, never over a device or FIFO, errors naming the target.
    private static void Write(string path, Action<Stream> write) => Segment.IO.OutputFiles.Write(path, write);
}
