using System.Collections.Generic;
using System.Linq;
using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>
/// Emits <c>{Namespace}.{Class}.Loss.g.cs</c> for a [UNet]: seed 004's criterion. Per output, cross-entropy
/// (class weights, ignore index) plus the multi-class Dice loss; <c>out + 0.5 * aux</c> with an auxiliary head.
/// One class: binary cross-entropy with logits on the mask instead.
/// </summary>
internal static class UNetLossEmitter
{
    public static string Emit(UNetModel model)
    {
        IndentedWriter w = SourceHeader.Start(model.Type, "Loss", "UNet");
        string name = model.Type.Name + "Loss";
        string tensor = RuntimeApi.Tensor;
        var outputs = model.HasAux ? new[] { "out", "aux" } : new[] { "out" };
        string targetDoc = model.IsMultiClass
            ? $"class indices [N, H, W] (int64, 0..{model.Classes - 1}, {model.IgnoreIndex} ignored)"
            : "the mask [N, 1, H, W] (float, 0..1)";

        w.Line("/// <summary>");
        w.Line(model.IsMultiClass
            ? $"/// Loss of <see cref=\"{model.Type.Name}\"/> (seed 004's criterion): per output cross-entropy{(model.Dice ? " + multi-class Dice loss" : "")}, ignoring {model.IgnoreIndex};"
            : $"/// Loss of <see cref=\"{model.Type.Name}\"/>: per output binary cross-entropy with logits;");
        w.Line(model.HasAux ? "/// the total is out + 0.5 * aux." : "/// the total is the loss of out.");
        w.Line("/// </summary>");
        using (w.Block($"{model.Type.Accessibility} static class {name}"))
        {
            if (model.IsMultiClass)
            {
                w.Line("/// <summary>Target value the loss skips (ROI borders and padding in the seed's data).</summary>");
                w.Line($"public const long IgnoreIndex = {model.IgnoreIndex};");
                w.Line();
            }
            if (model.HasAux)
            {
                w.Line("/// <summary>Weight of the auxiliary output's loss.</summary>");
                w.Line($"public const double AuxWeight = {RuntimeApi.Losses}.AuxWeight;");
                w.Line();
            }
            if (model.ClassWeights.Count > 0)
            {
                w.Line("/// <summary>Per-class weights of the cross-entropy.</summary>");
                w.Line($"public static global::System.Collections.Generic.IReadOnlyList<float> ClassWeights {{ get; }} = new float[] {{ {string.Join(", ", model.ClassWeights.Select(Format.FloatLiteral))} }};");
                w.Line();
            }

            using (LossWriter.BeginCompute(w, model.Type.Name, "output", targetDoc))
            {
                var terms = new List<string>();
                if (model.ClassWeights.Count > 0)
                    w.Line($"using var weight = {RuntimeApi.Torch}.tensor(global::System.Linq.Enumerable.ToArray(ClassWeights), dtype: outputs[0].Value.dtype, device: target.device);");
                string weightArg = model.ClassWeights.Count > 0 ? "weight" : "null";
                foreach (string o in outputs)
                {
                    string local = o == "out" ? "@out" : o; // "out" is a keyword
                    if (!model.IsMultiClass)
                    {
                        w.Line($"var {local} = {RuntimeApi.F}.binary_cross_entropy_with_logits(Find(outputs, \"{o}\"), target);");
                        terms.Add(o);
                        continue;
                    }
                    w.Line($"var {o}_ce = {RuntimeApi.F}.cross_entropy(Find(outputs, \"{o}\"), target, {weightArg}, IgnoreIndex);");
                    terms.Add(o + "_ce");
                    if (model.Dice)
                    {
                        w.Line($"var {o}_dice = global::Segment.Runtime.Losses.DiceLoss.forward(Find(outputs, \"{o}\"), target, {model.Classes}, IgnoreIndex);");
                        w.Line($"var {local} = {o}_ce + {o}_dice;");
                        terms.Add(o + "_dice");
                    }
                    else
                    {
                        w.Line($"var {local} = {o}_ce.clone();");
                    }
                    terms.Add(o);
                }
                w.Line(model.HasAux ? $"var total = {RuntimeApi.Losses}.with_aux(@out, aux, AuxWeight);" : "var total = @out.clone();");
                string list = string.Join(", ", terms.Select(t => $"(\"{t}\", {(t == "out" ? "@out" : t)})"));
                w.Line($"return (total, new (string Name, {tensor} Value)[] {{ {list} }});");
            }
            LossWriter.WriteFind(w, model.CliName, outputs);
        }
        return w.ToString();
    }
}
