using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>
/// Emits <c>{Namespace}.{Class}.Network.g.cs</c>: the <c>ISegmentationNetwork</c> implementation the
/// command line drives every network through. Explicit, so it adds nothing to the class's own surface.
/// </summary>
internal static class U2NetNetworkEmitter
{
    public static string Emit(U2NetModel model)
    {
        IndentedWriter w = SourceHeader.Start(model.Type, "Network");
        string fixedSize = model.FixedHeight is int h ? $"({h}, {model.FixedWidth})" : "null";
        string activation = model.IsMultiClass ? $"{RuntimeApi.F}.softmax(output.Fused, 1)" : $"{RuntimeApi.F}.sigmoid(output.Fused)";

        NetworkWriter.Write(w, model.Type.Name, "U2Net", fixedSize, activation, forwardNamedBody: new[]
        {
            "var output = call(x);",
            "output.Probabilities?.Dispose(); // not part of the named logits",
            "return output.ToNamedList();",
        });
        return w.ToString();
    }
}
