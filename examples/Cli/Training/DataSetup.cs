using Segment.Imaging;
using Segment.Imaging.Data;
using Segment.Runtime.Data;
using Segment.Runtime.Data.Transforms;
using Segment.Runtime.NN;

namespace Segment.Cli.Training;

/// <summary>
/// A dataset on disk as `train` and `eval` read it: the layout's train or val split, with the family's seed
/// transforms (docs/data.md): DRIVE's random resize, flips and crop with DRIVE's statistics; everything else
/// U²-Net's resize, crop and flip with ImageNet's (`--size` is the crop; the resize is size x 320 / 288, as the seed).
/// </summary>
public sealed record DataSetup(DatasetLayout Layout, string Root, int? Size)
{
    public static DataSetup Parse(string layout, string root, int? size)
    {
        try
        {
            return new DataSetup(DatasetLayouts.Parse(layout), root, size);
        }
        catch (System.ArgumentException e)
        {
            throw new UsageException("--layout: " + e.Message);
        }
    }

    /// <summary>The split for <paramref name="network"/>: class masks when it has several classes (folder layout), else saliency.</summary>
    public Dataset Open(ISegmentationNetwork network, string split) =>
        Dataset.Open(new DatasetOptions(Layout, Root)
        {
            Split = split,
            NumClasses = network.Classes > 1 ? network.Classes : null,
        });

    /// <summary>The side of the square training crop: --size, else the family's.</summary>
    public int TrainCrop => Size ?? (Layout == DatasetLayout.Drive ? TransformPresets.DriveCrop : TransformPresets.U2NetCrop);

    public ISampleTransform TrainTransform => Layout == DatasetLayout.Drive
        ? TransformPresets.DriveTrain(crop: TrainCrop)
        : TransformPresets.U2NetTrain(Resize, TrainCrop);

    public ISampleTransform EvalTransform => Layout == DatasetLayout.Drive
        ? TransformPresets.DriveEval()
        : TransformPresets.U2NetEval(Resize);

    /// <summary>The statistics the transforms normalise with, for the report and for predicting later.</summary>
    public MeanStd MeanStd => Layout == DatasetLayout.Drive ? MeanStd.Drive : MeanStd.ImageNet;

    private int Resize => Size is int crop ? crop * TransformPresets.U2NetResize / TransformPresets.U2NetCrop : TransformPresets.U2NetResize;
}
