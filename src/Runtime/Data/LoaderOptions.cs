using System;

namespace Segment.Runtime.Data;

/// <summary>How a <see cref="SegmentationLoader"/> batches, shuffles and reads ahead.</summary>
public sealed record LoaderOptions
{
    public int BatchSize { get; init; } = 1;

    /// <summary>A new order each epoch, drawn from (Seed, epoch); off keeps the dataset's order (evaluation).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Seeds the order and every sample's augmentation draws.</summary>
    public int Seed { get; init; }

    /// <summary>Threads decoding and transforming samples at once.</summary>
    public int Workers { get; init; } = Math.Max(1, Math.Min(4, Environment.ProcessorCount));

    /// <summary>
    /// Batches decoded ahead of the one the training step holds: memory stays within
    /// (Prefetch + 1) batches whatever the dataset's size.
    /// </summary>
    public int Prefetch { get; init; } = 2;

    /// <summary>Drops a last, smaller batch (training); off keeps it (evaluation).</summary>
    public bool DropLast { get; init; }

    /// <summary>
    /// Data-parallel training: this process is rank <see cref="ShardRank"/> of <see cref="ShardCount"/> and reads only
    /// its share of each epoch's order (<see cref="Distributed.Sharding.ForTraining"/>: positions rank, rank + N, ...,
    /// padded so every rank has as many batches). 1 (the default) reads everything.
    /// </summary>
    public int ShardCount { get; init; } = 1;

    public int ShardRank { get; init; }

    /// <summary>
    /// Pads the shards to equal length with the order's own start (training: every rank the same number of steps);
    /// off gives every sample to exactly one rank (<see cref="Distributed.Sharding.ForEvaluation"/>: evaluation).
    /// </summary>
    public bool ShardPadded { get; init; } = true;

    internal void Check()
    {
        if (BatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "a batch holds at least one sample");
        if (Workers < 1)
            throw new ArgumentOutOfRangeException(nameof(Workers), Workers, "at least one worker");
        if (Prefetch < 1)
            throw new ArgumentOutOfRangeException(nameof(Prefetch), Prefetch, "at least one batch ahead");
        if (ShardCount < 1 || ShardRank < 0 || ShardRank >= ShardCount)
            throw new ArgumentOutOfRangeException(nameof(ShardRank), ShardRank, $"a shard of 0 to {ShardCount - 1} of {ShardCount} (at least 1)");
    }
}
