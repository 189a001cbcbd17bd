using System;
using System.IO;
using Segment.Imaging.Output;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Segment.Imaging.Report;

/// <summary>
/// A sample's three pictures as PNG <c>data:</c> URIs, so the report is one file that can be
/// mailed or archived without its run folder. The image is drawn from its [0, 1] planes, grey
/// truths and probability maps as 8-bit grey (<see cref="PredictionImages.ProbabilityMap"/>, as
/// prediction writes them), class masks in <see cref="VocPalette"/> colours (as
/// <see cref="PngFiles.SaveIndexed"/> writes them).
/// </summary>
internal static class SampleImages
{
    public const string PngPrefix = "data:image/png;base64,";

    public static string Image(RgbImage image)
    {
        int w = image.Width, plane = w * image.Height;
        float[] p = image.Pixels;
        using var png = new Image<Rgb24>(w, image.Height);
        png.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                Span<Rgb24> row = rows.GetRowSpan(y);
                for (int x = 0; x < w; x++)
                {
                    int i = y * w + x;
                    row[x] = new Rgb24(ToByte(p[i]), ToByte(p[plane + i]), ToByte(p[2 * plane + i]));
                }
            }
        });
        return DataUri(png);
    }

    public static string Grey(LabelMask levels)
    {
        using var png = new Image<L8>(levels.Width, levels.Height);
        png.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                Span<L8> row = rows.GetRowSpan(y);
                for (int x = 0; x < levels.Width; x++)
                    row[x] = new L8(levels.Values[y * levels.Width + x]);
            }
        });
        return DataUri(png);
    }

    public static string Probability(float[] probability, int width, int height)
    {
        using Image<L8> png = PredictionImages.ProbabilityMap(probability, width, height);
        return DataUri(png);
    }

    public static string Classes(LabelMask classes)
    {
        using var png = new Image<Rgb24>(classes.Width, classes.Height);
        png.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                Span<Rgb24> row = rows.GetRowSpan(y);
                for (int x = 0; x < classes.Width; x++)
                    row[x] = VocPalette.ColorOf(classes.Values[y * classes.Width + x]);
            }
        });
        return DataUri(png);
    }

    private static string DataUri(Image image)
    {
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return PngPrefix + Convert.ToBase64String(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static byte ToByte(float v01) =>
        float.IsNaN(v01) ? (byte)0 : (byte)Math.Round(Math.Clamp(v01, 0f, 1f) * 255f, MidpointRounding.AwayFromZero);
}
