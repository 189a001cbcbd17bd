using System;
using System.IO;
using System.Runtime.InteropServices;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Segment.Imaging.Output;

/// <summary>
/// PNG files written beside the target and renamed over it (<see cref="Segment.IO.OutputFiles"/>), so an
/// interrupted run never leaves half an image, in <see cref="PngEncoding"/>'s layout. <see cref="SaveIndexed"/> writes
/// class indices as an indexed (palette) PNG whose pixel values are the indices, as VOC's SegmentationClass files are.
/// </summary>
public static class PngFiles
{
    /// <summary>An 8-bit grey, RGB or RGBA image as PNG (grey stays grey, RGBA keeps its alpha).</summary>
    public static void Save(Image image, string path)
    {
        ArgumentNullException.ThrowIfNull(image);
        Write(path, stream => WriteImage(image, stream));
    }

    /// <summary>The PNG of <see cref="Save"/>, to a stream (for a set of files written together).</summary>
    public static void WriteImage(Image image, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(image);
        switch (image)
        {
            case Image<L8> grey:
                PngEncoding.Write(stream, MemoryMarshal.AsBytes<L8>(Pixels(grey)), image.Width, image.Height, PngEncoding.ColorType.Grey);
                break;
            case Image<Rgb24> rgb:
                PngEncoding.Write(stream, MemoryMarshal.AsBytes<Rgb24>(Pixels(rgb)), image.Width, image.Height, PngEncoding.ColorType.Rgb);
                break;
            case Image<Rgba32> rgba:
                PngEncoding.Write(stream, MemoryMarshal.AsBytes<Rgba32>(Pixels(rgba)), image.Width, image.Height, PngEncoding.ColorType.Rgba);
                break;
            default:
                throw new ArgumentException($"PNG output takes 8-bit grey, RGB or RGBA images, not {image.PixelType.BitsPerPixel}-bit {image.GetType().Name}", nameof(image));
        }
    }

    /// <summary>Grey levels (row-major) as an 8-bit grey PNG, to a stream: predict's probability maps.</summary>
    public static void WriteGrey(byte[] levels, int width, int height, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(levels);
        PngEncoding.Write(stream, levels, width, height, PngEncoding.ColorType.Grey);
    }

    /// <summary>Class indices (row-major, 255 = ignore) as an 8-bit palette PNG with the VOC colours.</summary>
    public static void SaveIndexed(byte[] classes, int width, int height, string path) =>
        Write(path, stream => WriteIndexed(classes, width, height, stream));

    /// <summary>The palette PNG of <see cref="SaveIndexed"/>, to a stream: the indices as they are, with all 256 VOC colours.</summary>
    public static void WriteIndexed(byte[] classes, int width, int height, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(classes);
        if (classes.Length != (long)width * height)
            throw new ArgumentException($"a {width}x{height} mask needs {(long)width * height} values, got {classes.Length}", nameof(classes));
        PngEncoding.Write(stream, classes, width, height, PngEncoding.ColorType.Palette, VocPalette.Triples);
    }

    // The pixels row-major; an L8, Rgb24 or Rgba32 pixel is its bytes, so the array is the PNG's samples as they are.
    private static TPixel[] Pixels<TPixel>(Image<TPixel> image)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        var pixels = new TPixel[image.Width * image.Height];
        image.CopyPixelDataTo(pixels);
        return pixels;
    }

    // Through Segment.IO.OutputFiles: atomic, never over a device or FIFO, errors naming the target.
    private static void Write(string path, Action<Stream> write) => Segment.IO.OutputFiles.Write(path, write);
}
