using System;
using Segment.Imaging;

namespace Segment.Runtime.Data.Transforms;

/// <summary>The image's <c>(x - mean) / std</c> per channel (<see cref="MeanStd"/>); the target is left as it is.</summary>
public sealed class Normalize(MeanStd meanStd) : ISampleTransform
{
    public MeanStd MeanStd { get; } = meanStd ?? throw new ArgumentNullException(nameof(meanStd));

    public TrainingSample Apply(TrainingSample sample, Random random)
    {
        ArgumentNullException.ThrowIfNull(sample);
        using Tensor mean = torch.tensor(MeanStd.Mean, [3, 1, 1]);
        using Tensor std = torch.tensor(MeanStd.Std, [3, 1, 1]);
        return sample.With(sample.Image.sub(mean).div_(std), sample.Target);
    }
}
