using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Segment.Imaging.Data;

/// <summary>
/// Pairs an image folder with a mask folder by file stem (DUTS and the plain folder layout):
/// every image needs <c>{stem}.png</c> among the masks and every mask an image, else the
/// unmatched file is named.
/// </summary>
internal static class StemPairing
{
    /// <summary>The extensions ImageSharp 2.1 decodes, as images are looked up.</summary>
    public static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".gif"];

    public static List<SamplePaths> Pair(string imageDir, string maskDir)
    {
        RequireDirectory(imageDir);
        RequireDirectory(maskDir);
        Dictionary<string, string> images = ByStem(imageDir, ImageExtensions);
        Dictionary<string, string> masks = ByStem(maskDir, [".png"]);
        foreach (var (stem, image) in images.OrderBy(p => p.Key, StringComparer.Ordinal))
            if (!masks.ContainsKey(stem))
                throw new DataFileException(image, $"image without its mask: expected {Path.Combine(maskDir, stem + ".png")}");
        foreach (var (stem, mask) in masks.OrderBy(p => p.Key, StringComparer.Ordinal))
            if (!images.ContainsKey(stem))
                throw new DataFileException(mask, $"mask without its image: no {stem}.* ({string.Join(", ", ImageExtensions)}) in {imageDir}");
        if (images.Count == 0)
            throw new DataFileException(imageDir, "empty split: no images (" + string.Join(", ", ImageExtensions) + ")");
        return images.OrderBy(p => p.Key, StringComparer.Ordinal)
                     .Select(p => new SamplePaths(p.Key, p.Value, masks[p.Key]))
                     .ToList();
    }

    public static void RequireDirectory(string dir)
    {
        if (!Directory.Exists(dir))
            throw new DataFileException(dir, "no such folder");
    }

    private static Dictionary<string, string> ByStem(string dir, string[] extensions)
    {
        var byStem = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(dir).OrderBy(f => f, StringComparer.Ordinal))
        {
            if (!extensions.Contains(Path.GetExtension(file).ToLowerInvariant()))
                continue;
            string stem = Path.GetFileNameWithoutExtension(file);
            if (byStem.TryGetValue(stem, out string? other))
                throw new DataFileException(file, $"two files share the stem '{stem}' (also {other}): pairing by stem would be ambiguous");
            byStem[stem] = file;
        }
        return byStem;
    }
}
