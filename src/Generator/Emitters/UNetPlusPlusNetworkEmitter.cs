using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>Emits <c>{Namespace}.{Class}.Network.g.cs</c> for a [UNetPlusPlus]: the explicit <c>ISegmentationNetwork</c> implementation; Predict uses the deepest head.</summary>
internal static class UNetPlusPlusNetworkEmitter
{
    public static string Emit(UNetPlusPlusModel model)
    {
        IndentedWriter w = SourceHeader.Start(model.Type, "Network", "UNetPlusPlus");
        string main = model.DeepSupervision ? "output.Out" + model.Levels : "output.Out";
        string activation = model.IsMultiClass ? $"{RuntimeApi.F}.softmax({main}, 1)" : $"{RuntimeApi.F}.sigmoid({main})";
        string fixedSize = model.FixedHeight is int h ? $"({h}, {model.FixedWidth})" : "null";
        NetworkWriter.Write(w, model.Type.Name, "UNetPlusPlus", fixedSize, activation);
        return w.ToString();
    }
}
