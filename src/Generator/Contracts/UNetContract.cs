using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Segment.Generator.Emitters;
using Segment.Generator.Model;

namespace Segment.Generator.Contracts;

/// <summary>
/// A UNet's surface: <c>Out</c> (and <c>Aux</c>, the seed's {"out", "aux"} dict), seed 004's criterion (per output
/// cross-entropy with class weights and ignore index, plus the multi-class Dice loss; <c>out + 0.5 * aux</c>; one class:
/// binary cross-entropy with logits on the mask instead), and the per-block summary.
/// </summary>
internal static class UNetContract
{
    public static NetworkContract Of(UNetModel m, ModuleLayout layout)
    {
        OnnxContract onnx = Onnx(m);
        var heads = new List<OutputHead> { new("out", "Out", $"Logits {m.OutputShape}: out_conv on the last Up block.") };
        if (m.HasAux)
            heads.Add(new OutputHead("aux", "Aux", $"Auxiliary logits {m.OutputShape}: aux_conv on up{m.AuxLevel}, resized to the input; its loss counts 0.5."));
        return new NetworkContract("UNet", m.InputChannels, m.Classes, m.FixedHeight, m.FixedWidth, heads.ToEquatableArray(), "Out",
            " (logits, the seed's {\"out\", \"aux\"} dict)", null, Loss(m), Summary(m, layout, onnx), onnx);
    }

    private static OnnxContract Onnx(UNetModel m)
    {
        var extras = new List<OnnxOutput> { new("out", m.OutputShape, "logits") };
        if (m.HasAux)
            extras.Add(new OnnxOutput("aux", m.OutputShape, $"auxiliary logits of up{m.AuxLevel}, resized to the input"));
        return new OnnxContract("UNet", m.Classes, OnnxContract.ProbabilitiesOf("out", m.OutputShape, m.IsMultiClass), extras);
    }

    /// <summary>The stand-in's surface, from the declaration alone.</summary>
    public static StandInSurface StandIn(UNetSpec spec)
    {
        UNetOptions o = spec.Options;
        var heads = new List<OutputHead> { new("out", "Out", "") };
        if (o.AuxLevel > 0)
            heads.Add(new OutputHead("aux", "Aux", ""));
        var lossConstants = new List<LossConstant>();
        if (o.Classes > 1)
            lossConstants.Add(new("", "long", "IgnoreIndex", o.IgnoreIndex.ToString(CultureInfo.InvariantCulture)));
        if (o.AuxLevel > 0)
            lossConstants.Add(new("", "double", "AuxWeight", RuntimeApi.Losses + ".AuxWeight"));
        string? classWeights = o.ClassWeights.Count > 0 ? string.Join(", ", o.ClassWeights.Select(Format.FloatLiteral)) : null;
        return new StandInSurface(spec.Type, "UNet", o.CliName, spec.Input?.Channels ?? 3, o.Classes, heads.ToEquatableArray(),
            Probabilities: false, lossConstants.ToEquatableArray(), classWeights, 0);
    }

    private static LossModel Loss(UNetModel m)
    {
        var constants = new List<LossConstant>();
        if (m.IsMultiClass)
            constants.Add(new("Target value the loss skips (ROI borders and padding in the seed's data).", "long", "IgnoreIndex", m.IgnoreIndex.ToString(CultureInfo.InvariantCulture)));
        if (m.HasAux)
            constants.Add(new("Weight of the auxiliary output's loss.", "double", "AuxWeight", RuntimeApi.Losses + ".AuxWeight"));
        string[] doc =
        [
            m.IsMultiClass
                ? $"Loss of <see cref=\"{m.Type.Name}\"/> (seed 004's criterion): per output cross-entropy{(m.Dice ? " + multi-class Dice loss" : "")}, ignoring {m.IgnoreIndex};"
                : $"Loss of <see cref=\"{m.Type.Name}\"/>: per output binary cross-entropy with logits;",
            m.HasAux ? "the total is out + 0.5 * aux." : "the total is the loss of out.",
        ];
        string target = m.IsMultiClass
            ? $"class indices [N, H, W] (int64, 0..{m.Classes - 1}, {m.IgnoreIndex} ignored)"
            : LossModel.MaskTarget;
        LossCriterion criterion = !m.IsMultiClass ? LossCriterion.BinaryCrossEntropy
            : m.Dice ? LossCriterion.CrossEntropyAndDice : LossCriterion.CrossEntropyPart;
        // The class weights weigh the cross-entropy, which only a multi-class UNet computes.
        return new LossModel(doc.ToEquatableArray(), "output", target, criterion, m.HasAux ? LossTotal.WithAux : LossTotal.Single,
            constants.ToEquatableArray(), m.ClassWeights, m.IsMultiClass ? m.IgnoreIndex : null, m.Classes);
    }

    private static SummaryModel Summary(UNetModel m, ModuleLayout layout, OnnxContract onnx)
    {
        var rows = m.Blocks.Select(b => new SummaryRow(b.Name, BlockText(b, m.Bilinear), b.InputShape.ToString(), b.OutputShape.ToString(), b.Parameters));
        return new SummaryModel(m.CliName, layout.TotalParameters, m.MinimumSize,
            $"Smallest input height and width: 2^{m.Depth}, for {m.Depth} floor-mode poolings.",
            $"{m.CliName} ({m.Type.Name}): input {UNetModuleText.Input(m)}, {m.Classes} output channel(s)",
            "Per block: kind, input and output shape, parameters.",
            rows.ToEquatableArray(), Shapes.ActivationPeaks.For(layout), onnx.SummaryLines().ToEquatableArray(),
            EquatableArray<ExportCost>.Empty, EquatableArray<string>.Empty);
    }

    private static string BlockText(UNetBlockModel b, bool bilinear) => b.Kind switch
    {
        UNetBlockKind.Up => bilinear ? $"Up bilinear (mid {b.MidChannels})" : "Up transposed",
        UNetBlockKind.Down => "Down (pool, DoubleConv)",
        _ => b.BlockName,
    };
}
