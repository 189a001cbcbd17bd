using Segment.Imaging;
using Segment.Runtime.NN;

namespace Segment.Cli.Inference;

/// <summary>The predictor <c>predict</c> and <c>eval</c> run a network with weights through, on the engine <c>--engine</c> (or its default) names.</summary>
public static class Predictors
{
    /// <summary>
    /// <paramref name="network"/>, already holding the weights of <paramref name="weightsPath"/>: on ONNX Runtime (exported,
    /// cached) or on TorchSharp on <paramref name="device"/> (moved there). <paramref name="threads"/> is ONNX Runtime's intra-op count;
    /// <paramref name="size"/> the one input size every batch has, if any (ONNX Runtime then runs a static graph).
    /// </summary>
    public static ISegmentationPredictor Open(InferenceEngine engine, ISegmentationNetwork network, string weightsPath, Device device, MeanStd meanStd, int? threads,
        (int Height, int Width)? size = null, int? batch = null)
    {
        if (engine == InferenceEngine.OnnxRuntime)
            return OnnxRuntimePredictor.Open(network, weightsPath, meanStd.Mean, meanStd.Std, threads, size, batch);
        Networks.AsModule(network).to(device);
        return new TorchSharpPredictor(network, device);
    }
}
