namespace Segment.Imaging.Data;

/// <summary>Where a dataset is and which part of it to read.</summary>
public sealed record DatasetOptions(DatasetLayout Layout, string Root)
{
    /// <summary>
    /// "train" or "val" ("test" reads as "val"): DUTS-TR / DUTS-TE, DRIVE's training / test,
    /// VOC's ImageSets/Segmentation/{split}.txt (any name there, e.g. trainval), folder's
    /// <c>{split}/</c> when it exists.
    /// </summary>
    public string Split { get; init; } = "train";

    /// <summary>
    /// Class count for class masks. Defaults: drive 2 (background, vessel), voc 21; folder
    /// without it reads saliency masks (as duts always does).
    /// </summary>
    public int? NumClasses { get; init; }
}
