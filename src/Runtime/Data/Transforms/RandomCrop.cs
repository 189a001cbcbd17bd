using System;

namespace Segment.Runtime.Data.Transforms;

/// <summary>
/// A square crop at a uniformly drawn position. A side shorter than the crop is first padded at
/// the right / bottom (the seed's pad_if_smaller): the image with 0, the target with the ignore
/// index (classes) or background (saliency), so padding never counts as data.
/// </summary>
public sealed class RandomCrop(long size) : ISampleTransform
{
    public long Size { get; } = size > 0 ? size : throw new ArgumentOutOfRangeException(nameof(size));

    public TrainingSample Apply(TrainingSample sample, Random random)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(random);
        long padH = Math.Max(0, Size - sample.Height), padW = Math.Max(0, Size - sample.Width);
        if (padH > 0 || padW > 0)
            sample = sample.With(Pad(sample.Image, padW, padH, 0), Pad(sample.Target, padW, padH, sample.TargetFill));
        long top = random.NextInt64(sample.Height - Size + 1);
        long left = random.NextInt64(sample.Width - Size + 1);
        Tensor image = Crop(sample.Image, top, left);
        Tensor target = Crop(sample.Target, top, left);
        return sample.With(image, target);
    }

    private Tensor Crop(Tensor t, long top, long left)
    {
        int rows = (int)t.dim() - 2;
        using Tensor r = t.narrow(rows, top, Size);
        return r.narrow(rows + 1, left, Size).contiguous();
    }

    private static Tensor Pad(Tensor t, long right, long bottom, double fill)
    {
        bool plane = t.dim() == 2;
        using Tensor batch = plane ? t.unsqueeze(0) : t.alias();
        Tensor padded = F.pad(batch, [0, right, 0, bottom], PaddingModes.Constant, fill);
        if (!plane)
            return padded;
        using (padded)
            return padded.squeeze(0);
    }
}
