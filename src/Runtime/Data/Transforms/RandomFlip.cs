using System;

namespace Segment.Runtime.Data.Transforms;

/// <summary>
/// Mirrors image and target together with probability <see cref="Probability"/>: left-right
/// (<see cref="Horizontal"/>, every family) or top-bottom (<see cref="Vertical"/>, DRIVE).
/// One draw per sample, made even when nothing flips, so later steps see the same random sequence.
/// </summary>
public sealed class RandomFlip : ISampleTransform
{
    private RandomFlip(bool horizontal, double probability)
    {
        if (!(probability >= 0 && probability <= 1))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "a probability is in [0, 1]");
        IsHorizontal = horizontal;
        Probability = probability;
    }

    public bool IsHorizontal { get; }
    public double Probability { get; }

    public static RandomFlip Horizontal(double probability = 0.5) => new(true, probability);
    public static RandomFlip Vertical(double probability = 0.5) => new(false, probability);

    public TrainingSample Apply(TrainingSample sample, Random random)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(random);
        if (random.NextDouble() >= Probability)
            return sample;
        return sample.With(Flip(sample.Image), Flip(sample.Target));
    }

    // The last axis is the width, the one before it the height, for [C, H, W] and [H, W] alike.
    private Tensor Flip(Tensor t) => t.flip(IsHorizontal ? -1 : -2);
}
