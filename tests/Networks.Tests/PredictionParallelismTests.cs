using System;
using Segment.Examples.Networks;
using Segment.Cli.Inference;
using Segment.Runtime.NN;
using Xunit;

namespace Segment.Networks.Tests;

/// <summary>
/// How predict spreads the cores over a folder: several images at once, one thread each, only on ONNX Runtime, for
/// more than one image of one size, untiled, and no more at once than their feature maps fit in memory.
/// </summary>
public sealed class PredictionParallelismTests
{
    private static readonly (int, int) U2NetSize = (320, 320);

    [Fact]
    public void A_folder_of_one_size_on_onnx_runtime_runs_an_image_per_core_on_one_thread_each()
    {
        using ISegmentationNetwork network = GeneratedNetworks.Create("u2netp");
        Assert.Equal(new PredictionParallelism(2, 1), PredictionParallelism.Choose(InferenceEngine.OnnxRuntime, network, U2NetSize, threads: 2, images: 10, tiled: false));
        Assert.Equal(new PredictionParallelism(2, 2), PredictionParallelism.Choose(InferenceEngine.OnnxRuntime, network, U2NetSize, threads: 4, images: 2, tiled: false));
    }

    [Fact]
    public void One_image_tiles_varying_sizes_one_thread_or_torchsharp_run_one_image_on_every_thread()
    {
        using ISegmentationNetwork network = GeneratedNetworks.Create("u2netp");
        var whole = new PredictionParallelism(1, 2);
        Assert.Equal(whole, PredictionParallelism.Choose(InferenceEngine.OnnxRuntime, network, U2NetSize, threads: 2, images: 1, tiled: false));
        Assert.Equal(whole, PredictionParallelism.Choose(InferenceEngine.OnnxRuntime, network, U2NetSize, threads: 2, images: 10, tiled: true));
        Assert.Equal(whole, PredictionParallelism.Choose(InferenceEngine.OnnxRuntime, network, oneSize: null, threads: 2, images: 10, tiled: false));
        Assert.Equal(whole, PredictionParallelism.Choose(InferenceEngine.TorchSharp, network, U2NetSize, threads: 2, images: 10, tiled: false));
        Assert.Equal(new PredictionParallelism(1, 1), PredictionParallelism.Choose(InferenceEngine.OnnxRuntime, network, U2NetSize, threads: 1, images: 10, tiled: false));
    }

    [Fact]
    public void Concurrent_runs_are_as_many_as_their_feature_maps_fit_beside_the_process()
    {
        using ISegmentationNetwork network = GeneratedNetworks.Create("u2netp");
        long[] shape = [1, 3, 320, 320];
        double each = network.PeakActivationBytes(1, 320, 320) * MemoryBudget.Margin;
        long Room(double runs) => MemoryBudget.ProcessOverheadBytes + (long)(runs * each);
        Assert.Equal(1, MemoryBudget.ConcurrentRuns(network, shape, 8, Room(0.5)));   // even one that does not fit runs alone, as before
        Assert.Equal(1, MemoryBudget.ConcurrentRuns(network, shape, 8, Room(1.9)));
        Assert.Equal(3, MemoryBudget.ConcurrentRuns(network, shape, 8, Room(3.2)));
        Assert.Equal(8, MemoryBudget.ConcurrentRuns(network, shape, 8, Room(100)));
        Assert.Equal(8, MemoryBudget.ConcurrentRuns(network, shape, 8, null));        // no known limit: what was asked for
    }
}
