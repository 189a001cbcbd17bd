namespace Segment.Generator.Emitters;

/// <summary>
/// The explicit <c>ISegmentationNetwork</c> implementation of the UNet families: everything from the
/// Summary constants, the typed output's named list and the generated loss. Explicit, so it adds nothing to the class's own surface.
/// </summary>
internal static class NetworkWriter
{
    /// <param name="activation">Probabilities from the typed output named <c>output</c> (softmax or sigmoid of its main logits).</param>
    /// <param name="forwardNamedBody">
    /// Statements of a block body for <c>ForwardNamed</c> (U2-Net drops its probabilities first); null for
    /// <c>call(x).ToNamedList()</c> as an expression body (call, so the network's forward hooks fire).
    /// </param>
    /// <param name="family">The <c>NetworkFamily</c> member: U2Net, UNet or UNetPlusPlus.</param>
    public static void Write(IndentedWriter w, string className, string family, string fixedSize, string activation, string[]? forwardNamedBody = null)
    {
        string net = RuntimeApi.Network;
        string tensor = RuntimeApi.Tensor;
        using (w.Block($"partial class {className} : {net}"))
        {
            w.Line($"string {net}.Name => Summary.Network;");
            w.Line();
            w.Line($"{RuntimeApi.NetworkFamily} {net}.Family => {RuntimeApi.NetworkFamily}.{family};");
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
            if (forwardNamedBody is null)
            {
                w.Line($"{RuntimeApi.NamedTensors} {net}.ForwardNamed({tensor} x) => call(x).ToNamedList();");
            }
            else
            {
                using (w.Block($"{RuntimeApi.NamedTensors} {net}.ForwardNamed({tensor} x)"))
                {
                    foreach (string statement in forwardNamedBody)
                        w.Line(statement);
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
            w.Line($"    {className}Loss.Compute(outputs, target);");
        }
    }
}
