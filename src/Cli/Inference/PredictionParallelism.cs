using System;
using Segment.Runtime.NN;

namespace Segment.Cli.Inference;

/// <summary>
/// How <c>predict</c> spends the cores over a folder: <see cref="Streams"/> images in the network at once, each run on
/// <see cref="ThreadsPerRun"/> threads (null: the engine's default).
/// <para>
/// A small input such as U²-Net's 320 x 320 leaves ONNX Runtime's threads waiting on each other at every layer, and
/// the decoding and PNG writing that run beside them hold one thread back at each of those waits: with one image on
/// both of 2 cores, u2netp's predict made 65% of the bare inference rate (commit 32512ba). One thread per image, as many
/// images as cores, has no such waits, so the other stages only take their own CPU time (the figures now: docs/onnx.md,
/// from scripts/bench-engines.sh --predict). It is chosen where it is safe: ONNX Runtime (whose session runs
/// concurrent calls, each on its caller's thread), more than one image, every image at one size (so each run's memory
/// is known and the runs that fit are counted, <see cref="MemoryBudget.ConcurrentRuns(ISegmentationNetwork, long[], int)"/>)
/// and no tiling (which bounds memory by running one tile at a time). Otherwise one image at a time on all the threads,
/// which is also what a single image needs for the shortest latency.
/// </para>
/// </summary>
public sealed record PredictionParallelism(int Streams, int? ThreadsPerRun)
{
    /// <summary>For a network with weights on <paramref name="engine"/>.</summary>
    /// <param name="engine">The engine the network runs on.</param>
    /// <param name="network">The network (its memory estimate).</param>
    /// <param name="oneSize">The one input size every image runs at, or null when it varies.</param>
    /// <param name="threads">--threads: the cores to use; null for all of them.</param>
    /// <param name="images">Images to predict.</param>
    /// <param name="tiled">Whether images run as tiles.</param>
    public static PredictionParallelism Choose(InferenceEngine engine, ISegmentationNetwork network, (int Height, int Width)? oneSize, int? threads, int images, bool tiled)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (engine != InferenceEngine.OnnxRuntime)
            return new PredictionParallelism(1, threads);
        return Choose(oneSize, threads, images, tiled, (size, wanted) => MemoryBudget.ConcurrentRuns(network, [1, 3, size.Height, size.Width], wanted));
    }

    /// <summary>
    /// As above for a model in ONNX Runtime; <paramref name="fit"/> says how many of the wanted runs at a size fit in
    /// memory (null: an exported model brings no estimate, so as many as cores).
    /// </summary>
    public static PredictionParallelism Choose((int Height, int Width)? oneSize, int? threads, int images, bool tiled, Func<(int Height, int Width), int, int>? fit = null)
    {
        if (oneSize is not { } size || images < 2 || tiled)
            return new PredictionParallelism(1, threads);
        int cores = threads ?? Environment.ProcessorCount;
        int wanted = Math.Min(cores, images);
        int streams = fit is null ? wanted : fit(size, wanted);
        return streams < 2 ? new PredictionParallelism(1, threads) : new PredictionParallelism(streams, Math.Max(1, cores / streams));
    }
}
