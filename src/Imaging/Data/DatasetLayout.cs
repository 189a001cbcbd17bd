using System;
using System.Linq;

namespace Segment.Imaging.Data;

/// <summary>The folder layouts a dataset can have, each named as the command line spells it (<see cref="DatasetLayouts.Parse"/>).</summary>
public enum DatasetLayout
{
    /// <summary>DUTS: <c>*-Image/*.jpg</c> with <c>*-Mask/*.png</c> paired by stem, under DUTS-TR (train) and DUTS-TE (val).</summary>
    Duts,

    /// <summary>A plain <c>images/</c> + <c>masks/</c> pair (masks <c>*.png</c> by stem), optionally under <c>{split}/</c>.</summary>
    Folder,

    /// <summary>DRIVE: <c>training/</c> or <c>test/</c> with images/*.tif, 1st_manual/*_manual1.gif and mask/*_mask.gif.</summary>
    Drive,

    /// <summary>PASCAL VOC: JPEGImages/*.jpg, SegmentationClass/*.png (palette indices), ImageSets/Segmentation/{split}.txt.</summary>
    Voc,
}

/// <summary>Layout names.</summary>
public static class DatasetLayouts
{
    /// <summary>"duts", "folder", "drive" or "voc" (any case) to the layout; anything else throws, listing the four.</summary>
    public static DatasetLayout Parse(string name)
    {
        foreach (DatasetLayout layout in Enum.GetValues(typeof(DatasetLayout)).Cast<DatasetLayout>())
            if (string.Equals(NameOf(layout), name?.Trim(), StringComparison.OrdinalIgnoreCase))
                return layout;
        throw new ArgumentException($"unknown dataset layout '{name}': expected one of duts, folder, drive, voc", nameof(name));
    }

    public static string NameOf(DatasetLayout layout) => layout.ToString().ToLowerInvariant();
}
