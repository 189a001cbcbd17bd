using System.IO;
using Segment.TestSupport;

namespace Segment.Data.Tests;

/// <summary>Each layout as a tiny tree in a fresh temp folder; the tests break one file at a time.</summary>
internal static class TinyDatasets
{
    public const int W = 6, H = 4;

    /// <summary>VOC's class at (x, y): a 1-pixel 255 border around classes 0..2 in vertical bands.</summary>
    public static byte VocClass(int x, int y) =>
        x == 0 || y == 0 || x == W - 1 || y == H - 1 ? (byte)255 : (byte)(x % 3);

    /// <summary>DRIVE's vessels: the third column.</summary>
    public static bool Vessel(int x, int y) => x == 2;

    /// <summary>DRIVE's field of view: everything but the top row.</summary>
    public static bool InsideFieldOfView(int x, int y) => y > 0;

    /// <summary>DUTS's mask grey level: a ramp, so every value must survive as it is.</summary>
    public static byte Saliency(int x, int y) => (byte)(40 * x + y);

    /// <summary>root/DUTS-TR/DUTS-TR-{Image,Mask} and root/DUTS-TE/... with <paramref name="count"/> pairs each.</summary>
    public static string Duts(int count = 2)
    {
        string root = RepoPaths.NewTempDirectory("duts");
        foreach (string set in new[] { "DUTS-TR", "DUTS-TE" })
            for (int i = 0; i < count; i++)
            {
                string stem = $"{set}_{i:D3}";
                TinyFiles.Jpeg(Path.Combine(root, set, set + "-Image", stem + ".jpg"), W, H);
                using var mask = TinyFiles.Gray(W, H, Saliency);
                TinyFiles.Png(Path.Combine(root, set, set + "-Mask", stem + ".png"), mask);
            }
        return root;
    }

    /// <summary>root/images/*.png + root/masks/*.png (lossless images, so the pixels can be checked exactly).</summary>
    public static string Folder(int count = 3)
    {
        string root = RepoPaths.NewTempDirectory("folder");
        for (int i = 0; i < count; i++)
        {
            using var image = TinyFiles.Rgb(W, H);
            TinyFiles.Png(Path.Combine(root, "images", $"s{i}.png"), image);
            using var mask = TinyFiles.Gray(W, H, (x, y) => (byte)((x + i) % 2));
            TinyFiles.Png(Path.Combine(root, "masks", $"s{i}.png"), mask);
        }
        return root;
    }

    /// <summary>root/DRIVE/{training,test}/ with images/*.tif, 1st_manual/*_manual1.gif, mask/*_mask.gif.</summary>
    public static string Drive(int count = 2)
    {
        string root = RepoPaths.NewTempDirectory("drive");
        foreach (var (flag, first) in new[] { ("training", 21), ("test", 1) })
            for (int n = first; n < first + count; n++)
            {
                string set = Path.Combine(root, "DRIVE", flag), id = n.ToString("D2");
                TinyFiles.Tiff(Path.Combine(set, "images", $"{id}_{flag}.tif"), W, H);
                TinyFiles.Gif(Path.Combine(set, "1st_manual", $"{id}_manual1.gif"), W, H, Vessel);
                TinyFiles.Gif(Path.Combine(set, "mask", $"{id}_{flag}_mask.gif"), W, H, InsideFieldOfView);
            }
        return root;
    }

    /// <summary>root/VOCdevkit/VOC2012 with 3 ids: a and b in train.txt, c in val.txt.</summary>
    public static string Voc()
    {
        string root = RepoPaths.NewTempDirectory("voc");
        string year = Path.Combine(root, "VOCdevkit", "VOC2012");
        foreach (string id in new[] { "2007_000032", "2007_000033", "2007_000039" })
        {
            TinyFiles.Jpeg(Path.Combine(year, "JPEGImages", id + ".jpg"), W, H);
            TinyFiles.PalettePng(Path.Combine(year, "SegmentationClass", id + ".png"), W, H, VocClass);
        }
        TinyFiles.Text(Path.Combine(year, "ImageSets", "Segmentation", "train.txt"), "2007_000032", "2007_000033", "");
        TinyFiles.Text(Path.Combine(year, "ImageSets", "Segmentation", "val.txt"), "2007_000039");
        return root;
    }

    public static string VocYear(string root) => Path.Combine(root, "VOCdevkit", "VOC2012");
}
