using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Segment.Generator.Emitters;
using Segment.Generator.Model;

namespace Segment.Generator.Contracts;

/// <summary>
/// A UNet++'s surface: <c>Out</c>, or <c>Out1..OutL</c> with deep supervision; per head BCE with logits for one class
/// (pytorch-nested-unet's BCEDiceLoss with Dice = true), cross-entropy over classes (ignore index) otherwise, averaged
/// over the heads with deep supervision; the per-node summary with the cost of each pruned export.
/// </summary>
internal static class UNetPlusPlusContract
{
    public static NetworkContract Of(UNetPlusPlusModel m, ModuleLayout layout)
    {
        OnnxContract onnx = Onnx(m);
        var heads = Enumerable.Range(1, m.Heads).Select(d => new OutputHead(
            m.OutputName(d),
            m.DeepSupervision ? "Out" + d : "Out",
            $"Logits {m.OutputShape}: {(m.DeepSupervision ? m.HeadModule(d) : m.HeadModule(0))} on {(m.DeepSupervision ? "x0_" + d : "x0_" + m.Levels)}."));
        return new NetworkContract("UNetPlusPlus", m.InputChannels, m.Classes, m.FixedHeight, m.FixedWidth, heads.ToEquatableArray(),
            m.DeepSupervision ? "Out" + m.Levels : "Out", " (logits)", null, Loss(m), Summary(m, layout, onnx), onnx);
    }

    private static OnnxContract Onnx(UNetPlusPlusModel m)
    {
        var extras = Enumerable.Range(1, m.Heads).Select(d => new OnnxOutput(m.OutputName(d), m.OutputShape, $"logits of {m.HeadModule(d)}")).ToArray();
        return new OnnxContract("UNetPlusPlus", m.Classes, OnnxContract.ProbabilitiesOf(extras[extras.Length - 1].Name, m.OutputShape, m.IsMultiClass), extras,
            m.DeepSupervision ? m.Heads : 0, m.Multiple);
    }

    /// <summary>The stand-in's surface, from the declaration alone.</summary>
    public static StandInSurface StandIn(UNetPlusPlusSpec spec)
    {
        UNetPlusPlusOptions o = spec.Options;
        int heads = System.Math.Min(System.Math.Max(o.Filters.Count - 1, 1), StandInSurface.MaxHeads);
        var outputs = o.DeepSupervision
            ? Enumerable.Range(1, heads).Select(d => new OutputHead("out" + d, "Out" + d, "")).ToList()
            : new List<OutputHead> { new("out", "Out", "") };
        var lossConstants = new List<LossConstant>();
        if (o.Classes > 1)
            lossConstants.Add(new("", "long", "IgnoreIndex", o.IgnoreIndex.ToString(CultureInfo.InvariantCulture)));
        return new StandInSurface(spec.Type, "UNetPlusPlus", o.CliName, spec.Input?.Channels ?? 3, o.Classes, outputs.ToEquatableArray(),
            Probabilities: false, lossConstants.ToEquatableArray(), null, o.DeepSupervision ? heads : 0);
    }

    private static LossModel Loss(UNetPlusPlusModel m)
    {
        var constants = new List<LossConstant>();
        if (m.IsMultiClass)
            constants.Add(new("Target value the cross-entropy skips.", "long", "IgnoreIndex", m.IgnoreIndex.ToString(CultureInfo.InvariantCulture)));
        string termDoc = m.IsMultiClass
            ? $"cross-entropy over classes (ignoring {m.IgnoreIndex})"
            : m.BceDice ? "BCEDiceLoss (0.5 BCE with logits + 1 - soft Dice)" : "binary cross-entropy with logits";
        string[] doc =
        [
            $"Loss of <see cref=\"{m.Type.Name}\"/>: {termDoc} per head,",
            m.DeepSupervision ? $"averaged over the {m.Heads} heads (deep supervision)." : "of the one head.",
        ];
        string target = m.IsMultiClass
            ? $"class indices [N, H, W] (int64, 0..{m.Classes - 1}, {m.IgnoreIndex} ignored)"
            : LossModel.MaskTarget;
        LossCriterion criterion = m.IsMultiClass ? LossCriterion.CrossEntropy : m.BceDice ? LossCriterion.BceDice : LossCriterion.BinaryCrossEntropy;
        return new LossModel(doc.ToEquatableArray(), "head", target, criterion, m.Heads == 1 ? LossTotal.Single : LossTotal.Mean,
            constants.ToEquatableArray(), EquatableArray<double>.Empty, m.IsMultiClass ? m.IgnoreIndex : null, m.Classes);
    }

    private static SummaryModel Summary(UNetPlusPlusModel m, ModuleLayout layout, OnnxContract onnx)
    {
        var rows = m.Nodes.Select(n => new SummaryRow(n.ModuleName, "VGGBlock", n.InputShape.ToString(), n.OutputShape.ToString(), n.Parameters)).ToList();
        TensorShape headInput = m.OutputShape.WithChannels(m.Head.InChannels);
        for (int d = 1; d <= m.Heads; d++)
            rows.Add(new SummaryRow(m.DeepSupervision ? m.HeadModule(d) : m.HeadModule(0), "conv 1x1", headInput.ToString(), m.OutputShape.ToString(), m.Head.Parameters));
        var costs = UNetPlusPlusExportCost.Rows(m);
        var exports = new List<SummaryExport>(onnx.SummaryLines());
        if (m.DeepSupervision)
            exports.AddRange(costs.Select(c => new SummaryExport($"--head {c.Heads}",
                $"{Format.Count(c.Parameters)} parameters, {Format.Count(c.MultiplyAddsPerCell)} multiply-adds per {m.Multiple} x {m.Multiple} input pixels")));
        string[] costsDoc =
        [
            m.DeepSupervision
                ? $"Per ONNX export pruned to heads 1..Heads (row Heads - 1): trainable parameters and the convolutions' multiply-adds per {m.Multiple} x {m.Multiple}"
                : $"The ONNX export (one row): trainable parameters and the convolutions' multiply-adds per {m.Multiple} x {m.Multiple}",
            $"cell of the input (at H x W: MultiplyAddsPerCell * H/{m.Multiple} * W/{m.Multiple}).",
        ];
        return new SummaryModel(m.CliName, layout.TotalParameters, m.Multiple,
            $"Smallest input height and width: 2^{m.Levels}; H and W must also be multiples of it (up doubles exactly).",
            $"{m.CliName} ({m.Type.Name}): input {UNetModuleText.Input(m)}, {m.Classes} output channel(s)",
            "Per block: kind, input and output shape, parameters.",
            rows.ToEquatableArray(), Shapes.ActivationPeaks.For(layout), exports.ToEquatableArray(),
            costs.ToEquatableArray(), costsDoc.ToEquatableArray());
    }
}
