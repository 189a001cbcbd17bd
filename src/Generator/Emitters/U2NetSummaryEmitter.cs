using System.Collections.Generic;
using System.Linq;
using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>
/// Emits <c>{Namespace}.{Class}.Summary.g.cs</c>: per stage its block, input and output shapes and
/// parameter count, all computed at compile time, and the same as a printable table.
/// </summary>
internal static class U2NetSummaryEmitter
{
    public static string Emit(U2NetModel model)
    {
        IndentedWriter w = SourceHeader.Start(model.Type, "Summary");
        string title = $"{model.CliName} ({model.Type.Name}): input "
                       + InputGuardWriter.InputText(model.InputChannels, model.FixedHeight, model.FixedWidth, model.MinimumSize)
                       + $", {model.OutChannels} output channel(s)";
        SummaryWriter.Write(w, model.Type.Name, model.CliName, model.TotalParameters, model.InputChannels, model.OutChannels, model.MinimumSize,
                            "Smallest input height and width: 1. Ceil-mode pooling never empties a map and every decoder resizes to its skip, so any size runs, as in the seeds.",
                            title, Rows(model), Shapes.ActivationPeaks.ForU2Net(model),
                            OnnxContract.For(model).SummaryLines(), stagesDoc: "Per stage (and the side and fuse convolutions): block, input and output shape, parameters.");
        return w.ToString();
    }

    private static List<SummaryRow> Rows(U2NetModel model)
    {
        var rows = model.Encoders.Concat(model.Decoders)
            .Select(s => new SummaryRow(s.Name, s.BlockName, s.InputShape.ToString(), s.OutputShape.ToString(), s.Parameters))
            .ToList();
        foreach (SideModel side in model.Sides)
        {
            string block = $"side conv {side.Conv.KernelSize}x{side.Conv.KernelSize}";
            rows.Add(new SummaryRow("side" + side.Number, block, side.StageShape.ToString(), side.OutputShape.ToString(), side.Conv.Parameters));
        }
        var fuseInput = model.OutputShape.WithChannels(model.OutConv.InChannels);
        rows.Add(new SummaryRow("out_conv", "conv 1x1", fuseInput.ToString(), model.OutputShape.ToString(), model.OutConv.Parameters));
        return rows;
    }
}
