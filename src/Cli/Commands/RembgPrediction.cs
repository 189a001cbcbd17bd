using System;
using System.Collections.Generic;
using System.IO;
using Segment.Imaging;
using Segment.Imaging.Prediction;
using Segment.Runtime.NN;

namespace Segment.Cli.Commands;

/// <summary>
/// <c>predict --compat rembg</c>: rembg's u2net pipeline around the network (<see cref="RembgPipeline"/>), so that with
/// the same weights (the official u2net.pth, u2netp.pth, ... loaded as they are) the masks equal rembg's within about a
/// grey level. STEM.png is rembg's mask; --cutout uses it as alpha.
/// </summary>
public static class RembgPrediction
{
    public const string Name = "rembg";

    /// <summary>Refuses what rembg's pipeline fixes (size, normalisation) and networks it does not run (one-map U²-Nets only).</summary>
    public static void Check(ParsedArgs args, ISegmentationNetwork network)
    {
        if (args.Has("size") || args.Has("normalize"))
            throw new UsageException("--compat rembg runs rembg's pipeline (320x320, ImageNet mean/std after dividing by the image's maximum): drop --size and --normalize");
        if (network.Family != NetworkFamily.U2Net || network.Classes != 1)
            throw new UsageException($"--compat rembg runs rembg's u2net pipeline, for a U²-Net with one output map; '{network.Name}' is not one");
    }

    public static IReadOnlyList<string> PredictFile(ISegmentationPredictor predictor, string path, string output, PredictionExtras extras)
    {
        RgbImage original = ImageDecoding.ReadRgb(path);
        RgbImage input = RembgPipeline.Prepare(original);
        float[] probabilities = PredictCommand.Probabilities(predictor, input);
        byte[] mask = RembgPipeline.Mask(probabilities, original.Width, original.Height);
        // The mask as a map at the image's size: the PNG writer's round(p * 255) gives its bytes back.
        float[] map = Array.ConvertAll(mask, b => b / 255f);
        return PredictionFiles.Write(output, Path.GetFileNameWithoutExtension(path), original, map, 1, original.Height, original.Width, extras);
    }
}
