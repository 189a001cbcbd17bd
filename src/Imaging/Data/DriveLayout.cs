using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Segment.Imaging.Data;

/// <summary>
/// DRIVE (seed 004's DriveDataset): <c>{training|test}/images/{n}_{training|test}.tif</c>, the
/// vessels <c>1st_manual/{n}_manual1.gif</c> and the field of view
/// <c>mask/{n}_{training|test}_mask.gif</c>. The root is the folder holding training/ and test/
/// (or its parent holding DRIVE/), or one split folder itself (then the split is whichever it is, as for DUTS).
/// </summary>
internal static class DriveLayout
{
    public static List<SamplePaths> Find(string root, string split)
    {
        StemPairing.RequireDirectory(root);
        string flag = Splits.IsTrain(split) ? "training" : Splits.IsHeldOut(split) ? "test" : throw Splits.Unknown(split, "drive");
        string set;
        if (Directory.Exists(Path.Combine(root, "images")))
        {
            set = root;
            flag = SplitOf(root);
        }
        else
        {
            string baseDir = Directory.Exists(Path.Combine(root, "DRIVE")) ? Path.Combine(root, "DRIVE") : root;
            set = Path.Combine(baseDir, flag);
        }
        string images = Path.Combine(set, "images"), manual = Path.Combine(set, "1st_manual"), fov = Path.Combine(set, "mask");
        StemPairing.RequireDirectory(images);
        StemPairing.RequireDirectory(manual);
        StemPairing.RequireDirectory(fov);

        var samples = new List<SamplePaths>();
        foreach (string image in Directory.EnumerateFiles(images, "*.tif").OrderBy(f => f, StringComparer.Ordinal))
        {
            string n = Number(image);
            string vessels = Path.Combine(manual, n + "_manual1.gif");
            string field = Path.Combine(fov, $"{n}_{flag}_mask.gif");
            if (!File.Exists(vessels))
                throw new DataFileException(image, $"image without its mask: expected {vessels}");
            if (!File.Exists(field))
                throw new DataFileException(image, $"image without its field-of-view mask: expected {field}");
            samples.Add(new SamplePaths(n, image, vessels, field));
        }
        var numbers = samples.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        foreach (string vessels in Directory.EnumerateFiles(manual, "*_manual1.gif").OrderBy(f => f, StringComparer.Ordinal))
            if (!numbers.Contains(Number(vessels)))
                throw new DataFileException(vessels, $"mask without its image: expected {Path.Combine(images, $"{Number(vessels)}_{flag}.tif")}");
        if (samples.Count == 0)
            throw new DataFileException(images, "empty split: no *.tif images");
        return samples;
    }

    // A split folder given as the root: "training" or "test", from its images' names ("21_training.tif"), which the
    // masks' names repeat, so the folder may have any name.
    private static string SplitOf(string set)
    {
        var flags = Directory.EnumerateFiles(Path.Combine(set, "images"), "*.tif")
            .Select(f => Path.GetFileNameWithoutExtension(f).Split('_').ElementAtOrDefault(1) ?? "")
            .Distinct(StringComparer.Ordinal).ToList();
        return flags switch
        {
            ["training"] or ["test"] => flags[0],
            [] => throw new DataFileException(Path.Combine(set, "images"), "empty split: no *.tif images"),
            _ => throw new DataFileException(Path.Combine(set, "images"),
                "not one DRIVE split: images are named {n}_training.tif or {n}_test.tif, found " + string.Join(", ", flags.Select(f => $"'{f}'"))),
        };
    }

    // "21_training.tif" -> "21": the seed's i.split("_")[0].
    private static string Number(string path) => Path.GetFileName(path).Split('_')[0];
}
