using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>
/// Emits <c>{Namespace}.{Class}.Network.g.cs</c> for every family: the explicit <c>ISegmentationNetwork</c>
/// implementation the command line drives every network through, from the Summary constants, the typed output's
/// named list and the generated loss. Explicit, so it adds nothing to the class's own surface.
/// </summary>
internal static class NetworkEmitter
{
    public static string Emit(TypeDeclarationInfo type, NetworkContract contract)
    {
        IndentedWriter w = SourceHeader.Start(type, "Network", contract.Family);
        string net = RuntimeApi.Network;
        string tensor = RuntimeApi.Tensor;
        string fixedSize = contract.FixedHeight is int h ? $"({h}, {contract.FixedWidth})" : "null";
        string main = "output." + contract.MainHead;
        string activation = contract.IsMultiClass ? $"{RuntimeApi.F}.softmax({main}, 1)" : $"{RuntimeApi.F}.sigmoid({main})";
        using (w.Block($"partial class {type.Name} : {net}"))
        {
            w.Line($"string {net}.Name => Summary.Network;");
            w.Line();
            w.Line($"{RuntimeApi.NetworkFamily} {net}.Family => {RuntimeApi.NetworkFamily}.{contract.Family};");
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
            w.Line($"double {net}.PeakActivationBytes(long batch, long height, long width) => Summary.PeakActivationBytes(batch, height, width);");
            w.Line();
            // call, not forward, so the network's own forward hooks fire.
            if (contract.Probabilities is null)
            {
                w.Line($"{RuntimeApi.NamedTensors} {net}.ForwardNamed({tensor} x) => call(x).ToNamedList();");
            }
            else
            {
                using (w.Block($"{RuntimeApi.NamedTensors} {net}.ForwardNamed({tensor} x)"))
                {
                    w.Line("var output = call(x);");
                    w.Line("output.Probabilities?.Dispose(); // not part of the named logits");
                    w.Line("return output.ToNamedList();");
                }
            }
            w.Line();
            using (w.Block($"{tensor} {net}.Predict({tensor} x)"))
            {
                w.Line("using var output = call(x);");
                w.Line($"return {activation};");
            }
            w.Line();
            w.Line($"{RuntimeApi.LossResult} {net}.Loss({RuntimeApi.NamedTensors} outputs, {tensor} target) =>");
            w.Line($"    {type.Name}Loss.Compute(outputs, target);");
        }
        return w.ToString();
    }
}
