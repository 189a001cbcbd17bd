namespace Segment.Cli.Inference;

/// <summary>What runs a trained network in <c>predict</c> and <c>eval</c>.</summary>
public enum InferenceEngine
{
    /// <summary>The generated TorchSharp module (libtorch), on the CPU or CUDA.</summary>
    TorchSharp,

    /// <summary>The generated ONNX export in ONNX Runtime's CPU provider: about twice as fast as libtorch on the CPU.</summary>
    OnnxRuntime,
}

/// <summary>The <c>--engine</c> option and its default: ONNX Runtime on the CPU (the faster), TorchSharp on CUDA (ONNX Runtime's CPU package only).</summary>
public static class InferenceEngines
{
    public static OptionSpec Option => new("engine",
        "torchsharp or onnxruntime (default: onnxruntime on the CPU, the network exported in memory and cached per weights file; torchsharp on CUDA)");

    public static InferenceEngine Choose(ParsedArgs args, Device device) => args.String("engine") switch
    {
        null => device.type == DeviceType.CPU ? InferenceEngine.OnnxRuntime : InferenceEngine.TorchSharp,
        "torchsharp" => InferenceEngine.TorchSharp,
        "onnxruntime" when device.type != DeviceType.CPU =>
            throw new UsageException($"--engine onnxruntime runs on the CPU (the ONNX Runtime CPU package): drop --device {args.String("device")} or use --engine torchsharp"),
        "onnxruntime" => InferenceEngine.OnnxRuntime,
        string other => throw new UsageException($"--engine must be torchsharp or onnxruntime, got '{other}'"),
    };
}
