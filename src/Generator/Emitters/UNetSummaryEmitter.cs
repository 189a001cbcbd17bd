using System.Linq;
using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>Emits <c>{Namespace}.{Class}.Summary.g.cs</c> for a [UNet]: per block its input and output shapes and parameters.</summary>
internal static class UNetSummaryEmitter
{
    public static string Emit(UNetModel model)
    {
        IndentedWriter w = SourceHeader.Start(model.Type, "Summary", "UNet");
        var rows = model.Blocks.Select(b => new SummaryRow(b.Name, BlockText(b, model.Bilinear), b.InputShape.ToString(), b.OutputShape.ToString(), b.Parameters)).ToList();
        string title = $"{model.CliName} ({model.Type.Name}): input {UNetModuleEmitter.InputText(model)}, {model.Classes} output channel(s)";
        SummaryWriter.Write(w, model.Type.Name, model.CliName, model.TotalParameters, model.InputChannels, model.Classes, model.MinimumSize,
            $"Smallest input height and width: 2^{model.Depth}, for {model.Depth} floor-mode poolings.", title, rows, Shapes.ActivationPeaks.ForUNet(model),
            OnnxContract.For(model).SummaryLines());
        return w.ToString();
    }

    private static string BlockText(UNetBlockModel b, bool bilinear) => b.Kind switch
    {
        UNetBlockKind.Up => bilinear ? $"Up bilinear (mid {b.MidChannels})" : "Up transposed",
        UNetBlockKind.Down => "Down (pool, DoubleConv)",
        _ => b.BlockName,
    };
}
