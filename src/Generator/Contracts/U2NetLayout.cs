using System.Collections.Generic;
using System.Linq;
using Segment.Generator.Emitters;
using Segment.Generator.Model;

namespace Segment.Generator.Contracts;

/// <summary>
/// A U²-Net's module: the RSU stages registered as the seed's encode_modules and decode_modules, the side convs as
/// side_modules (in stage order, as the seed appends them), out_conv, and a forward that also returns the eval-mode
/// probabilities of the fused map.
/// </summary>
internal static class U2NetLayout
{
    public static ModuleLayout Of(U2NetModel m)
    {
        string input = InputGuardWriter.InputText(m.InputChannels, m.FixedHeight, m.FixedWidth, m.MinimumSize);
        string[] doc =
        [
            "<summary>",
            $"U²-Net \"{m.CliName}\": {m.Encoders.Count} encoder and {m.Decoders.Count} decoder RSU stages, {m.Sides.Count} side output(s) fused by out_conv{(m.BlockOptions.IsSeed ? "" : $", blocks: {m.BlockOptions}")};",
            $"input {input}, {Format.Count(m.TotalParameters)} parameters. Child names equal the seed's PyTorch state_dict keys.",
            "</summary>",
        ];
        var groups = new List<ChildGroup>
        {
            new("encode_modules", m.Encoders.Select(Stage).ToEquatableArray()),
            new("decode_modules", m.Decoders.Select(Stage).ToEquatableArray()),
            // side_modules.0 is the first stage with a side.
            new("side_modules", m.Sides.OrderBy(s => s.ModuleIndex).Select(s => new ModuleChild(s.FieldName, new ConvChild(s.Conv) { Parameters = s.Conv.Parameters })).ToEquatableArray()),
            new(null, new[] { new ModuleChild("out_conv", new ConvChild(m.OutConv) { Parameters = m.OutConv.Parameters }) }.ToEquatableArray()),
        };
        string activation = m.IsMultiClass ? $"{RuntimeApi.F}.softmax(fused, 1)" : $"{RuntimeApi.F}.sigmoid(fused)";
        string[] forwardDoc =
        [
            "<summary>",
            $"Runs the network on <paramref name=\"input\"/> {input}. Returns the fused and side logits;",
            $"in eval mode also the probabilities ({(m.IsMultiClass ? "softmax over classes" : "sigmoid")} of the fused logits).",
            "</summary>",
            $"<exception cref=\"global::System.ArgumentException\">The input is not {input}.</exception>",
        ];
        return new ModuleLayout(doc.ToEquatableArray(), m.Encoders[0].InputShape, groups.ToEquatableArray(), forwardDoc.ToEquatableArray(),
            InputGuardWriter.Check(m.CliName, m.InputChannels, m.FixedHeight, m.FixedWidth, m.MinimumSize), m.Forward,
            new[] { $"var probabilities = training ? null : {activation}; // {m.OutputShape}" }.ToEquatableArray(),
            new[] { "fused" }.Concat(m.Sides.Select(s => "side" + s.Number)).Concat(new[] { "probabilities" }).ToEquatableArray(),
            EquatableArray<ExtraForward>.Empty);
    }

    private static ModuleChild Stage(RsuStageModel s) =>
        new(s.Name, new RsuChild(s.Height, s.ConvIn.InChannels, s.MidChannels, s.ConvIn.OutChannels, s.Dilated, s.Forward, s.InputShape) { Parameters = s.Parameters }, StageText(s));

    /// <summary>"Encoder stage En1: RSU-7, [N, 3, H, W] -> [N, 64, H, W] (mid 16), 6,224 parameters."</summary>
    private static string StageText(RsuStageModel stage) =>
        $"{(stage.Kind == StageKind.Encoder ? "Encoder" : "Decoder")} stage {stage.Name}: {stage.BlockName}, {stage.InputShape} -> {stage.OutputShape} (mid {stage.MidChannels}), {Format.Count(stage.Parameters)} parameters.";
}
