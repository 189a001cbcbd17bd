using System;
using System.IO;
using Segment.Imaging.Output;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.PixelFormats;

namespace Segment.Data.Tests;

/// <summary>
/// Tiny image and mask files in the formats the layouts use, written with ImageSharp's encoders
/// (TIFF and GIF for DRIVE, an indexed PNG for VOC), with pixel values a test can predict.
/// </summary>
internal static class TinyFiles
{
    /// <summary>A colour image whose pixel (x, y) is (10x + 1, 20y + 2, 7(x + y) + 3), clamped to 255.</summary>
    public static Rgb24 ColorAt(int x, int y) =>
        new((byte)Math.Min(255, 10 * x + 1), (byte)Math.Min(255, 20 * y + 2), (byte)Math.Min(255, 7 * (x + y) + 3));

    public static Image<Rgb24> Rgb(int width, int height)
    {
        var image = new Image<Rgb24>(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                image[x, y] = ColorAt(x, y);
        return image;
    }

    public static Image<L8> Gray(int width, int height, Func<int, int, byte> value)
    {
        var image = new Image<L8>(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                image[x, y] = new L8(value(x, y));
        return image;
    }

    public static string Jpeg(string path, int width, int height)
    {
        using Image<Rgb24> image = Rgb(width, height);
        image.Save(Prepared(path), new JpegEncoder { Quality = 100 });
        return path;
    }

    public static string Png(string path, Image image)
    {
        image.SaveAsPng(Prepared(path));
        return path;
    }

    public static string Tiff(string path, int width, int height)
    {
        using Image<Rgb24> image = Rgb(width, height);
        image.Save(Prepared(path), new TiffEncoder());
        return path;
    }

    /// <summary>A black-and-white GIF (DRIVE's manual and field-of-view files): 255 where <paramref name="on"/>.</summary>
    public static string Gif(string path, int width, int height, Func<int, int, bool> on)
    {
        using Image<L8> image = Gray(width, height, (x, y) => on(x, y) ? (byte)255 : (byte)0);
        image.Save(Prepared(path), new GifEncoder());
        return path;
    }

    /// <summary>Class indices as VOC stores them: an indexed PNG (the library's own writer).</summary>
    public static string PalettePng(string path, int width, int height, Func<int, int, byte> index)
    {
        var values = new byte[width * height];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                values[y * width + x] = index(x, y);
        PngFiles.SaveIndexed(values, width, height, Prepared(path));
        return path;
    }

    public static string Text(string path, params string[] lines)
    {
        File.WriteAllLines(Prepared(path), lines);
        return path;
    }

    private static string Prepared(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
