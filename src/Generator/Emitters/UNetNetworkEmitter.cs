using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>Emits <c>{Namespace}.{Class}.Network.g.cs</c> for a [UNet]: the explicit <c>ISegmentationNetwork</c> implementation.</summary>
internal static class UNetNetworkEmitter
{
    public static string Emit(UNetModel model)
    {
        IndentedWriter w = SourceHeader.Start(model.Type, "Network", "UNet");
        string activation = model.IsMultiClass ? $"{RuntimeApi.F}.softmax(output.Out, 1)" : $"{RuntimeApi.F}.sigmoid(output.Out)";
        string fixedSize = model.FixedHeight is int h ? $"({h}, {model.FixedWidth})" : "null";
        NetworkWriter.Write(w, model.Type.Name, "UNet", fixedSize, activation);
        return w.ToString();
    }
}
