using System.Collections.Generic;
using System.Linq;
using Segment.Generator.Emitters;
using Segment.Generator.Model;

namespace Segment.Generator.Contracts;

/// <summary>
/// A U²-Net's surface: the fused and side logits (and the eval-mode probabilities forward fills), seed 000's
/// deep-supervision loss (a term for the fused map and for every side, summed with the declared weights; BCE for one
/// output channel, cross-entropy over classes otherwise), and the per-stage summary.
/// </summary>
internal static class U2NetContract
{
    public static NetworkContract Of(U2NetModel m, ModuleLayout layout)
    {
        OnnxContract onnx = Onnx(m);
        var heads = new List<OutputHead> { new("fused", "Fused", $"Fused logits {m.OutputShape}: out_conv over the {m.Sides.Count} concatenated side(s).") };
        heads.AddRange(m.Sides.Select(s => new OutputHead("side" + s.Number, "Side" + s.Number,
            $"Side {s.Number} logits {s.OutputShape}: {s.StageName}'s side convolution (side_modules.{s.ModuleIndex}){(s.StageShape.Size.Level == 0 ? ", at the input's resolution" : ", resized to the input")}.")));
        string activation = m.IsMultiClass ? "softmax over the classes" : "sigmoid";
        return new NetworkContract("U2Net", m.InputChannels, m.OutChannels, m.FixedHeight, m.FixedWidth, heads.ToEquatableArray(), "Fused", "",
            $"{activation} of <see cref=\"Fused\"/> {m.OutputShape}, computed in eval mode; null in training mode.",
            Loss(m), Summary(m, layout, onnx), onnx);
    }

    private static OnnxContract Onnx(U2NetModel m) => new(
        "U2Net", m.OutChannels,
        new OnnxOutput("probabilities", m.OutputShape, m.IsMultiClass ? "softmax of fused over the classes" : "sigmoid of fused"),
        new[] { new OnnxOutput("fused", m.OutputShape, "fused logits") }
            .Concat(m.Sides.Select(s => new OnnxOutput("side" + s.Number, s.OutputShape, $"{s.StageName}'s side logits"))).ToArray());

    /// <summary>The stand-in's surface, from the declaration alone.</summary>
    public static StandInSurface StandIn(U2NetSpec spec)
    {
        var sideStages = spec.Stages.Where(s => s.Side).ToList();
        int sides = System.Math.Min(sideStages.Count, StandInSurface.MaxHeads);
        // side1 = the last side stage declared (the shallowest decoder) ... the deepest encoder last, as U2NetShapeInference numbers them.
        var lossConstants = new List<LossConstant> { new("", "double", "FusedWeight", Format.Literal(spec.Options.FusedLossWeight)) };
        for (int n = 0; n < sides; n++)
            lossConstants.Add(new("", "double", $"Side{n + 1}Weight", Format.Literal(sideStages[sideStages.Count - 1 - n].SideLossWeight)));
        var heads = new List<OutputHead> { new("fused", "Fused", "") };
        for (int n = 1; n <= sides; n++)
            heads.Add(new OutputHead("side" + n, "Side" + n, ""));
        int? inputChannels = spec.Input?.Channels ?? spec.Stages.FirstOrDefault(s => s.Kind == StageKind.Encoder)?.InChannels;
        return new StandInSurface(spec.Type, "U2Net", spec.Options.CliName, inputChannels, spec.Options.OutChannels, heads.ToEquatableArray(),
            Probabilities: true, lossConstants.ToEquatableArray(), null, 0);
    }

    private static LossModel Loss(U2NetModel m)
    {
        var constants = new List<LossConstant> { new("Weight of the fused map's term.", "double", "FusedWeight", Format.Literal(m.FusedLossWeight)) };
        constants.AddRange(m.Sides.Select(s => new LossConstant($"Weight of {s.StageName}'s side's term.", "double", $"Side{s.Number}Weight", Format.Literal(s.LossWeight))));
        string[] doc =
        [
            $"Loss of <see cref=\"{m.Type.Name}\"/>: {(m.IsMultiClass ? "cross-entropy" : "binary cross-entropy with logits")} of the fused map and of every side",
            "against the target, weighted and summed (seed 000 uses weight 1 for all).",
        ];
        string target = m.IsMultiClass ? $"class indices [N, H, W] (int64, 0..{m.OutChannels - 1})" : LossModel.MaskTarget;
        return new LossModel(doc.ToEquatableArray(), "output", target,
            m.IsMultiClass ? LossCriterion.CrossEntropy : LossCriterion.BinaryCrossEntropy, LossTotal.WeightedSum,
            constants.ToEquatableArray(), EquatableArray<double>.Empty, IgnoreIndex: null, m.OutChannels);
    }

    private static SummaryModel Summary(U2NetModel m, ModuleLayout layout, OnnxContract onnx)
    {
        var rows = m.Encoders.Concat(m.Decoders)
            .Select(s => new SummaryRow(s.Name, s.BlockName, s.InputShape.ToString(), s.OutputShape.ToString(), s.Parameters))
            .ToList();
        foreach (SideModel side in m.Sides)
            rows.Add(new SummaryRow("side" + side.Number, $"side conv {side.Conv.KernelSize}x{side.Conv.KernelSize}", side.StageShape.ToString(), side.OutputShape.ToString(), side.Conv.Parameters));
        rows.Add(new SummaryRow("out_conv", "conv 1x1", m.OutputShape.WithChannels(m.OutConv.InChannels).ToString(), m.OutputShape.ToString(), m.OutConv.Parameters));
        string title = $"{m.CliName} ({m.Type.Name}): input "
                       + InputGuardWriter.InputText(m.InputChannels, m.FixedHeight, m.FixedWidth, m.MinimumSize)
                       + $", {m.OutChannels} output channel(s)";
        return new SummaryModel(m.CliName, layout.TotalParameters, m.MinimumSize,
            "Smallest input height and width: 1. Ceil-mode pooling never empties a map and every decoder resizes to its skip, so any size runs, as in the seeds.",
            title, "Per stage (and the side and fuse convolutions): block, input and output shape, parameters.",
            rows.ToEquatableArray(), Shapes.ActivationPeaks.For(layout), onnx.SummaryLines().ToEquatableArray(),
            EquatableArray<ExportCost>.Empty, EquatableArray<string>.Empty);
    }
}
