using System.Linq;
using Segment.Generator.Emitters;
using Segment.Generator.Model;

namespace Segment.Generator.Contracts;

/// <summary>
/// A UNet's module: children named as the seed's state_dict (in_conv, down{k} = Sequential(MaxPool2d, DoubleConv),
/// up{k} = the runtime's UpBlock with up / attention / conv, out_conv.0, aux_conv.0) and a straight-line forward where
/// Up's upsample, pad-to-skip, attention gate and concatenation are visible steps.
/// </summary>
internal static class UNetLayout
{
    public static ModuleLayout Of(UNetModel m)
    {
        string input = UNetModuleText.Input(m);
        string mode = m.Bilinear ? "bilinear upsampling (align_corners true)" : "transposed-conv upsampling";
        string[] doc =
        [
            "<summary>",
            $"UNet \"{m.CliName}\": depth {m.Depth}, {mode}, {m.Classes} class(es){(m.HasAux ? $", auxiliary head on up{m.AuxLevel}" : "")}{(m.AttentionGates ? ", attention gates" : "")}{(m.BlockOptions.IsSeed ? "" : $", blocks: {m.BlockOptions}")};",
            $"input {input}, {Format.Count(m.TotalParameters)} parameters. Child names equal the seed's PyTorch state_dict keys.",
            "</summary>",
        ];
        var children = m.Blocks.Select(b => new ModuleChild(b.Name, Block(b, m.Bilinear) with { Parameters = b.Parameters })).ToEquatableArray();
        string[] forwardDoc =
        [
            "<summary>",
            $"Runs the network on <paramref name=\"input\"/> {input}; any size works (odd ones too: each Up pads",
            "the upsampled map to its skip) and the logits have the input's H x W.",
            "</summary>",
            $"<exception cref=\"global::System.ArgumentException\">The input is not {input}.</exception>",
        ];
        return new ModuleLayout(doc.ToEquatableArray(), m.Blocks[0].InputShape, new[] { new ChildGroup(null, children) }.ToEquatableArray(), forwardDoc.ToEquatableArray(),
            InputGuardWriter.Check(m.CliName, m.InputChannels, m.FixedHeight, m.FixedWidth, m.MinimumSize), m.Forward,
            EquatableArray<string>.Empty, m.Forward.Results, EquatableArray<ExtraForward>.Empty);
    }

    private static ChildBlock Block(UNetBlockModel b, bool bilinear) => b.Kind switch
    {
        UNetBlockKind.InConv => new DoubleConvChild(b.InChannels, b.OutChannels, b.MidChannels),
        UNetBlockKind.Down => new DownChild(b.InChannels, b.OutChannels),
        UNetBlockKind.Up => new UpChild(b.InChannels, b.OutChannels, b.MidChannels, bilinear, b.Gate),
        _ => new HeadChild(b.InChannels, b.OutChannels),
    };
}
