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
        SummaryWriter.Write(w, model.Type.Name, model.CliName, model.TotalParameters, model.InputChannels, model.Classes, model.Multiple,
            $"Smallest input height and width: 2^{model.Levels}; H and W must also be multiples of it (up doubles exactly).", title, rows, Shapes.ActivationPeaks.ForUNetPlusPlus(model));
        return w.ToString();
    }
}
