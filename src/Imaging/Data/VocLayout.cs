using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Segment.Imaging.Data;

/// <summary>
/// PASCAL VOC: the ids of <c>ImageSets/Segmentation/{split}.txt</c>, each with
/// <c>JPEGImages/{id}.jpg</c> and <c>SegmentationClass/{id}.png</c>. The root is VOC2012 (any
/// folder holding JPEGImages), or a parent holding VOC2012 or VOCdevkit/VOC2012.
/// </summary>
internal static class VocLayout
{
    public static List<SamplePaths> Find(string root, string split)
    {
        StemPairing.RequireDirectory(root);
        string year = new[] { root, Path.Combine(root, "VOC2012"), Path.Combine(root, "VOCdevkit", "VOC2012") }
            .FirstOrDefault(d => Directory.Exists(Path.Combine(d, "JPEGImages")))
            ?? throw new DataFileException(root, "no JPEGImages folder here, in VOC2012/ or in VOCdevkit/VOC2012/");
        string list = Path.Combine(year, "ImageSets", "Segmentation", split + ".txt");
        if (Segment.IO.InputFiles.Problem(list) is { } problem)
            throw new DataFileException(list, File.Exists(list) || Directory.Exists(list) ? $"split file {problem}" : $"no such split file (split '{split}')");

        var samples = new List<SamplePaths>();
        foreach (string line in File.ReadLines(list))
        {
            string id = line.Trim();
            if (id.Length == 0)
                continue;
            string image = Path.Combine(year, "JPEGImages", id + ".jpg");
            string mask = Path.Combine(year, "SegmentationClass", id + ".png");
            bool hasImage = File.Exists(image), hasMask = File.Exists(mask);
            if (!hasImage && hasMask)
                throw new DataFileException(mask, $"mask without its image: expected {image} (listed in {list})");
            if (!hasImage)
                throw new DataFileException(image, $"no such image (listed in {list})");
            if (!hasMask)
                throw new DataFileException(image, $"image without its mask: expected {mask}");
            samples.Add(new SamplePaths(id, image, mask));
        }
        if (samples.Count == 0)
            throw new DataFileException(list, "empty split: the file lists no ids");
        return samples;
    }
}
