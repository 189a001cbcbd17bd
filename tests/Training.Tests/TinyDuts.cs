using System.IO;
using Segment.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Segment.Training.Tests;

/// <summary>
/// A DUTS tree in a temp folder (DUTS-TR / DUTS-TE, JPEG images with PNG masks): bright discs on a
/// textured background, each sample its own centre and radius, the validation images in sizes other than
/// the network's input, so evaluation runs at each ground truth's own resolution.
/// </summary>
internal static class TinyDuts
{
    public static string Write(int train, int val, int trainSize, (int W, int H)[] valSizes)
    {
        string root = RepoPaths.NewTempDirectory("train-duts");
        for (int i = 0; i < train; i++)
            Pair(root, "DUTS-TR", i, trainSize, trainSize);
        for (int i = 0; i < val; i++)
            Pair(root, "DUTS-TE", i, valSizes[i % valSizes.Length].W, valSizes[i % valSizes.Length].H);
        return root;
    }

    private static void Pair(string root, string set, int i, int w, int h)
    {
        var random = new System.Random(1000 * (set == "DUTS-TR" ? 1 : 2) + i);
        double cx = w * (0.3 + 0.4 * random.NextDouble()), cy = h * (0.3 + 0.4 * random.NextDouble());
        double r = System.Math.Min(w, h) * (0.15 + 0.15 * random.NextDouble());
        using var image = new Image<Rgb24>(w, h);
        using var mask = new Image<L8>(w, h);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                bool inside = (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r;
                byte noise = (byte)random.Next(0, 60);
                image[x, y] = inside ? new Rgb24(220, (byte)(180 + noise / 2), 60) : new Rgb24((byte)(20 + noise), (byte)(40 + noise), (byte)(90 + noise));
                mask[x, y] = new L8(inside ? (byte)255 : (byte)0);
            }
        string stem = $"{set}_{i:D3}";
        string images = Path.Combine(root, set, set + "-Image"), masks = Path.Combine(root, set, set + "-Mask");
        Directory.CreateDirectory(images);
        Directory.CreateDirectory(masks);
        image.SaveAsJpeg(Path.Combine(images, stem + ".jpg"));
        mask.SaveAsPng(Path.Combine(masks, stem + ".png"));
    }
}
