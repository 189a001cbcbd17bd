using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Segment.Imaging.Data;

/// <summary>
/// DUTS: <c>DUTS-TR/DUTS-TR-Image/*.jpg</c> with <c>DUTS-TR/DUTS-TR-Mask/*.png</c> (DUTS-TE
/// for val). The root is the folder holding DUTS-TR and DUTS-TE, or one of them (then the split
/// is whichever it is); any <c>X-Image</c> / <c>X-Mask</c> pair is read the same way.
/// </summary>
internal static class DutsLayout
{
    public static List<SamplePaths> Find(string root, string split)
    {
        StemPairing.RequireDirectory(root);
        string set = SetFolder(root, split);
        string[] imageDirs = Directory.GetDirectories(set, "*-Image");
        if (imageDirs.Length != 1)
            throw new DataFileException(set, imageDirs.Length == 0
                ? "no *-Image folder (DUTS keeps images in DUTS-TR/DUTS-TR-Image and masks in DUTS-TR/DUTS-TR-Mask)"
                : "more than one *-Image folder: " + string.Join(", ", imageDirs.Select(Path.GetFileName)));
        string imageDir = imageDirs[0];
        string maskDir = imageDir[..^"-Image".Length] + "-Mask";
        if (!Directory.Exists(maskDir))
            throw new DataFileException(maskDir, $"no such folder: the masks for {imageDir}");
        return StemPairing.Pair(imageDir, maskDir);
    }

    // DUTS-TR / DUTS-TE under the root, or the root itself when it holds the *-Image folder.
    private static string SetFolder(string root, string split)
    {
        if (Directory.GetDirectories(root, "*-Image").Length > 0)
            return root;
        string suffix = Splits.IsTrain(split) ? "-TR" : Splits.IsHeldOut(split) ? "-TE" : throw Splits.Unknown(split, "duts");
        string[] sets = Directory.GetDirectories(root, "*" + suffix);
        if (sets.Length == 1)
            return sets[0];
        throw new DataFileException(root, sets.Length == 0
            ? $"no *{suffix} folder for split '{split}' (expected DUTS-TR for train, DUTS-TE for val)"
            : $"more than one *{suffix} folder: " + string.Join(", ", sets.Select(Path.GetFileName)));
    }
}
