using System;

namespace Segment.Imaging.Prediction;

/// <summary>
/// How one image becomes a network input, for a network that predicts <see cref="Classes"/> maps: resized
/// bilinearly to the size the network runs at, then normalised. The same plan serves the TorchSharp predictor and
/// the ONNX Runtime one, so both see the same pixels.
/// </summary>
/// <param name="Classes">1: a probability (sigmoid) map; more: class scores (softmax).</param>
/// <param name="MeanStd">The normalisation the network was trained with.</param>
/// <param name="Size">Side of the square input (U²-Net's 320), or null to run at the image's own size.</param>
/// <param name="Multiple">The input's height and width are rounded up to a multiple of this (UNet++'s 2^levels).</param>
/// <param name="FixedSize">The only size the network takes, which overrides <paramref name="Size"/>.</param>
public sealed record PredictionPlan(int Classes, MeanStd MeanStd, int? Size = null, int Multiple = 1, (int Height, int Width)? FixedSize = null)
{
    /// <summary>U²-Net's evaluation: 320 x 320, ImageNet statistics (the seed's SODPresetEval).</summary>
    public const int U2NetSize = 320;

    /// <summary>
    /// The plan `segment predict` uses for a network of <paramref name="family"/> ("U2Net", "UNet", "UNetPlusPlus"):
    /// U²-Net at <see cref="U2NetSize"/> (its seed's evaluation), the UNets at the image's own size rounded up to a
    /// multiple of <paramref name="minimumSize"/> (2^depth: every pooling then halves exactly, and UNet++ requires it);
    /// <paramref name="size"/> overrides the default, a fixed size overrides both.
    /// </summary>
    public static PredictionPlan ForFamily(string family, int classes, MeanStd meanStd, int? size, int minimumSize, (int Height, int Width)? fixedSize)
    {
        bool u2net = family == "U2Net";
        return new PredictionPlan(classes, meanStd, size ?? (u2net ? U2NetSize : null), u2net ? 1 : minimumSize, fixedSize);
    }

    /// <summary>The height and width the network runs at for an image of <paramref name="height"/> x <paramref name="width"/>.</summary>
    public (int Height, int Width) InputSize(int height, int width)
    {
        if (FixedSize is { } f)
            return f;
        (int h, int w) = Size is int s ? (s, s) : (height, width);
        int m = Math.Max(1, Multiple);
        return ((h + m - 1) / m * m, (w + m - 1) / m * m);
    }

    /// <summary>The size every image runs at, when there is one (a fixed or a given size); null when it follows each image.</summary>
    public (int Height, int Width)? OneInputSize => FixedSize is not null || Size is not null ? InputSize(1, 1) : null;

    /// <summary>The normalised, resized image: the network's input as CHW floats.</summary>
    public RgbImage Prepare(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        (int h, int w) = InputSize(image.Height, image.Width);
        return new EvalPreprocessing(w, h, MeanStd).Apply(image);
    }
}
