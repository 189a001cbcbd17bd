using System;
using System.Collections.Generic;

namespace Segment.Runtime.NN;

/// <summary>
/// What the command line needs from any generated network, whatever its family (U²-Net, UNet,
/// UNet++). Every class the generator completes implements it (explicitly, so the class's own
/// surface stays the module's); <c>GeneratedNetworks.Create(name)</c> returns one.
/// The implementation is also a TorchSharp <c>torch.nn.Module&lt;Tensor, TOutput&gt;</c>: cast to <c>torch.nn.Module</c> for train/eval, parameters, state_dict, to(device).
/// </summary>
public interface ISegmentationNetwork : IDisposable
{
    /// <summary>The command-line name (u2net, u2netp, ...).</summary>
    string Name { get; }

    /// <summary>The seed architecture the declaration uses.</summary>
    NetworkFamily Family => NetworkFamily.Unknown;

    /// <summary>Channels the input must have.</summary>
    int InputChannels { get; }

    /// <summary>Output channels: 1 for a binary mask (sigmoid), else the class count (softmax).</summary>
    int Classes { get; }

    /// <summary>The only input size the network takes, or null when any size of at least <see cref="MinimumInputSize"/> is fine.</summary>
    (int Height, int Width)? FixedInputSize { get; }

    /// <summary>
    /// Smallest input height and width the network takes: 2^depth for a UNet and 2^(levels - 1) for a UNet++ (each
    /// pooling must leave at least one pixel), 1 for a U²-Net (its ceil-mode poolings never empty a map).
    /// </summary>
    int MinimumInputSize { get; }

    /// <summary>Trainable parameters, computed by the generator (equals the module's parameter_count()).</summary>
    long TotalParameters { get; }

    /// <summary>A printable table: per stage its input and output shapes and parameters.</summary>
    string SummaryText { get; }

    /// <summary>
    /// Estimated peak memory of the feature maps of an eval-mode forward without gradients, in bytes, for a
    /// batch x C x height x width input (the generator's <c>Summary.PeakActivationBytes</c>); NaN where unknown.
    /// </summary>
    double PeakActivationBytes(long batch, long height, long width) => double.NaN;

    /// <summary>Runs forward and returns the logits by name: ("fused", ...) first, then the auxiliary outputs ("side1", ...). The caller disposes them.</summary>
    IReadOnlyList<(string Name, Tensor Value)> ForwardNamed(Tensor x);

    /// <summary>Probabilities [N, Classes, H, W]: sigmoid for one class, softmax over classes otherwise. Call in eval mode under no_grad for inference.</summary>
    Tensor Predict(Tensor x);

    /// <summary>The network's training loss on outputs from <see cref="ForwardNamed"/>: the weighted total and each term by output name.</summary>
    (Tensor Total, IReadOnlyList<(string Name, Tensor Value)> Terms) Loss(IReadOnlyList<(string Name, Tensor Value)> outputs, Tensor target);

    /// <summary>
    /// Writes the eval-mode forward with the current weights as an ONNX model (a temporary file renamed
    /// over <paramref name="path"/>, so a failure leaves no partial model). Generated for every family
    /// (U²-Net, UNet, UNet++); this default only answers for a hand-written implementation without one.
    /// </summary>
    /// <exception cref="ArgumentException">Options the network cannot take (opset outside 11..17, a size it refuses).</exception>
    /// <exception cref="System.IO.IOException">The file cannot be written.</exception>
    void ExportOnnx(string path, Onnx.OnnxExportOptions? options = null) =>
        throw new NotSupportedException($"{Name}: this network has no ONNX export (only generated networks have one)");

    /// <summary>
    /// The graph <see cref="ExportOnnx"/> saves, before saving: its outputs (<see cref="Onnx.OnnxGraphBuilder.OutputNames"/>) and
    /// metadata (<see cref="Onnx.OnnxGraphBuilder.Metadata"/>: for a UNet++ the exported network's parameters and multiply-adds) can be read first.
    /// </summary>
    /// <exception cref="ArgumentException">Options the network cannot take.</exception>
    Onnx.OnnxGraphBuilder BuildOnnx(Onnx.OnnxExportOptions? options = null) =>
        throw new NotSupportedException($"{Name}: this network has no ONNX export (only generated networks have one)");
}
