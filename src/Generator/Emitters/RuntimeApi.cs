using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>
/// The TorchSharp and runtime API (docs/architecture.md) as the generated code spells it: every type name
/// global::-qualified, and the one place to change when the contract moves.
/// </summary>
internal static class RuntimeApi
{
    public const string Tensor = "global::TorchSharp.torch.Tensor";
    public const string F = "global::TorchSharp.torch.nn.functional";
    public const string Torch = "global::TorchSharp.torch";
    public const string Module = "global::TorchSharp.torch.nn.Module";
    public const string ModuleList = "global::TorchSharp.Modules.ModuleList<global::TorchSharp.torch.nn.Module>";
    public const string Conv2d = "global::TorchSharp.Modules.Conv2d";
    public const string Sequential = "global::TorchSharp.Modules.Sequential";
    public const string ConvTranspose2d = "global::TorchSharp.Modules.ConvTranspose2d";
    public const string Bilinear = "global::TorchSharp.torch.InterpolationMode.Bilinear";
    public const string ConvBnRelu = "global::Segment.Runtime.NN.Blocks.ConvBnRelu";
    public const string DoubleConv = "global::Segment.Runtime.NN.Blocks.DoubleConv";
    public const string RsuBlock = "global::Segment.Runtime.NN.Blocks.RsuBlock";
    public const string VggBlock = "global::Segment.Runtime.NN.Blocks.VggBlock";
    public const string BlockOptions = "global::Segment.Runtime.NN.Blocks.BlockOptions";
    public const string AttentionGate = "global::Segment.Runtime.NN.Blocks.AttentionGate";
    public const string UpBlock = "global::Segment.Runtime.NN.Blocks.UpBlock";
    public const string SkipPadding = "global::Segment.Runtime.NN.Blocks.SkipPadding";
    public const string FoldCache = "global::Segment.Runtime.NN.Blocks.FoldCache";
    public const string StateDicts = "global::Segment.Runtime.Serialization.StateDicts";
    public const string Losses = "global::Segment.Runtime.Losses.SegmentationLosses";
    /// <summary>The alpha of a plain addition, held for the process (a Scalar made per call can be freed mid-call).</summary>
    public const string One = "global::Segment.Runtime.Scalars.One";
    public const string InputGuard = "global::Segment.Runtime.NN.InputGuard";
    public const string Network = "global::Segment.Runtime.NN.ISegmentationNetwork";
    public const string NetworkCatalog = "global::Segment.Runtime.NN.NetworkCatalog";
    public const string NetworkFamily = "global::Segment.Runtime.NN.NetworkFamily";
    public const string NamedTensors = "global::System.Collections.Generic.IReadOnlyList<(string Name, global::TorchSharp.torch.Tensor Value)>";
    public const string LossResult = "(global::TorchSharp.torch.Tensor Total, " + NamedTensors + " Terms)";

    /// <summary>Construction of a layer with PyTorch's default initialisation.</summary>
    /// <summary>Construction of a U²-Net stage: the runtime's RSU block, written once for every stage.</summary>
    public static string NewRsu(int height, int inChannels, int midChannels, int outChannels, bool dilated, string options = "") =>
        $"new {RsuBlock}(height: {height}, inChannels: {inChannels}, midChannels: {midChannels}, outChannels: {outChannels}{(dilated ? ", dilated: true" : "")}{options})";

    public static string New(ConvSpec conv) => conv.WithNorm
        ? $"new {ConvBnRelu}({conv.InChannels}, {conv.OutChannels}, kernelSize: {conv.KernelSize}, dilation: {conv.Dilation})"
        : NewConv2d(conv.InChannels, conv.OutChannels, conv.KernelSize, conv.Padding);

    /// <summary>
    /// torch.nn.Conv2d with bias. The literals are long (<c>0L</c>): a plain <c>padding: 0</c> would also
    /// match TorchSharp's overload taking the <c>Padding</c> enum, and the call would not compile.
    /// </summary>
    public static string NewConv2d(long inChannels, long outChannels, long kernelSize, long padding = 0) =>
        $"{Torch}.nn.Conv2d({inChannels}L, {outChannels}L, kernel_size: {kernelSize}L, padding: {padding}L)";

    public static string NewModuleList(string items) => $"new {ModuleList}({items})";

    /// <summary>Creates a child and registers it under its state_dict name (TorchSharp's register_module returns nothing).</summary>
    public static void WriteRegistered(IndentedWriter w, string field, string stateDictName, string creation)
    {
        w.Line($"{field} = {creation};");
        w.Line($"register_module(\"{stateDictName}\", {field});");
    }
}
