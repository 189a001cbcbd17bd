using System.Linq;
using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>
/// Emits <c>{Namespace}.{Class}.Module.g.cs</c> for a [UNetPlusPlus]: VGG blocks conv{i}_{j} registered column by
/// column as the seed declares them, the heads final / final1..L, a straight-line forward over the nodes x{i}_{j},
/// and with deep supervision the pruned forwards ForwardL1..ForwardLL (the UNet++ paper's fast mode).
/// </summary>
internal static class UNetPlusPlusModuleEmitter
{
    public static string Emit(UNetPlusPlusModel model)
    {
        IndentedWriter w = SourceHeader.Start(model.Type, "Module", "UNetPlusPlus");
        string output = model.Type.Name + "Output";
        var heads = Enumerable.Range(1, model.Heads).Select(d => model.DeepSupervision ? model.HeadModule(d) : model.HeadModule(model.Levels)).ToList();

        w.Line("/// <summary>");
        w.Line($"/// UNet++ \"{model.CliName}\": filters [{string.Join(", ", model.Filters)}] ({model.Levels} levels), {model.Classes} class(es), {(model.DeepSupervision ? $"deep supervision ({model.Levels} heads)" : "one head")}{Blocks(model)};");
        w.Line($"/// input {InputText(model)}, {Format.Count(model.TotalParameters)} parameters. Child names equal the seed's PyTorch state_dict keys.");
        w.Line("/// </summary>");
        using (w.Block($"partial class {model.Type.Name} : {RuntimeApi.Module}<{RuntimeApi.Tensor}, {output}>"))
        {
            var registration = model.Nodes.OrderBy(n => n.Column).ThenBy(n => n.Row).ToList();
            foreach (NestedNodeModel node in registration)
                w.Line($"private readonly {RuntimeApi.VggBlock} {node.ModuleName};");
            foreach (string head in heads)
                w.Line($"private readonly {RuntimeApi.Conv2d} {head};");
            w.Line();
            BlockOptionsWriter.WriteField(w, model.BlockOptions);
            w.Line("/// <summary>Creates the network with PyTorch's default initialisation.</summary>");
            using (w.Block(ModuleWriter.Constructor(model.Type.Name)))
            {
                foreach (NestedNodeModel n in registration)
                    RuntimeApi.WriteRegistered(w, n.ModuleName, n.ModuleName, $"new {RuntimeApi.VggBlock}({n.InChannels}, {n.OutChannels}, {n.OutChannels}{BlockOptionsWriter.Argument(model.BlockOptions)})");
                foreach (string head in heads)
                    RuntimeApi.WriteRegistered(w, head, head, RuntimeApi.New(model.Head));
            }
            w.Line();
            ModuleWriter.WriteLoadStateDict(w);
            w.Line();
            ModuleWriter.WriteRegisterComponents(w);
            w.Line();
            w.Line("/// <summary>");
            w.Line($"/// Runs every node on <paramref name=\"input\"/> {InputText(model)}, anti-diagonal by anti-diagonal, and returns the logits of {(model.DeepSupervision ? "every head" : "the head")}.");
            w.Line("/// </summary>");
            w.Line($"/// <exception cref=\"global::System.ArgumentException\">The input is not {InputText(model)}; the message says what size to pad to.</exception>");
            using (w.Block($"public override {output} forward({RuntimeApi.Tensor} input)"))
            {
                WriteGuard(w, model);
                ForwardWriter.Write(w, model.Forward);
                w.Line($"return new {output}({string.Join(", ", model.Forward.Results)});");
            }
            if (model.DeepSupervision)
                WritePruned(w, model);
        }
        return w.ToString();
    }

    private static string Blocks(NetworkModel m) => m.BlockOptions.IsSeed ? "" : $", blocks: {m.BlockOptions}";

    public static string InputText(UNetPlusPlusModel m) => m.FixedHeight is int h
        ? $"[N, {m.InputChannels}, {h}, {m.FixedWidth}]"
        : $"[N, {m.InputChannels}, H, W] with H, W multiples of {m.Multiple}";

    private static void WriteGuard(IndentedWriter w, UNetPlusPlusModel model)
    {
        string height = model.FixedHeight?.ToString() ?? "null";
        string width = model.FixedWidth?.ToString() ?? "null";
        w.Line($"{RuntimeApi.InputGuard}.CheckMultiple(input, \"{model.CliName}\", channels: {model.InputChannels}, multiple: {model.Multiple}, height: {height}, width: {width});");
    }

    private static void WritePruned(IndentedWriter w, UNetPlusPlusModel model)
    {
        for (int d = 1; d <= model.Levels; d++)
        {
            w.Line();
            w.Line("/// <summary>");
            w.Line($"/// The network pruned to depth {d}: only the nodes x{{i}}_{{j}} with i + j &lt;= {d}, which head final{d} needs;");
            w.Line($"/// equals <c>forward(input).Out{d}</c> at a fraction of the cost. Returns logits {model.OutputShape}.");
            w.Line("/// </summary>");
            using (w.Block($"public {RuntimeApi.Tensor} ForwardL{d}({RuntimeApi.Tensor} input)"))
            {
                WriteGuard(w, model);
                ForwardWriter.Write(w, model.Pruned[d - 1]);
                w.Line("return logits;");
            }
        }
        w.Line();
        w.Line($"/// <summary>The pruned forward of <paramref name=\"depth\"/> (1..{model.Levels}): <c>ForwardL{{depth}}</c>.</summary>");
        w.Line($"/// <exception cref=\"global::System.ArgumentOutOfRangeException\">depth is not 1..{model.Levels}.</exception>");
        using (w.Block($"public {RuntimeApi.Tensor} ForwardPruned({RuntimeApi.Tensor} input, int depth) => depth switch", "};"))
        {
            for (int d = 1; d <= model.Levels; d++)
                w.Line($"{d} => ForwardL{d}(input),");
            w.Line($"_ => throw new global::System.ArgumentOutOfRangeException(nameof(depth), depth, \"{model.CliName} has heads for depths 1..{model.Levels}\"),");
        }
    }
}
