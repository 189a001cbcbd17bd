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
        string net = RuntimeApi.Network;
        string tensor = RuntimeApi.Tensor;
        string fixedSize = model.FixedHeight is int h ? $"({h}, {model.FixedWidth})" : "null";
        string activation = model.IsMultiClass ? $"{RuntimeApi.F}.softmax(output.Fused, 1)" : $"{RuntimeApi.F}.sigmoid(output.Fused)";

        using (w.Block($"partial class {model.Type.Name} : {net}"))
        {
            w.Line($"string {net}.Name => Summary.Network;");
            w.Line();
            w.Line($"int {net}.InputChannels => Summary.InputChannels;");
            w.Line();
            w.Line($"int {net}.Classes => Summary.Classes;");
            w.Line();
            w.Line($"(int Height, int Width)? {net}.FixedInputSize => {fixedSize};");
            w.Line();
            w.Line($"int {net}.MinimumInputSize => Summary.MinimumInputSize;");
            w.Line();
            w.Line($"long {net}.TotalParameters => Summary.TotalParameters;");
            w.Line();
            w.Line($"string {net}.SummaryText => Summary.Text;");
            w.Line();
            using (w.Block($"{RuntimeApi.NamedTensors} {net}.ForwardNamed({tensor} x)"))
            {
                w.Line("var output = forward(x);");
                w.Line("output.Probabilities?.Dispose(); // not part of the named logits");
                w.Line("return output.ToNamedList();");
            }
            w.Line();
            using (w.Block($"{tensor} {net}.Predict({tensor} x)"))
            {
                w.Line("using var output = forward(x);");
                w.Line($"return {activation};");
            }
            w.Line();
            w.Line($"{RuntimeApi.LossResult} {net}.Loss({RuntimeApi.NamedTensors} outputs, {tensor} target) =>");
            w.Line($"    {model.Type.Name}Loss.Compute(outputs, target);");
        }
        return w.ToString();
    }
}
