using System.Linq;
using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>
/// Emits <c>{Namespace}.{Class}.Loss.g.cs</c> for a [UNetPlusPlus]: per head BCE with logits for one class
/// (pytorch-nested-unet's BCEDiceLoss, 0.5 BCE with logits + 1 - soft Dice, with Dice = true), cross-entropy over
/// classes (ignore index) otherwise; with deep supervision the mean over the heads.
/// </summary>
internal static class UNetPlusPlusLossEmitter
{
    public static string Emit(UNetPlusPlusModel model)
    {
        IndentedWriter w = SourceHeader.Start(model.Type, "Loss", "UNetPlusPlus");
        string name = model.Type.Name + "Loss";
        string tensor = RuntimeApi.Tensor;
        var heads = Enumerable.Range(1, model.Heads).Select(model.OutputName).ToList();
        string Local(string output) => output == "out" ? "@out" : output;
        string term = model.IsMultiClass
            ? $"{RuntimeApi.F}.cross_entropy(Find(outputs, \"{{0}}\"), target, null, IgnoreIndex)"
            : model.BceDice
                ? "global::Segment.Runtime.Losses.BceDiceLoss.forward(Find(outputs, \"{0}\"), target)"
                : $"{RuntimeApi.F}.binary_cross_entropy_with_logits(Find(outputs, \"{{0}}\"), target)";
        string termDoc = model.IsMultiClass
            ? $"cross-entropy over classes (ignoring {model.IgnoreIndex})"
            : model.BceDice ? "BCEDiceLoss (0.5 BCE with logits + 1 - soft Dice)" : "binary cross-entropy with logits";
        string targetDoc = model.IsMultiClass
            ? $"class indices [N, H, W] (int64, 0..{model.Classes - 1}, {model.IgnoreIndex} ignored)"
            : "the mask [N, 1, H, W] (float, 0..1)";

        w.Line("/// <summary>");
        w.Line($"/// Loss of <see cref=\"{model.Type.Name}\"/>: {termDoc} per head,");
        w.Line(model.DeepSupervision ? $"/// averaged over the {model.Heads} heads (deep supervision)." : "/// of the one head.");
        w.Line("/// </summary>");
        using (w.Block($"{model.Type.Accessibility} static class {name}"))
        {
            if (model.IsMultiClass)
            {
                w.Line("/// <summary>Target value the cross-entropy skips.</summary>");
                w.Line($"public const long IgnoreIndex = {model.IgnoreIndex};");
                w.Line();
            }
            using (LossWriter.BeginCompute(w, model.Type.Name, "head", targetDoc))
            {
                foreach (string h in heads)
                    w.Line($"var {Local(h)} = {string.Format(term, h)};");
                if (heads.Count == 1)
                {
                    w.Line("var total = @out.clone();");
                }
                else
                {
                    w.Line($"using var sum = {string.Join(" + ", heads.Select(Local))};");
                    w.Line($"var total = sum / {heads.Count}.0;");
                }
                string list = string.Join(", ", heads.Select(h => $"(\"{h}\", {Local(h)})"));
                w.Line($"return (total, new (string Name, {tensor} Value)[] {{ {list} }});");
            }
            LossWriter.WriteFind(w, model.CliName, heads);
        }
        return w.ToString();
    }
}
