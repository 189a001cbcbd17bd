using System;
using System.Collections.Generic;

namespace Segment.Runtime.Data;

/// <summary>
/// Stacked samples: <see cref="Images"/> [N, 3, H, W] float32 and <see cref="Targets"/> [N, H, W]
/// int64 or [N, 1, H, W] float32; <see cref="Ids"/> and <see cref="Indices"/> (into the dataset)
/// in batch order. The caller owns and disposes it.
/// </summary>
public sealed class Batch(Tensor images, Tensor targets, IReadOnlyList<string> ids, IReadOnlyList<int> indices) : IDisposable
{
    public Tensor Images { get; } = images;
    public Tensor Targets { get; } = targets;
    public IReadOnlyList<string> Ids { get; } = ids;
    public IReadOnlyList<int> Indices { get; } = indices;
    public int Count => Ids.Count;

    public void Dispose()
    {
        Images.Dispose();
        Targets.Dispose();
    }
}
