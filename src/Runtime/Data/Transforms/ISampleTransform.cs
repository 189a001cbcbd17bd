using System;

namespace Segment.Runtime.Data.Transforms;

/// <summary>
/// One step of the training pipeline on a sample's tensors. Randomness comes only from
/// the <see cref="Random"/> passed in, which the loader seeds from (seed, epoch, sample index), so a
/// pipeline is deterministic under a seed whatever thread runs it.
/// </summary>
public interface ISampleTransform
{
    /// <summary>Transforms <paramref name="sample"/> (in place, through <see cref="TrainingSample.With"/>) and returns it.</summary>
    TrainingSample Apply(TrainingSample sample, Random random);
}
