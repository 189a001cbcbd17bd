using System.Linq;
using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>Emits <c>{Namespace}.{Class}.Output.g.cs</c> for a [UNetPlusPlus]: <c>Out</c>, or <c>Out1..OutL</c> with deep supervision.</summary>
internal static class UNetPlusPlusOutputEmitter
{
    public static string Emit(UNetPlusPlusModel model)
    {
        IndentedWriter w = SourceHeader.Start(model.Type, "Output", "UNetPlusPlus");
        string name = model.Type.Name + "Output";
        string tensor = RuntimeApi.Tensor;
        var heads = Enumerable.Range(1, model.Heads)
            .Select(d => (Output: model.OutputName(d), Property: model.DeepSupervision ? "Out" + d : "Out", Node: model.DeepSupervision ? "x0_" + d : "x0_" + model.Levels, Module: model.DeepSupervision ? model.HeadModule(d) : model.HeadModule(0)))
            .ToList();
        string Local(string output) => output == "out" ? "@out" : output;

        w.Line($"/// <summary>What <see cref=\"{model.Type.Name}\"/>'s forward returns (logits); disposing it frees every tensor in it.</summary>");
        using (w.Block($"{model.Type.Accessibility} sealed class {name} : global::System.IDisposable"))
        {
            using (w.Block($"public {name}({string.Join(", ", heads.Select(h => $"{tensor} {Local(h.Output)}"))})"))
            {
                foreach (var h in heads)
                    w.Line($"{h.Property} = {Local(h.Output)};");
            }
            foreach (var h in heads)
            {
                w.Line();
                w.Line($"/// <summary>Logits {model.OutputShape}: {h.Module} on {h.Node}.</summary>");
                w.Line($"public {tensor} {h.Property} {{ get; }}");
            }
            w.Line();
            w.Line($"/// <summary>The logits by name as the command line writes them: {string.Join(", ", heads.Select(h => $"(\"{h.Output}\", ...)"))}.</summary>");
            using (w.Block($"public {RuntimeApi.NamedTensors} ToNamedList() => new (string Name, {tensor} Value)[]", "};"))
            {
                foreach (var h in heads)
                    w.Line($"(\"{h.Output}\", {h.Property}),");
            }
            w.Line();
            using (w.Block("public void Dispose()"))
            {
                foreach (var h in heads)
                    w.Line($"{h.Property}.Dispose();");
            }
        }
        return w.ToString();
    }
}
