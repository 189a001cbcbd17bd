using System;

namespace Segment.Runtime.Data.Transforms;

/// <summary>
/// The shorter side to a size drawn uniformly from [min, max], the aspect ratio kept (the longer
/// side <c>floor(size * long / short)</c>, torchvision's rule for <c>resize(img, int)</c>): seed
/// 004's RandomResize for DRIVE.
/// </summary>
public sealed class RandomResize : ISampleTransform
{
    public RandomResize(int minSize, int maxSize)
    {
        if (minSize <= 0 || maxSize < minSize)
            throw new ArgumentOutOfRangeException(nameof(minSize), $"RandomResize needs 0 < min <= max, got {minSize}..{maxSize}");
        MinSize = minSize;
        MaxSize = maxSize;
    }

    public int MinSize { get; }
    public int MaxSize { get; }

    public TrainingSample Apply(TrainingSample sample, Random random)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(random);
        long size = random.Next(MinSize, MaxSize + 1);
        long h = sample.Height, w = sample.Width;
        (long nh, long nw) = h <= w ? (size, size * w / h) : (size * h / w, size);
        return sample.With(Resampling.Image(sample.Image, nh, nw), Resampling.Target(sample.Target, nh, nw));
    }
}
