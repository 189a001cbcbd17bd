using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>
/// The runtime contract (docs/architecture.md) as the generated code spells it: every type name
/// global::-qualified, and the one place to change when the contract moves.
/// </summary>
internal static class RuntimeApi
{
    public const string Tensor = "global::Segment.Runtime.Tensor";
    public const string F = "global::Segment.Runtime.F";
    public const string Torch = "global::Segment.Runtime.torch";
    public const string Module = "global::Segment.Runtime.NN.Module";
    public const string ModuleList = "global::Segment.Runtime.NN.ModuleList";
    public const string Conv2d = "global::Segment.Runtime.NN.Conv2d";
    public const string ConvBnRelu = "global::Segment.Runtime.NN.Blocks.ConvBnRelu";
    public const string DoubleConv = "global::Segment.Runtime.NN.Blocks.DoubleConv";
    public const string VggBlock = "global::Segment.Runtime.NN.Blocks.VggBlock";
    public const string SkipPadding = "global::Segment.Runtime.NN.Blocks.SkipPadding";
    public const string Sequential = "global::Segment.Runtime.NN.Sequential";
    public const string MaxPool2d = "global::Segment.Runtime.NN.MaxPool2d";
    public const string ConvTranspose2d = "global::Segment.Runtime.NN.ConvTranspose2d";
    public const string Losses = "global::Segment.Runtime.Losses.SegmentationLosses";
    public const string InputGuard = "global::Segment.Runtime.NN.InputGuard";
    public const string Network = "global::Segment.Runtime.NN.ISegmentationNetwork";
    public const string NamedTensors = "global::System.Collections.Generic.IReadOnlyList<(string Name, global::Segment.Runtime.Tensor Value)>";
    public const string LossResult = "(global::Segment.Runtime.Tensor Total, " + NamedTensors + " Terms)";

    /// <summary>The module that implements a layer: the ConvBnRelu block, or a Conv2d with bias.</summary>
    public static string TypeOf(ConvSpec conv) => conv.WithNorm ? ConvBnRelu : Conv2d;

    /// <summary>Construction of a layer with PyTorch's default initialisation.</summary>
    public static string New(ConvSpec conv) => conv.WithNorm
        ? $"new {ConvBnRelu}({conv.InChannels}, {conv.OutChannels}, kernelSize: {conv.KernelSize}, dilation: {conv.Dilation})"
        : $"new {Conv2d}({conv.InChannels}, {conv.OutChannels}, kernel_size: {conv.KernelSize}, padding: {conv.Padding})";

    public static string NewModuleList(string items) => $"new {ModuleList}({items})";
}
