using System;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Segment.Imaging.Output;

/// <summary>
/// What prediction writes, one image per input at the input's original size (callers resize the
/// network's map back first, <see cref="Resizing.Bilinear"/> for probabilities): an 8-bit
/// probability map for one class, class indices for several (saved with
/// <see cref="PngFiles.SaveIndexed"/>), a cutout whose alpha is the mask, and an overlay of the
/// mask over the image.
/// </summary>
public static class PredictionImages
{
    /// <summary>Probabilities in [0, 1], row-major, to grey levels <c>round(p * 255)</c> (clamped).</summary>
    public static Image<L8> ProbabilityMap(float[] probabilities, int width, int height)
    {
        CheckLength(probabilities, width, height, nameof(probabilities));
        return Image.LoadPixelData<L8>(GreyLevels(probabilities), width, height);
    }

    /// <summary>The grey levels of <see cref="ProbabilityMap"/>, as bytes (what predict writes, <see cref="PngFiles.WriteGrey"/>).</summary>
    public static byte[] GreyLevels(float[] probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        var levels = new byte[probabilities.Length];
        for (int i = 0; i < levels.Length; i++)
            levels[i] = ToByte(probabilities[i]);
        return levels;
    }

    /// <summary>
    /// The image with alpha = the foreground probability (<c>round(p * 255)</c>): the salient
    /// object cut out of its background.
    /// </summary>
    public static Image<Rgba32> Cutout(RgbImage original, float[] foreground)
    {
        if (original is null)
            throw new ArgumentNullException(nameof(original));
        CheckLength(foreground, original.Width, original.Height, nameof(foreground));
        int w = original.Width, plane = w * original.Height;
        float[] p = original.Pixels;
        var image = new Image<Rgba32>(w, original.Height);
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                Span<Rgba32> row = rows.GetRowSpan(y);
                for (int x = 0; x < w; x++)
                {
                    int i = y * w + x;
                    row[x] = new Rgba32(ToByte(p[i]), ToByte(p[plane + i]), ToByte(p[2 * plane + i]), ToByte(foreground[i]));
                }
            }
        });
        return image;
    }

    /// <summary>
    /// The image with each pixel of a class other than 0 blended with that class's VOC colour
    /// (<paramref name="opacity"/> of the colour); background and ignored pixels stay as they are.
    /// </summary>
    public static Image<Rgb24> Overlay(RgbImage original, byte[] classes, float opacity = 0.5f)
    {
        if (original is null)
            throw new ArgumentNullException(nameof(original));
        CheckLength(classes, original.Width, original.Height, nameof(classes));
        if (!(opacity >= 0 && opacity <= 1))
            throw new ArgumentOutOfRangeException(nameof(opacity), opacity, "opacity is a fraction in [0, 1]");
        int w = original.Width, plane = w * original.Height;
        float[] p = original.Pixels;
        var image = new Image<Rgb24>(w, original.Height);
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                Span<Rgb24> row = rows.GetRowSpan(y);
                for (int x = 0; x < w; x++)
                {
                    int i = y * w + x;
                    byte k = classes[i];
                    float a = k == 0 || k == LabelMask.Ignore ? 0f : opacity;
                    Rgb24 c = VocPalette.ColorOf(k);
                    row[x] = new Rgb24(Blend(p[i], c.R, a), Blend(p[plane + i], c.G, a), Blend(p[2 * plane + i], c.B, a));
                }
            }
        });
        return image;
    }

    /// <summary>A foreground probability map as class indices (1 where p &gt; <paramref name="threshold"/>), for <see cref="Overlay"/>.</summary>
    public static byte[] Threshold(float[] probabilities, float threshold = 0.5f)
    {
        if (probabilities is null)
            throw new ArgumentNullException(nameof(probabilities));
        var classes = new byte[probabilities.Length];
        for (int i = 0; i < classes.Length; i++)
            classes[i] = probabilities[i] > threshold ? (byte)1 : (byte)0;
        return classes;
    }

    private static byte Blend(float image01, byte color, float alpha) =>
        ToByte(image01 * (1 - alpha) + color / 255f * alpha);

    private static byte ToByte(float v01) => (byte)Math.Round(Math.Clamp(v01, 0f, 1f) * 255f, MidpointRounding.AwayFromZero);

    private static void CheckLength(Array values, int width, int height, string name)
    {
        if (values is null)
            throw new ArgumentNullException(name);
        if (values.Length != (long)width * height)
            throw new ArgumentException($"a {width}x{height} image needs {(long)width * height} values, got {values.Length}", name);
    }
}
