using System.Collections.Generic;
using System.Linq;
using Segment.Generator.Model;

namespace Segment.Generator.Shapes;

/// <summary>
/// Each family's <see cref="ActivationPeak"/>: which children hold temporaries while they run. A convolution (with
/// its folded BatchNorm and in-place ReLU) holds only its output; the blocks below hold more.
/// </summary>
internal static class ActivationPeaks
{
    /// <summary>U²-Net: an RSU stage holds its own forward's peak (its seven or so ConvBnReLUs, pools and skips).</summary>
    public static ActivationPeak ForU2Net(U2NetModel model)
    {
        var stages = model.Encoders.Concat(model.Decoders).ToDictionary(s => s.Name, s => s);
        TensorShape input = model.Encoders[0].InputShape;
        return ActivationPeak.Of(model.Forward, input, step =>
            step.Module is { } name && stages.TryGetValue(name, out RsuStageModel? stage)
                ? ActivationPeak.Of(stage.Forward, stage.InputShape, _ => null).WithoutInput(stage.InputShape)
                : null);
    }

    /// <summary>
    /// UNet: a DoubleConv holds its hidden map; a Down its pooled input too (nn.Sequential keeps it to the end). The
    /// children are looked up by the paths the layout gave them (in_conv, down{k}, up{k}.conv), never by parsing a name;
    /// an Up's transposed conv and attention gate hold only their output.
    /// </summary>
    public static ActivationPeak ForUNet(UNetModel model)
    {
        var doubleConvs = model.Blocks
            .Where(b => b.Kind is UNetBlockKind.InConv or UNetBlockKind.Down or UNetBlockKind.Up)
            .ToDictionary(b => b.Kind == UNetBlockKind.Up ? UNetBlockModel.ConvPath(b.Name) : b.Name, b => b);
        return ActivationPeak.Of(model.Forward, model.Blocks[0].InputShape, step =>
        {
            if (step.Module is null || !doubleConvs.TryGetValue(step.Module, out UNetBlockModel? block))
                return null;
            var output = new MemoryTerm(step.Shape.Channels, step.Shape.Size);
            var hidden = new MemoryTerm(block.MidChannels, step.Shape.Size);
            return block.Kind == UNetBlockKind.Down
                ? new List<MemoryTerm> { new(block.InChannels, step.Shape.Size), hidden, output }
                : new List<MemoryTerm> { hidden, output };
        });
    }

    /// <summary>UNet++: a VGG block holds its hidden map (as wide as its output).</summary>
    public static ActivationPeak ForUNetPlusPlus(UNetPlusPlusModel model)
    {
        var nodes = new HashSet<string>(model.Nodes.Select(n => n.ModuleName), System.StringComparer.Ordinal);
        return ActivationPeak.Of(model.Forward, model.Nodes[0].InputShape, step =>
            step.Module is { } name && nodes.Contains(name)
                ? new List<MemoryTerm> { new(step.Shape.Channels, step.Shape.Size), new(step.Shape.Channels, step.Shape.Size) }
                : null);
    }
}
