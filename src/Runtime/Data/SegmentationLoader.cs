using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Segment.Imaging;
using Segment.Imaging.Data;
using Segment.Runtime.Data.Transforms;
using Segment.Runtime.Distributed;

namespace Segment.Runtime.Data;

/// <summary>
/// Batches of a <see cref="Dataset"/>, decoded and transformed on worker threads ahead of the
/// training step. Each epoch has its own order (shuffled from (seed, epoch)) and each sample its
/// own random source (from (seed, epoch, dataset index)), so an epoch's batches are the same
/// on every run and every thread count. At most <see cref="LoaderOptions.Prefetch"/> batches
/// are built ahead of the one handed out, and at most <see cref="LoaderOptions.Workers"/>
/// samples decode at once: memory is bounded by the batch size, not the dataset. Bad data
/// surfaces as the worker's <see cref="DataFileException"/>, rethrown on the caller's thread.
/// </summary>
public sealed class SegmentationLoader
{
    private readonly Dataset dataset;
    private readonly ISampleTransform transform;
    private readonly LoaderOptions options;
    private long samplesRead;
    private int peakAhead;

    public SegmentationLoader(Dataset dataset, ISampleTransform transform, LoaderOptions options)
    {
        this.dataset = dataset ?? throw new ArgumentNullException(nameof(dataset));
        this.transform = transform ?? throw new ArgumentNullException(nameof(transform));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        options.Check();
    }

    /// <summary>Batches per epoch (of this shard's samples, when the options name a shard).</summary>
    public int BatchCount => options.DropLast ? SamplesPerEpoch / options.BatchSize : (SamplesPerEpoch + options.BatchSize - 1) / options.BatchSize;

    /// <summary>The samples an epoch reads: the dataset, or this shard's padded share of it.</summary>
    public int SamplesPerEpoch => options.ShardCount == 1 ? dataset.Count
        : options.ShardPadded ? Sharding.TrainingShare(dataset.Count, options.ShardCount)
        : Sharding.EvaluationShare(dataset.Count, options.ShardRank, options.ShardCount);

    /// <summary>Samples decoded so far, over all epochs (how far the workers have read ahead).</summary>
    public long SamplesRead => Interlocked.Read(ref samplesRead);

    /// <summary>The most batches ever waiting ahead of the consumer (never above Prefetch).</summary>
    public int PeakBatchesAhead => Volatile.Read(ref peakAhead);

    /// <summary>The dataset indices epoch <paramref name="epoch"/> reads, in order: <see cref="Order"/>, or this shard's share of it.</summary>
    public int[] Positions(int epoch) =>
        options.ShardCount == 1 ? Order(epoch)
        : options.ShardPadded ? Sharding.ForTraining(Order(epoch), options.ShardRank, options.ShardCount)
        : Sharding.ForEvaluation(Order(epoch), options.ShardRank, options.ShardCount).ToArray();

    /// <summary>Epoch <paramref name="epoch"/>'s order of dataset indices (all of them, every shard alike).</summary>
    public int[] Order(int epoch)
    {
        int[] order = Enumerable.Range(0, dataset.Count).ToArray();
        if (!options.Shuffle)
            return order;
        var random = new Random(SeedMixing.Mix(options.Seed, epoch));
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    /// <summary>
    /// The epoch's batches in order. Each is the caller's to dispose; leaving the loop early
    /// waits for the batches in flight and disposes them.
    /// </summary>
    public IEnumerable<Batch> Epoch(int epoch)
    {
        int[] order = Positions(epoch);
        int batches = BatchCount;
        using var gate = new SemaphoreSlim(options.Workers);
        var ahead = new Queue<Task<Batch>>();
        int next = 0;
        try
        {
            for (int k = 0; k < batches; k++)
            {
                // The batch handed out now plus Prefetch behind it, started before the caller gets it.
                while (next < batches && ahead.Count < options.Prefetch + 1)
                {
                    int b = next++;
                    ahead.Enqueue(Task.Run(() => Build(order, b, epoch, gate)));
                }
                Task<Batch> current = ahead.Dequeue();
                RecordAhead(ahead.Count);
                yield return Await(current);
            }
        }
        finally
        {
            while (ahead.Count > 0)
            {
                Task<Batch> pending = ahead.Dequeue();
                try { pending.Wait(); } catch (AggregateException) { continue; }
                pending.Result.Dispose();
            }
        }
    }

    private Batch Build(int[] order, int b, int epoch, SemaphoreSlim gate)
    {
        int start = b * options.BatchSize;
        int[] indices = order.Skip(start).Take(options.BatchSize).ToArray();
        var samples = new TrainingSample?[indices.Length];
        try
        {
            Parallel.For(0, indices.Length, new ParallelOptions { MaxDegreeOfParallelism = options.Workers }, i =>
            {
                gate.Wait();
                try
                {
                    samples[i] = Load(indices[i], epoch);
                }
                finally
                {
                    gate.Release();
                }
            });
            return Stack(samples!, indices);
        }
        catch (AggregateException e)
        {
            Exception first = e.Flatten().InnerExceptions.FirstOrDefault(x => x is DataFileException) ?? e.Flatten().InnerExceptions[0];
            ExceptionDispatchInfo.Capture(first).Throw();
            throw;
        }
        finally
        {
            foreach (TrainingSample? s in samples)
                s?.Dispose();
        }
    }

    private TrainingSample Load(int index, int epoch)
    {
        Sample decoded = dataset.Read(index);
        Interlocked.Increment(ref samplesRead);
        TrainingSample sample = TrainingSample.From(decoded, dataset.Reader.Kind);
        try
        {
            return transform.Apply(sample, new Random(SeedMixing.Mix(options.Seed, epoch, index)));
        }
        catch
        {
            sample.Dispose();
            throw;
        }
    }

    private Batch Stack(TrainingSample[] samples, int[] indices)
    {
        TrainingSample first = samples[0];
        foreach (TrainingSample s in samples)
            if (!s.Image.shape.SequenceEqual(first.Image.shape) || !s.Target.shape.SequenceEqual(first.Target.shape))
                throw new InvalidOperationException(
                    $"samples of one batch differ in size: {first.Id} is {Describe(first)} but {s.Id} is {Describe(s)}; " +
                    "use a batch size of 1 or a transform that fixes the size (a crop or a resize)");
        Tensor images = torch.stack(samples.Select(s => s.Image).ToArray());
        Tensor targets = torch.stack(samples.Select(s => s.Target).ToArray());
        return new Batch(images, targets, samples.Select(s => s.Id).ToArray(), indices);
    }

    private static string Describe(TrainingSample s) => $"{s.Width}x{s.Height} (target {string.Join("x", s.Target.shape)})";

    private static Batch Await(Task<Batch> task)
    {
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
    }

    private void RecordAhead(int count)
    {
        int seen;
        while (count > (seen = Volatile.Read(ref peakAhead)) && Interlocked.CompareExchange(ref peakAhead, count, seen) != seen) { }
    }
}
