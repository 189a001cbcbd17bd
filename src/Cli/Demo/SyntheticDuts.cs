using System;
using System.IO;
using Segment.IO;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace Segment.Cli.Demo;

/// <summary>
/// A small salient-object dataset written as files in the DUTS layout, so the main job exercises the same
/// loader, layout checks and decoders as a real DUTS download: DUTS-TR/DUTS-TR-Image/*.jpg with
/// DUTS-TR/DUTS-TR-Mask/*.png, and DUTS-TE likewise. Each image is one shape (ellipse, rectangle or triangle,
/// rotated) with a soft edge, in a colour of its own, on a textured background (low-frequency waves and
/// stripes in other colours, plus noise); the mask is the shape's soft coverage as 8-bit grey. Everything
/// follows from the seed, so a run is reproducible.
/// </summary>
public static class SyntheticDuts
{
    /// <summary>The set <c>validation</c> images go to: a third DUTS-style set the layout reads when named as the root.</summary>
    public const string ValidationSet = "DUTS-VAL";

    /// <summary>
    /// Writes <paramref name="train"/> and <paramref name="test"/> image/mask pairs of <paramref name="size"/> x <paramref name="size"/> under
    /// <paramref name="root"/>, and <paramref name="validation"/> more in <see cref="ValidationSet"/> (drawn after the others, so they stay the same).
    /// </summary>
    public static void Write(string root, int train, int test, int size, int seed, int validation = 0)
    {
        var random = new Random(seed);
        WriteSet(Path.Combine(root, "DUTS-TR"), "DUTS-TR", train, size, random);
        WriteSet(Path.Combine(root, "DUTS-TE"), "DUTS-TE", test, size, random);
        if (validation > 0)
            WriteSet(Path.Combine(root, ValidationSet), ValidationSet, validation, size, random);
    }

    private static void WriteSet(string folder, string name, int count, int size, Random random)
    {
        string images = Path.Combine(folder, name + "-Image"), masks = Path.Combine(folder, name + "-Mask");
        Directory.CreateDirectory(images);
        Directory.CreateDirectory(masks);
        for (int i = 0; i < count; i++)
        {
            (Image<Rgb24> image, Image<L8> mask) = Sample(random, size);
            string stem = $"synthetic_{i:D4}";
            using (image)
                OutputFiles.Write(Path.Combine(images, stem + ".jpg"), s => image.SaveAsJpeg(s, new JpegEncoder { Quality = 92 }));
            using (mask)
                OutputFiles.Write(Path.Combine(masks, stem + ".png"), s => mask.SaveAsPng(s));
        }
    }

    private static (Image<Rgb24>, Image<L8>) Sample(Random random, int size)
    {
        // Background: two colours mixed by a low-frequency wave, with stripes; the shape gets a third colour far from both.
        var a = RandomColor(random);
        var b = RandomColor(random);
        var fg = Far(random, a, b);
        double fx = 1 + random.NextDouble() * 3, fy = 1 + random.NextDouble() * 3, phase = random.NextDouble() * Math.PI * 2;
        double stripeAngle = random.NextDouble() * Math.PI, stripeFreq = 6 + random.NextDouble() * 10;

        int kind = random.Next(3);
        double cx = size * (0.3 + 0.4 * random.NextDouble()), cy = size * (0.3 + 0.4 * random.NextDouble());
        double rx = size * (0.12 + 0.18 * random.NextDouble()), ry = size * (0.12 + 0.18 * random.NextDouble());
        double angle = random.NextDouble() * Math.PI, edge = 0.8 + 1.5 * random.NextDouble();

        var image = new Image<Rgb24>(size, size);
        var mask = new Image<L8>(size, size);
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                double u = (double)x / size, v = (double)y / size;
                double wave = 0.5 + 0.5 * Math.Sin(2 * Math.PI * (fx * u + fy * v) + phase);
                double stripe = 0.5 + 0.5 * Math.Sin(stripeFreq * 2 * Math.PI * (u * Math.Cos(stripeAngle) + v * Math.Sin(stripeAngle)));
                double t = 0.7 * wave + 0.3 * stripe;
                double coverage = Coverage(kind, x + 0.5 - cx, y + 0.5 - cy, rx, ry, angle, edge);
                double noise = (random.NextDouble() - 0.5) * 0.08;
                image[x, y] = new Rgb24(
                    Channel(Mix(Mix(a.R, b.R, t), fg.R, coverage) + noise),
                    Channel(Mix(Mix(a.G, b.G, t), fg.G, coverage) + noise),
                    Channel(Mix(Mix(a.B, b.B, t), fg.B, coverage) + noise));
                mask[x, y] = new L8(Channel(coverage));
            }
        }
        return (image, mask);
    }

    // Soft coverage in [0, 1]: a logistic of the signed distance (in pixels) to the shape's edge.
    private static double Coverage(int kind, double dx, double dy, double rx, double ry, double angle, double edge)
    {
        double c = Math.Cos(angle), s = Math.Sin(angle);
        double x = c * dx + s * dy, y = -s * dx + c * dy;
        double inside = kind switch
        {
            0 => (1 - Math.Sqrt(x * x / (rx * rx) + y * y / (ry * ry))) * Math.Min(rx, ry),   // ellipse
            1 => Math.Min(rx - Math.Abs(x), ry - Math.Abs(y)),                                // rectangle
            _ => Math.Min(ry - y, Math.Min(y + ry - 2 * ry * Math.Abs(x) / rx, ry)) * 0.7,     // triangle
        };
        return 1 / (1 + Math.Exp(-inside / edge));
    }

    private static (double R, double G, double B) RandomColor(Random random) => (random.NextDouble(), random.NextDouble(), random.NextDouble());

    // The candidate colour farthest from both background colours, of a few tries.
    private static (double R, double G, double B) Far(Random random, (double R, double G, double B) a, (double R, double G, double B) b)
    {
        var best = RandomColor(random);
        double bestDistance = -1;
        for (int i = 0; i < 8; i++)
        {
            var candidate = RandomColor(random);
            double d = Math.Min(Distance(candidate, a), Distance(candidate, b));
            if (d > bestDistance)
                (best, bestDistance) = (candidate, d);
        }
        return best;
    }

    private static double Distance((double R, double G, double B) p, (double R, double G, double B) q) =>
        Math.Sqrt((p.R - q.R) * (p.R - q.R) + (p.G - q.G) * (p.G - q.G) + (p.B - q.B) * (p.B - q.B));

    private static double Mix(double p, double q, double t) => p + (q - p) * t;

    private static byte Channel(double value) => (byte)Math.Clamp(Math.Round(value * 255), 0, 255);
}
