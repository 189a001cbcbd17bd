using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Segment.Imaging.Data;
using Segment.Runtime.Data;
using Segment.Runtime.Data.Transforms;
using Segment.Runtime.Distributed;

namespace Segment.Runtime.Training;

/// <summary>
/// Batches by epoch: what <see cref="Trainer"/> and <see cref="Evaluator"/> read. A
/// <see cref="SegmentationLoader"/> is one (<see cref="BatchSource.From(SegmentationLoader)"/>); tests hand in
/// tensors directly. An epoch's batches must be the same on every call for a resumed run to repeat an
/// uninterrupted one (the loader's are: order and augmentation come from (seed, epoch)).
/// </summary>
public interface IBatchSource
{
    int BatchCount { get; }

    /// <summary>Epoch <paramref name="epoch"/>'s batches (0-based), each the caller's to dispose.</summary>
    IEnumerable<Batch> Epoch(int epoch);
}

public static class BatchSource
{
    /// <summary>
    /// The training loader for a run: <see cref="TrainingOptions.BatchSize"/> and <see cref="TrainingOptions.Seed"/>,
    /// shuffled per epoch, the last short batch kept as the seeds' DataLoader keeps it (drop_last=False). With a
    /// <paramref name="communicator"/> of several ranks, this rank's shard of each epoch's order (DistributedSampler's:
    /// positions rank, rank + N, ..., padded to equal length); the batch size is then per rank.
    /// </summary>
    public static IBatchSource Training(Dataset dataset, ISampleTransform transform, TrainingOptions options, int workers = 2, ICommunicator? communicator = null) =>
        From(new SegmentationLoader(dataset, transform,
            new LoaderOptions
            {
                BatchSize = options.BatchSize, Seed = options.Seed, Shuffle = true, DropLast = false, Workers = workers,
                ShardRank = communicator?.Rank ?? 0, ShardCount = communicator?.Size ?? 1,
            }));

    public static IBatchSource From(SegmentationLoader loader) => new Delegated(loader.BatchCount, loader.Epoch);

    public static IBatchSource From(int batchCount, Func<int, IEnumerable<Batch>> epoch) => new Delegated(batchCount, epoch);

    private sealed class Delegated(int count, Func<int, IEnumerable<Batch>> epoch) : IBatchSource
    {
        public int BatchCount => count;
        public IEnumerable<Batch> Epoch(int e) => epoch(e);
    }
}
