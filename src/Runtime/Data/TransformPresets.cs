using Segment.Imaging;
using Segment.Runtime.Data.Transforms;

namespace Segment.Runtime.Data;

/// <summary>
/// Each family's pipeline with the seeds' defaults (issue 9's recipes with the numbers of the
/// projects seeds 000 and 004 describe; docs/data.md lists them with their sources).
/// <list type="bullet">
/// <item>U²-Net on DUTS (WZMIAOMIAO's pytorch_segmentation/u2net train.py,
/// SODPresetTrain / SODPresetEval): resize to 320 x 320, random crop 288, horizontal flip with
/// probability 0.5, ImageNet mean/std; evaluation resizes the image only.</item>
/// <item>UNet on DRIVE (WZMIAOMIAO's pytorch_segmentation/unet train.py, SegmentationPresetTrain / Eval with base size 565,
/// crop 480): random resize of the shorter side to [0.5, 1.2] x 565 = [282, 678], horizontal and
/// vertical flips with probability 0.5, random crop 480, DRIVE mean/std; evaluation normalises only.</item>
/// </list>
/// The seeds run the geometry on PIL images and antialias; here it runs on tensors with
/// PyTorch's bilinear (images) and nearest (masks), the arithmetic the array path shares.
/// </summary>
public static class TransformPresets
{
    public const int U2NetResize = 320;
    public const int U2NetCrop = 288;
    public const int DriveBaseSize = 565;
    public const int DriveCrop = 480;
    public const double FlipProbability = 0.5;

    public static ISampleTransform U2NetTrain(int resize = U2NetResize, int crop = U2NetCrop) => new Compose(
        new Resize(resize, resize),
        new RandomCrop(crop),
        RandomFlip.Horizontal(FlipProbability),
        new Normalize(MeanStd.ImageNet));

    public static ISampleTransform U2NetEval(int resize = U2NetResize) => new Compose(
        new Resize(resize, resize, resizeTarget: false),
        new Normalize(MeanStd.ImageNet));

    public static ISampleTransform DriveTrain(int baseSize = DriveBaseSize, int crop = DriveCrop) => new Compose(
        new RandomResize((int)(0.5 * baseSize), (int)(1.2 * baseSize)),
        RandomFlip.Horizontal(FlipProbability),
        RandomFlip.Vertical(FlipProbability),
        new RandomCrop(crop),
        new Normalize(MeanStd.Drive));

    /// <summary>DRIVE's evaluation: the images at their own size (the seed's), or resized to <paramref name="size"/> x <paramref name="size"/> (the masks kept: metrics are taken at their size).</summary>
    public static ISampleTransform DriveEval(int? size = null) => size is int s
        ? new Compose(new Resize(s, s, resizeTarget: false), new Normalize(MeanStd.Drive))
        : new Normalize(MeanStd.Drive);
}
