using System.Collections.Generic;
using System.Linq;
using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>Emits <c>{Namespace}.{Class}.Summary.g.cs</c> for a [UNetPlusPlus]: per node and head its shapes and parameters.</summary>
internal static class UNetPlusPlusSummaryEmitter
{
    public static string Emit(UNetPlusPlusModel model)
    {
        IndentedWriter w = SourceHeader.Start(model.Type, "Summary", "UNetPlusPlus");
        var rows = model.Nodes
            .Select(n => new SummaryRow(n.ModuleName, "VGGBlock", n.InputShape.ToString(), n.OutputShape.ToString(), n.Parameters))
            .ToList();
        TensorShape headInput = model.OutputShape.WithChannels(model.Head.InChannels);
        for (int d = 1; d <= model.Heads; d++)
        {
            string head = model.DeepSupervision ? model.HeadModule(d) : model.HeadModule(0);
            rows.Add(new SummaryRow(head, "conv 1x1", headInput.ToString(), model.OutputShape.ToString(), model.Head.Parameters));
        }
        string title = $"{model.CliName} ({model.Type.Name}): input {UNetPlusPlusModuleEmitter.InputText(model)}, {model.Classes} output channel(s)";
        var costs = UNetPlusPlusExportCost.Rows(model);
        var exports = new List<(string Option, string Outputs)>(OnnxContract.For(model).SummaryLines());
        if (model.DeepSupervision)
            exports.AddRange(costs.Select(c => ($"--head {c.Heads}",
                $"{Format.Count(c.Parameters)} parameters, {Format.Count(c.MultiplyAddsPerCell)} multiply-adds per {model.Multiple} x {model.Multiple} input pixels")));
        SummaryWriter.Write(w, model.Type.Name, model.CliName, model.TotalParameters, model.InputChannels, model.Classes, model.Multiple,
            $"Smallest input height and width: 2^{model.Levels}; H and W must also be multiples of it (up doubles exactly).", title, rows, Shapes.ActivationPeaks.ForUNetPlusPlus(model),
            exports, members: m => WriteCosts(m, model, costs));
        return w.ToString();
    }

    private static void WriteCosts(IndentedWriter w, UNetPlusPlusModel model, IReadOnlyList<(int Heads, long Parameters, long MultiplyAddsPerCell)> costs)
    {
        w.Line("/// <summary>");
        w.Line(model.DeepSupervision
            ? $"/// Per ONNX export pruned to heads 1..Heads (row Heads - 1): trainable parameters and the convolutions' multiply-adds per {model.Multiple} x {model.Multiple}"
            : $"/// The ONNX export (one row): trainable parameters and the convolutions' multiply-adds per {model.Multiple} x {model.Multiple}");
        w.Line($"/// cell of the input (at H x W: MultiplyAddsPerCell * H/{model.Multiple} * W/{model.Multiple}).");
        w.Line("/// </summary>");
        using (w.Block("public static readonly global::System.Collections.Generic.IReadOnlyList<(int Heads, long Parameters, long MultiplyAddsPerCell)> Exports = new[]", "};"))
        {
            foreach (var c in costs)
                w.Line($"({c.Heads}, {c.Parameters}L, {c.MultiplyAddsPerCell}L),");
        }
    }
}
