using System.Collections.Generic;
using System.Linq;
using Segment.Generator.Emitters;
using Segment.Generator.Model;

namespace Segment.Generator.Contracts;

/// <summary>
/// A UNet++'s module: VGG blocks conv{i}_{j} registered column by column as the seed declares them, the heads final /
/// final1..L, a straight-line forward over the nodes x{i}_{j}, and with deep supervision the pruned forwards
/// ForwardL1..ForwardLL (the UNet++ paper's fast mode) and ForwardPruned(input, depth).
/// </summary>
internal static class UNetPlusPlusLayout
{
    public static ModuleLayout Of(UNetPlusPlusModel m)
    {
        string input = UNetModuleText.Input(m);
        string[] doc =
        [
            "<summary>",
            $"UNet++ \"{m.CliName}\": filters [{string.Join(", ", m.Filters)}] ({m.Levels} levels), {m.Classes} class(es), {(m.DeepSupervision ? $"deep supervision ({m.Levels} heads)" : "one head")}{(m.BlockOptions.IsSeed ? "" : $", blocks: {m.BlockOptions}")};",
            $"input {input}, {Format.Count(m.TotalParameters)} parameters. Child names equal the seed's PyTorch state_dict keys.",
            "</summary>",
        ];
        var children = m.Nodes.OrderBy(n => n.Column).ThenBy(n => n.Row)
            .Select(n => new ModuleChild(n.ModuleName, new VggChild(n.InChannels, n.OutChannels, n.OutChannels) { Parameters = n.Parameters }))
            .Concat(Enumerable.Range(1, m.Heads).Select(d => new ModuleChild(m.DeepSupervision ? m.HeadModule(d) : m.HeadModule(m.Levels), new ConvChild(m.Head) { Parameters = m.Head.Parameters })))
            .ToEquatableArray();
        string[] forwardDoc =
        [
            "<summary>",
            $"Runs every node on <paramref name=\"input\"/> {input}, anti-diagonal by anti-diagonal, and returns the logits of {(m.DeepSupervision ? "every head" : "the head")}.",
            "</summary>",
            $"<exception cref=\"global::System.ArgumentException\">The input is not {input}; the message says what size to pad to.</exception>",
        ];
        string height = m.FixedHeight?.ToString() ?? "null";
        string width = m.FixedWidth?.ToString() ?? "null";
        string guard = $"{RuntimeApi.InputGuard}.CheckMultiple(input, \"{m.CliName}\", channels: {m.InputChannels}, multiple: {m.Multiple}, height: {height}, width: {width});";
        var pruned = new List<ExtraForward>();
        if (m.DeepSupervision)
        {
            for (int d = 1; d <= m.Levels; d++)
            {
                string[] prunedDoc =
                [
                    "<summary>",
                    $"The network pruned to depth {d}: only the nodes x{{i}}_{{j}} with i + j &lt;= {d}, which head final{d} needs;",
                    $"equals <c>forward(input).Out{d}</c> at a fraction of the cost. Returns logits {m.OutputShape}.",
                    "</summary>",
                ];
                pruned.Add(new ExtraForward($"ForwardL{d}", prunedDoc.ToEquatableArray(), m.Pruned[d - 1], "logits"));
            }
        }
        ForwardSelector? selector = m.DeepSupervision
            ? new ForwardSelector($"The pruned forward of <paramref name=\"depth\"/> (1..{m.Levels}): <c>ForwardL{{depth}}</c>.", $"{m.CliName} has heads for depths 1..{m.Levels}")
            : null;
        return new ModuleLayout(doc.ToEquatableArray(), m.Nodes[0].InputShape, new[] { new ChildGroup(null, children) }.ToEquatableArray(), forwardDoc.ToEquatableArray(),
            guard, m.Forward, EquatableArray<string>.Empty, m.Forward.Results, pruned.ToEquatableArray(), selector);
    }
}
