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

    /// <summary>UNet: a DoubleConv holds its hidden map; a Down its pooled input too (nn.Sequential keeps it to the end).</summary>
    public static ActivationPeak ForUNet(UNetModel model)
    {
        var blocks = model.Blocks.ToDictionary(b => b.Name, b => b);
        return ActivationPeak.Of(model.Forward, model.Blocks[0].InputShape, step =>
        {
            string name = step.Module ?? "";
            string blockName = name.EndsWith(".conv", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - ".conv".Length) : name;
            if (!blocks.TryGetValue(blockName, out UNetBlockModel? block) || name.EndsWith(".up", System.StringComparison.Ordinal))
                return null;
            var output = new MemoryTerm(step.Shape.Channels, step.Shape.Size);
            var hidden = new MemoryTerm(block.MidChannels, step.Shape.Size);
            return block.Kind switch
            {
                UNetBlockKind.InConv or UNetBlockKind.Up => new List<MemoryTerm> { hidden, output },
                UNetBlockKind.Down => new List<MemoryTerm> { new(block.InChannels, step.Shape.Size), hidden, output },
                _ => null,
            };
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
