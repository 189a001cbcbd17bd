using System;

namespace Segment.Runtime.Data.Transforms;

/// <summary>
/// A fixed size (U²-Net's 320 x 320). <paramref name="resizeTarget"/> false keeps the target at
/// its own size, as evaluation does: metrics are computed at the ground truth's resolution.
/// </summary>
public sealed class Resize(long height, long width, bool resizeTarget = true) : ISampleTransform
{
    public long Height { get; } = height > 0 ? height : throw new ArgumentOutOfRangeException(nameof(height));
    public long Width { get; } = width > 0 ? width : throw new ArgumentOutOfRangeException(nameof(width));
    public bool ResizeTarget { get; } = resizeTarget;

    public TrainingSample Apply(TrainingSample sample, Random random)
    {
        ArgumentNullException.ThrowIfNull(sample);
        Tensor image = Resampling.Image(sample.Image, Height, Width);
        Tensor target = ResizeTarget ? Resampling.Target(sample.Target, Height, Width) : sample.Target;
        return sample.With(image, target);
    }
}
