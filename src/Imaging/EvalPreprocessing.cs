using System;

namespace Segment.Imaging;

/// <summary>
/// The deterministic part of the input pipeline, the same for evaluation, prediction and an
/// ONNX Runtime deployment: an optional bilinear resize to a fixed size, then mean/std. U²-Net
/// evaluates at 320 x 320 with ImageNet statistics (the seed's SODPresetEval); UNet on DRIVE at
/// the image's own size with DRIVE's (SegmentationPresetEval).
/// </summary>
public sealed record EvalPreprocessing(int? Width, int? Height, MeanStd MeanStd)
{
    public static EvalPreprocessing U2Net { get; } = new(320, 320, MeanStd.ImageNet);
    public static EvalPreprocessing Drive { get; } = new(null, null, MeanStd.Drive);

    /// <summary>A new normalised image (the input is left unchanged), resized when a size is set.</summary>
    public RgbImage Apply(RgbImage image)
    {
        if (image is null)
            throw new ArgumentNullException(nameof(image));
        if ((Width is null) != (Height is null))
            throw new InvalidOperationException("set both Width and Height, or neither");
        RgbImage sized = Width is int w && Height is int h && (w != image.Width || h != image.Height)
            ? image.ResizedBilinear(w, h)
            : new RgbImage(image.Width, image.Height, (float[])image.Pixels.Clone());
        return MeanStd.Normalize(sized);
    }
}
