using System.Linq;
using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>
/// Emits <c>{Namespace}.{Class}.Loss.g.cs</c>: the deep-supervision loss of seed 000 (a term for the
/// fused map and for every side, summed with the declared weights), on logits for numerical safety;
/// BCE for one output channel, cross-entropy over classes otherwise.
/// </summary>
internal static class U2NetLossEmitter
{
    public static string Emit(U2NetModel model)
    {
        IndentedWriter w = SourceHeader.Start(model.Type, "Loss");
        string name = model.Type.Name + "Loss";
        string tensor = RuntimeApi.Tensor;
        var terms = new[] { (Name: "fused", Property: "Fused", Weight: model.FusedLossWeight, Doc: "the fused map") }
            .Concat(model.Sides.Select(s => (Name: "side" + s.Number, Property: "Side" + s.Number, Weight: s.LossWeight, Doc: s.StageName + "'s side")))
            .ToList();
        string term = model.IsMultiClass
            ? $"{RuntimeApi.F}.cross_entropy(Find(outputs, \"{{0}}\"), target)"
            : $"{RuntimeApi.F}.binary_cross_entropy_with_logits(Find(outputs, \"{{0}}\"), target)";
        string targetDoc = model.IsMultiClass
            ? $"class indices [N, H, W] (int64, 0..{model.OutChannels - 1})"
            : "the mask [N, 1, H, W] (float, 0..1)";

        w.Line("/// <summary>");
        w.Line($"/// Loss of <see cref=\"{model.Type.Name}\"/>: {(model.IsMultiClass ? "cross-entropy" : "binary cross-entropy with logits")} of the fused map and of every side");
        w.Line("/// against the target, weighted and summed (seed 000 uses weight 1 for all).");
        w.Line("/// </summary>");
        using (w.Block($"{model.Type.Accessibility} static class {name}"))
        {
            foreach (var t in terms)
            {
                w.Line($"/// <summary>Weight of {t.Doc}'s term.</summary>");
                w.Line($"public const double {t.Property}Weight = {Format.Literal(t.Weight)};");
                w.Line();
            }

            using (LossWriter.BeginCompute(w, model.Type.Name, "output", targetDoc))
            {
                foreach (var t in terms)
                    w.Line($"var {t.Name} = {string.Format(term, t.Name)};");
                w.Line($"var total = {terms[0].Name} * {terms[0].Property}Weight;");
                foreach (var t in terms.Skip(1))
                    w.Line($"total.add_({t.Name}, {t.Property}Weight);");
                string list = string.Join(", ", terms.Select(t => $"(\"{t.Name}\", {t.Name})"));
                w.Line($"return (total, new (string Name, {tensor} Value)[] {{ {list} }});");
            }
            LossWriter.WriteFind(w, model.CliName, terms.Select(t => t.Name));
        }
        return w.ToString();
    }
}
