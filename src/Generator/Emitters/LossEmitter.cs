using System.Collections.Generic;
using System.Linq;
using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>
/// Emits <c>{Namespace}.{Class}.Loss.g.cs</c> for every family from its <see cref="LossModel"/>: the constants, then
/// <c>Compute</c> with one statement per output head (its <see cref="LossCriterion"/>) and the total
/// (<see cref="LossTotal"/>), on logits for numerical safety; every term is returned by name for the logs.
/// </summary>
internal static class LossEmitter
{
    public static string Emit(TypeDeclarationInfo type, NetworkContract contract)
    {
        LossModel loss = contract.Loss;
        IndentedWriter w = SourceHeader.Start(type, "Loss", contract.Family);
        var heads = contract.Heads.ToList();

        w.Line("/// <summary>");
        foreach (string line in loss.Doc)
            w.Line("/// " + line);
        w.Line("/// </summary>");
        using (w.Block($"{type.Accessibility} static class {type.Name}Loss"))
        {
            foreach (LossConstant c in loss.Constants)
            {
                w.Line($"/// <summary>{c.Doc}</summary>");
                w.Line($"public const {c.Type} {c.Name} = {c.Value};");
                w.Line();
            }
            if (loss.ClassWeights.Count > 0)
            {
                w.Line("/// <summary>Per-class weights of the cross-entropy.</summary>");
                w.Line($"public static global::System.Collections.Generic.IReadOnlyList<float> ClassWeights {{ get; }} = new float[] {{ {string.Join(", ", loss.ClassWeights.Select(Format.FloatLiteral))} }};");
                w.Line();
            }

            using (LossWriter.BeginCompute(w, type.Name, loss.TermKind, loss.TargetDoc))
            {
                if (loss.ClassWeights.Count > 0)
                    w.Line($"using var weight = {RuntimeApi.Torch}.tensor(global::System.Linq.Enumerable.ToArray(ClassWeights), dtype: outputs[0].Value.dtype, device: target.device);");
                var terms = new List<(string Name, string Local)>();
                foreach (OutputHead head in heads)
                    WriteTerm(w, loss, head, terms);
                WriteTotal(w, loss.Total, heads);
                string list = string.Join(", ", terms.Select(t => $"(\"{t.Name}\", {t.Local})"));
                w.Line($"return (total, new (string Name, {RuntimeApi.Tensor} Value)[] {{ {list} }});");
            }
            LossWriter.WriteFind(w, contract.Summary.CliName, heads.Select(h => h.Name));
        }
        return w.ToString();
    }

    /// <summary>The statements of one head's term, adding what they report to <paramref name="terms"/>.</summary>
    private static void WriteTerm(IndentedWriter w, LossModel loss, OutputHead head, List<(string Name, string Local)> terms)
    {
        string logits = $"Find(outputs, \"{head.Name}\")";
        string o = head.Name;
        switch (loss.Criterion)
        {
            case LossCriterion.BinaryCrossEntropy:
                w.Line($"var {head.Local} = {RuntimeApi.F}.binary_cross_entropy_with_logits({logits}, target);");
                break;
            case LossCriterion.BceDice:
                w.Line($"var {head.Local} = global::Segment.Runtime.Losses.BceDiceLoss.forward({logits}, target);");
                break;
            case LossCriterion.CrossEntropy:
                w.Line($"var {head.Local} = {RuntimeApi.F}.cross_entropy({logits}, target{(loss.IgnoreIndex is null ? "" : ", null, IgnoreIndex")});");
                break;
            default:
                string weight = loss.ClassWeights.Count > 0 ? "weight" : "null";
                w.Line($"var {o}_ce = {RuntimeApi.F}.cross_entropy({logits}, target, {weight}, IgnoreIndex);");
                terms.Add((o + "_ce", o + "_ce"));
                if (loss.Criterion == LossCriterion.CrossEntropyAndDice)
                {
                    w.Line($"var {o}_dice = global::Segment.Runtime.Losses.DiceLoss.forward({logits}, target, {loss.Classes}, IgnoreIndex);");
                    w.Line($"var {head.Local} = {o}_ce.add({o}_dice, {RuntimeApi.One});");
                    terms.Add((o + "_dice", o + "_dice"));
                }
                else
                {
                    w.Line($"var {head.Local} = {o}_ce.clone();");
                }
                break;
        }
        terms.Add((o, head.Local));
    }

    private static void WriteTotal(IndentedWriter w, LossTotal total, List<OutputHead> heads)
    {
        switch (total)
        {
            case LossTotal.WeightedSum:
                w.Line($"var total = {RuntimeApi.Losses}.weighted_sum(");
                w.Line($"    new[] {{ {string.Join(", ", heads.Select(h => h.Local))} }},");
                w.Line($"    new[] {{ {string.Join(", ", heads.Select(h => h.Property + "Weight"))} }});");
                break;
            case LossTotal.WithAux:
                w.Line($"var total = {RuntimeApi.Losses}.with_aux({heads[0].Local}, {heads[1].Local}, AuxWeight);");
                break;
            case LossTotal.Mean:
                w.Line($"var total = {RuntimeApi.Losses}.mean(new[] {{ {string.Join(", ", heads.Select(h => h.Local))} }});");
                break;
            default:
                w.Line($"var total = {heads[0].Local}.clone();");
                break;
        }
    }
}
