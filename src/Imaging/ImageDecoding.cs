using System;
using System.Collections.Generic;
using System.IO;
using Segment.IO;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.PixelFormats;

namespace Segment.Imaging;

/// <summary>
/// Decoding with ImageSharp 2.1.13 (JPEG, PNG, GIF, TIFF, BMP; the first frame of a multi-frame
/// file, and only that frame is decoded) to <see cref="RgbImage"/> and byte masks. A file that is
/// missing, is not a regular file (a FIFO, a device, a link to one), declares more pixels than
/// <see cref="ImageLimits.MaxPixels"/> or does not decode throws one <see cref="DataFileException"/>
/// naming it, before its pixels are decoded.
/// </summary>
public static class ImageDecoding
{
    /// <summary>The file as RGB in [0, 1] (a grey or palette image is expanded, alpha dropped).</summary>
    public static RgbImage ReadRgb(string path)
    {
        using Image<Rgb24> image = Load<Rgb24>(path);
        var pixels = new Rgb24[image.Width * image.Height];
        image.CopyPixelDataTo(pixels);
        return FromRgb24(pixels, image.Width, image.Height);
    }

    /// <summary>The file's grey levels (ImageSharp's luminance for colour files): DUTS masks, DRIVE's GIFs.</summary>
    public static LabelMask ReadGray(string path)
    {
        using Image<L8> image = Load<L8>(path);
        var pixels = new L8[image.Width * image.Height];
        image.CopyPixelDataTo(pixels);
        var values = new byte[pixels.Length];
        for (int i = 0; i < values.Length; i++)
            values[i] = pixels[i].PackedValue;
        return new LabelMask(image.Width, image.Height, values);
    }

    /// <summary>
    /// Class indices: an indexed PNG gives its palette indices (each decoded colour mapped back
    /// through the file's PLTE; where a colour repeats, the lowest index), any other file its
    /// grey levels.
    /// </summary>
    public static LabelMask ReadLabels(string path)
    {
        byte[] bytes = ReadBytes(path);
        if (!PngChunks.TryRead(bytes, out byte colorType, out byte[] palette) || colorType != PngChunks.IndexedColorType)
            return ReadGray(path);
        var indexOf = new Dictionary<int, byte>();
        for (int i = palette.Length / 3 - 1; i >= 0; i--)
            indexOf[Rgb(palette[3 * i], palette[3 * i + 1], palette[3 * i + 2])] = (byte)i;
        using Image<Rgb24> image = Decode<Rgb24>(bytes, path);
        var pixels = new Rgb24[image.Width * image.Height];
        image.CopyPixelDataTo(pixels);
        var values = new byte[pixels.Length];
        for (int i = 0; i < pixels.Length; i++)
        {
            Rgb24 p = pixels[i];
            if (!indexOf.TryGetValue(Rgb(p.R, p.G, p.B), out values[i]))
                throw new DataFileException(path, $"pixel ({i % image.Width}, {i / image.Width}) has colour ({p.R}, {p.G}, {p.B}), which is not in the file's palette");
        }
        return new LabelMask(image.Width, image.Height, values);
    }

    /// <summary>Width and height from the header, without decoding the pixels.</summary>
    public static (int Width, int Height) ReadSize(string path) => Identify(ReadBytes(path), path);

    internal static RgbImage FromRgb24(Rgb24[] pixels, int width, int height)
    {
        int plane = width * height;
        var planes = new float[3 * plane];
        for (int i = 0; i < plane; i++)
        {
            planes[i] = pixels[i].R / 255f;
            planes[plane + i] = pixels[i].G / 255f;
            planes[2 * plane + i] = pixels[i].B / 255f;
        }
        return new RgbImage(width, height, planes);
    }

    private static int Rgb(byte r, byte g, byte b) => (r << 16) | (g << 8) | b;

    private static Image<TPixel> Load<TPixel>(string path) where TPixel : unmanaged, IPixel<TPixel> =>
        Decode<TPixel>(ReadBytes(path), path);

    private static Image<TPixel> Decode<TPixel>(byte[] bytes, string path) where TPixel : unmanaged, IPixel<TPixel>
    {
        (int width, int height) = Identify(bytes, path);
        ImageLimits.Check(path, width, height);
        try
        {
            return Image.Load<TPixel>(FirstFrameOnly, bytes);
        }
        catch (Exception e) when (IsDecodeFailure(e))
        {
            throw Undecodable(path, e);
        }
    }

    // The header's size, read without decoding a pixel.
    private static (int Width, int Height) Identify(byte[] bytes, string path)
    {
        try
        {
            IImageInfo? info = Image.Identify(FirstFrameOnly, bytes, out _);
            return info is null ? throw new DataFileException(path, "does not decode as an image (JPEG, PNG, GIF, TIFF, BMP): its header is none of them") : (info.Width, info.Height);
        }
        catch (Exception e) when (IsDecodeFailure(e))
        {
            throw Undecodable(path, e);
        }
    }

    // ImageSharp 2.1 decodes every frame of a GIF or TIFF by default: a file of many large frames would decode
    // them all to use the first. These decoders stop after it.
    private static readonly Configuration FirstFrameOnly = CreateFirstFrameConfiguration();

    private static Configuration CreateFirstFrameConfiguration()
    {
        Configuration configuration = Configuration.Default.Clone();
        configuration.ImageFormatsManager.SetDecoder(GifFormat.Instance, new GifDecoder { DecodingMode = FrameDecodingMode.First });
        configuration.ImageFormatsManager.SetDecoder(TiffFormat.Instance, new TiffDecoder { DecodingMode = FrameDecodingMode.First });
        return configuration;
    }

    // Only a regular file is read (a FIFO would block forever, /dev/zero fill memory), and only one that could
    // be an image within the pixel bound: a file larger than that is refused before it is read.
    private static byte[] ReadBytes(string path)
    {
        try
        {
            if (InputFiles.Problem(path) is { } problem)
                throw new DataFileException(path, problem);
            long length = new FileInfo(path).Length;
            long maxBytes = ImageLimits.MaxPixels > (Array.MaxLength - ImageLimits.FileSlackBytes) / ImageLimits.MaxFileBytesPerPixel
                ? Array.MaxLength
                : ImageLimits.MaxPixels * ImageLimits.MaxFileBytesPerPixel + ImageLimits.FileSlackBytes;
            if (length > maxBytes)
                throw new DataFileException(path, $"file is {length:N0} bytes, more than an image within the pixel bound can hold ({maxBytes:N0}; {ImageLimits.MaxPixelsVariable} raises it)");
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException(path, "cannot be read (" + e.Message + ")", e);
        }
    }

    private static bool IsDecodeFailure(Exception e) =>
        e is UnknownImageFormatException or InvalidImageContentException or ImageFormatException or NotSupportedException or IOException;

    private static DataFileException Undecodable(string path, Exception e) =>
        new(path, "does not decode as an image (JPEG, PNG, GIF, TIFF, BMP): " + e.Message, e);
}
