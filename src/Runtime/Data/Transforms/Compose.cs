using System;
using System.Collections.Generic;
using System.Linq;

namespace Segment.Runtime.Data.Transforms;

/// <summary>The steps in order, sharing one random source.</summary>
public sealed class Compose : ISampleTransform
{
    public Compose(params ISampleTransform[] steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        Steps = steps.ToArray();
    }

    public IReadOnlyList<ISampleTransform> Steps { get; }

    public TrainingSample Apply(TrainingSample sample, Random random)
    {
        foreach (ISampleTransform step in Steps)
            sample = step.Apply(sample, random);
        return sample;
    }
}
