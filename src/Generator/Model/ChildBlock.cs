using System.Collections.Generic;
using Segment.Generator.Emitters;
using Segment.Generator.Shapes;

namespace Segment.Generator.Model;

/// <summary>
/// A child module of a generated network, typed by its block: each record knows the runtime type of its field, writes
/// its own construction (the [Blocks] options passed where the block takes them) and its ONNX lowering, and says
/// which feature maps it holds while it runs (for the memory estimate). The module, ONNX and summary emitters read
/// only these, so they are written once for every family; a new block is one record here and its runtime class.
/// </summary>
internal abstract record ChildBlock
{
    /// <summary>
    /// The block's trainable parameters with the network's [Blocks], from shape inference (which needs them first, for
    /// SEG2019); a member of a block (UNet's up{k}.conv) counts 0, its block counting it.
    /// </summary>
    public long Parameters { get; init; }

    /// <summary>The field's type, global::-qualified.</summary>
    public abstract string FieldType { get; }

    /// <summary>The construction expression; <paramref name="options"/> is ", options: blockOptions" or empty.</summary>
    public abstract string New(string options);

    /// <summary>
    /// The child's step on the ONNX graph (<paramref name="session"/> an OnnxNetworkExport): by default the runtime
    /// lowers the module by its type (OnnxNetworkExport.Module), under its state_dict <paramref name="path"/>.
    /// </summary>
    public virtual string OnnxCall(string session, string inputs, string field, string path, TensorShape output) =>
        $"{session}.Module({inputs}, {field}, \"{path}\")";

    /// <summary>
    /// The maps the block holds while it runs besides its input, its output (of <paramref name="output"/>) included;
    /// null when that is just its output, as for a single convolution (with its folded norm and in-place activation).
    /// </summary>
    public virtual IReadOnlyList<MemoryTerm>? HeldWhileRunning(TensorShape output) => null;

    /// <summary>Children of the block that the forward calls itself, by member name (UNet's up{k}.conv).</summary>
    public virtual IEnumerable<(string Member, ChildBlock Block)> Members => [];

    /// <summary>A two-conv block's hidden map and output, at the output's size.</summary>
    protected static IReadOnlyList<MemoryTerm> HiddenAndOutput(int hiddenChannels, TensorShape output) =>
        [new MemoryTerm(hiddenChannels, output.Size), new MemoryTerm(output.Channels, output.Size)];
}

/// <summary>A U²-Net stage: the runtime's RSU block (RSU-L, or RSU-4F when dilated), with its own forward (<see cref="Forward"/> from <see cref="InputShape"/>).</summary>
internal sealed record RsuChild(int Height, int InChannels, int MidChannels, int OutChannels, bool Dilated, ForwardProgram Forward, TensorShape InputShape) : ChildBlock
{
    public override string FieldType => RuntimeApi.RsuBlock;

    public override string New(string options) => RuntimeApi.NewRsu(Height, InChannels, MidChannels, OutChannels, Dilated, options);

    /// <summary>The RSU block's own export, which needs its level (ceil-mode halvings from the input) for static resizes.</summary>
    public override string OnnxCall(string session, string inputs, string field, string path, TensorShape output) =>
        $"{field}.ExportOnnx({session}, {inputs}, \"{path}\", level: {output.Size.Level})";

    /// <summary>The peak of the stage's own forward (its ConvBnReLUs, pools and skips), less the input its caller counts.</summary>
    public override IReadOnlyList<MemoryTerm> HeldWhileRunning(TensorShape output) =>
        ActivationPeak.Of(Forward, InputShape, _ => null).WithoutInput(InputShape);
}

/// <summary>A plain convolution (U²-Net's side and fuse convs, UNet++'s heads); the block options do not apply.</summary>
internal sealed record ConvChild(ConvSpec Conv) : ChildBlock
{
    public override string FieldType => Conv.WithNorm ? RuntimeApi.ConvBnRelu : RuntimeApi.Conv2d;

    public override string New(string options) => RuntimeApi.New(Conv);
}

/// <summary>UNet's DoubleConv (in_conv, and each Up's conv with its mid-channels): it holds its hidden map.</summary>
internal sealed record DoubleConvChild(int InChannels, int OutChannels, int MidChannels) : ChildBlock
{
    public override string FieldType => RuntimeApi.DoubleConv;

    public override string New(string options) => $"new {RuntimeApi.DoubleConv}({InChannels}, {OutChannels}{options})";

    public override IReadOnlyList<MemoryTerm> HeldWhileRunning(TensorShape output) => HiddenAndOutput(MidChannels, output);
}

/// <summary>UNet's Down: Sequential(MaxPool2d(2), DoubleConv), children "0" and "1" as the seed's.</summary>
internal sealed record DownChild(int InChannels, int OutChannels) : ChildBlock
{
    public override string FieldType => RuntimeApi.Sequential;

    public override string New(string options) =>
        $"{RuntimeApi.Torch}.nn.Sequential({RuntimeApi.Torch}.nn.MaxPool2d(2L, 2L), new {RuntimeApi.DoubleConv}({InChannels}, {OutChannels}{options}))";

    /// <summary>nn.Sequential keeps the pooled input to the end, beside the DoubleConv's hidden map and output.</summary>
    public override IReadOnlyList<MemoryTerm> HeldWhileRunning(TensorShape output) =>
        [new MemoryTerm(InChannels, output.Size), .. HiddenAndOutput(OutChannels, output)];
}

/// <summary>UNet's Up: the runtime's UpBlock (transposed conv or bilinear, an optional attention gate, the DoubleConv).</summary>
internal sealed record UpChild(int InChannels, int OutChannels, int MidChannels, bool Bilinear, AttentionGateModel? Gate) : ChildBlock
{
    public override string FieldType => RuntimeApi.UpBlock;

    public override string New(string options)
    {
        string gate = Gate is null ? "" : $", gate: new {RuntimeApi.AttentionGate}({Gate.GateChannels}, {Gate.SkipChannels}, {Gate.InnerChannels})";
        return $"new {RuntimeApi.UpBlock}({InChannels}, {OutChannels}, midChannels: {MidChannels}, bilinear: {(Bilinear ? "true" : "false")}{gate}{options})";
    }

    /// <summary>The runtime UpBlock's DoubleConv property, which the network's forward calls itself.</summary>
    public const string ConvMember = "conv";

    /// <summary>The forward calls the block's DoubleConv itself (its transposed conv and gate hold only their output).</summary>
    public override IEnumerable<(string Member, ChildBlock Block)> Members => [(ConvMember, new DoubleConvChild(InChannels, OutChannels, MidChannels))];
}

/// <summary>UNet's 1x1 output heads (out_conv, aux_conv): Sequential(Conv2d), so the seed's keys read "out_conv.0.weight".</summary>
internal sealed record HeadChild(int InChannels, int OutChannels) : ChildBlock
{
    public override string FieldType => RuntimeApi.Sequential;

    public override string New(string options) => $"{RuntimeApi.Torch}.nn.Sequential({RuntimeApi.NewConv2d(InChannels, OutChannels, kernelSize: 1)})";
}

/// <summary>A UNet++ node: the runtime's VGGBlock.</summary>
internal sealed record VggChild(int InChannels, int MidChannels, int OutChannels) : ChildBlock
{
    public override string FieldType => RuntimeApi.VggBlock;

    public override string New(string options) => $"new {RuntimeApi.VggBlock}({InChannels}, {MidChannels}, {OutChannels}{options})";

    public override IReadOnlyList<MemoryTerm> HeldWhileRunning(TensorShape output) => HiddenAndOutput(MidChannels, output);
}
