using System;
using System.Collections.Generic;

namespace Segment.Imaging;

/// <summary>
/// Per-channel normalisation <c>(x - mean) / std</c> on [0, 1] RGB values, as torchvision's
/// <c>Normalize</c> after <c>ToTensor</c>. The two sets the seeds train with:
/// <see cref="ImageNet"/> (U²-Net on DUTS) and <see cref="Drive"/> (UNet on DRIVE).
/// </summary>
public sealed class MeanStd
{
    public MeanStd(IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        if (mean is null || std is null || mean.Count != 3 || std.Count != 3)
            throw new ArgumentException("mean and std need three values each (R, G, B)");
        foreach (float s in std)
            if (!(s > 0))
                throw new ArgumentOutOfRangeException(nameof(std), s, "every std must be positive");
        Mean = [mean[0], mean[1], mean[2]];
        Std = [std[0], std[1], std[2]];
    }

    public float[] Mean { get; }
    public float[] Std { get; }

    /// <summary>
    /// ImageNet's statistics, (0.485, 0.456, 0.406) / (0.229, 0.224, 0.225): what U²-Net's
    /// training on DUTS uses (issue 9; the train.py of WZMIAOMIAO's pytorch_segmentation/u2net,
    /// the code seed 000 describes, and the original U-2-Net data_loader.py).
    /// </summary>
    public static MeanStd ImageNet { get; } = new([0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);

    /// <summary>
    /// DRIVE's statistics, (0.709, 0.381, 0.224) / (0.127, 0.079, 0.043): the values in the
    /// train.py of WZMIAOMIAO's pytorch_segmentation/unet (the project seed 004 describes),
    /// measured on the DRIVE training images by its compute_mean_std.py.
    /// </summary>
    public static MeanStd Drive { get; } = new([0.709f, 0.381f, 0.224f], [0.127f, 0.079f, 0.043f]);

    /// <summary>Normalises <paramref name="image"/>'s planes in place and returns it.</summary>
    public RgbImage Normalize(RgbImage image)
    {
        if (image is null)
            throw new ArgumentNullException(nameof(image));
        int plane = image.Width * image.Height;
        float[] p = image.Pixels;
        for (int c = 0; c < 3; c++)
        {
            float m = Mean[c], s = Std[c];
            for (int i = c * plane, end = i + plane; i < end; i++)
                p[i] = (p[i] - m) / s;
        }
        return image;
    }
}
