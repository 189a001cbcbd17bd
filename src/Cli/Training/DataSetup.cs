using System;
using Segment.Imaging;
using Segment.Imaging.Data;
using Segment.Runtime.Data;
using Segment.Runtime.Data.Transforms;
using Segment.Runtime.NN;

namespace Segment.Cli.Training;

/// <summary>
/// A dataset on disk as `train`, `eval` and `demo` read it, with the family's seed transforms (docs/data.md).
/// <para>
/// <see cref="Size"/> has one meaning in every command: the side the network runs at in evaluation and prediction.
/// U²-Net's recipe (every layout but DRIVE) resizes to it (default 320) and trains on random crops of
/// <see cref="Crop"/> (default size x 288 / 320: the seed's 320 / 288 pair); a network with a fixed input size runs
/// at that size and trains on crops of it, taken from a resize of crop x 320 / 288. DRIVE's recipe evaluates at the
/// images' own size unless a size is given, and trains on random resizes of [0.5, 1.2] x the size (default 565)
/// cropped to 480 / 565 of it.
/// </para>
/// <see cref="ValidationRoot"/>, when set, is validated on instead of the root's val split (same layout).
/// </summary>
public sealed record DataSetup(DatasetLayout Layout, string Root, int? Size = null, int? Crop = null, string? ValidationRoot = null)
{
    public static DataSetup Parse(string layout, string root, int? size, int? crop = null, string? validationRoot = null)
    {
        try
        {
            return new DataSetup(DatasetLayouts.Parse(layout), root, size, crop, validationRoot);
        }
        catch (ArgumentException e)
        {
            throw new UsageException("--layout: " + e.Message);
        }
    }

    /// <summary>The split for <paramref name="network"/>: class masks when it has several classes (folder layout), else saliency.</summary>
    public Dataset Open(ISegmentationNetwork network, string split) =>
        Dataset.Open(new DatasetOptions(Layout, split == "val" && ValidationRoot is not null ? ValidationRoot : Root)
        {
            Split = split,
            NumClasses = network.Classes > 1 ? network.Classes : null,
        });

    /// <summary>The side <paramref name="network"/> runs at in evaluation and prediction; null: each image's own size (DRIVE).</summary>
    /// <exception cref="UsageException">A size the network cannot take.</exception>
    public int? EvalSize(ISegmentationNetwork network)
    {
        if (network.FixedInputSize is { } fixedSize)
        {
            if (Size is int s && s != fixedSize.Height)
                throw new UsageException($"{network.Name} only takes {fixedSize.Height} x {fixedSize.Width} inputs: pass --size {fixedSize.Height} (or leave it out)");
            return fixedSize.Height;
        }
        return Size ?? (Layout == DatasetLayout.Drive ? null : TransformPresets.U2NetResize);
    }

    /// <summary>The side of the random training crops.</summary>
    public int TrainCrop(ISegmentationNetwork network)
    {
        if (network.FixedInputSize is { } fixedSize)
        {
            if (Crop is int c && c != fixedSize.Height)
                throw new UsageException($"{network.Name} only takes {fixedSize.Height} x {fixedSize.Width} inputs: pass --crop {fixedSize.Height} (or leave it out)");
            return fixedSize.Height;
        }
        if (Crop is int crop)
            return crop;
        return Layout == DatasetLayout.Drive
            ? (Size is int s ? s * TransformPresets.DriveCrop / TransformPresets.DriveBaseSize : TransformPresets.DriveCrop)
            : EvalSize(network)!.Value * TransformPresets.U2NetCrop / TransformPresets.U2NetResize;
    }

    public ISampleTransform TrainTransform(ISegmentationNetwork network)
    {
        int crop = TrainCrop(network);
        if (Layout == DatasetLayout.Drive)
            return TransformPresets.DriveTrain(Size ?? TransformPresets.DriveBaseSize, crop);
        // Resize to the eval size, or more where the crop needs it (a crop larger than that size, a fixed-size network).
        int resize = Math.Max(EvalSize(network)!.Value, crop * TransformPresets.U2NetResize / TransformPresets.U2NetCrop);
        return TransformPresets.U2NetTrain(resize, crop);
    }

    public ISampleTransform EvalTransform(ISegmentationNetwork network) => Layout == DatasetLayout.Drive
        ? TransformPresets.DriveEval(EvalSize(network))
        : TransformPresets.U2NetEval(EvalSize(network)!.Value);

    /// <summary>The statistics the transforms normalise with, for the report and for predicting later.</summary>
    public MeanStd MeanStd => Layout == DatasetLayout.Drive ? MeanStd.Drive : MeanStd.ImageNet;
}
