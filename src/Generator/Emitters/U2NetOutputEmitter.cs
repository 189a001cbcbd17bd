using System.Linq;
using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>Emits <c>{Namespace}.{Class}.Output.g.cs</c>: the typed result of forward (fused and side logits, probabilities).</summary>
internal static class U2NetOutputEmitter
{
    public static string Emit(U2NetModel model)
    {
        IndentedWriter w = SourceHeader.Start(model.Type, "Output");
        string name = model.Type.Name + "Output";
        string tensor = RuntimeApi.Tensor;
        var sides = model.Sides.ToList();
        string activation = model.IsMultiClass ? "softmax over the classes" : "sigmoid";

        w.Line($"/// <summary>What <see cref=\"{model.Type.Name}\"/>'s forward returns; disposing it frees every tensor in it.</summary>");
        using (w.Block($"{model.Type.Accessibility} sealed class {name} : global::System.IDisposable"))
        {
            string parameters = string.Join(", ", new[] { $"{tensor} fused" }.Concat(sides.Select(s => $"{tensor} side{s.Number}")).Concat(new[] { $"{tensor}? probabilities" }));
            using (w.Block($"public {name}({parameters})"))
            {
                w.Line("Fused = fused;");
                foreach (SideModel side in sides)
                    w.Line($"Side{side.Number} = side{side.Number};");
                w.Line("Probabilities = probabilities;");
            }
            w.Line();
            w.Line($"/// <summary>Fused logits {model.OutputShape}: out_conv over the {sides.Count} concatenated side(s).</summary>");
            w.Line($"public {tensor} Fused {{ get; }}");
            foreach (SideModel side in sides)
            {
                w.Line();
                w.Line($"/// <summary>Side {side.Number} logits {side.OutputShape}: {side.StageName}'s side convolution (side_modules.{side.ModuleIndex}){(side.StageShape.Size.Level == 0 ? ", at the input's resolution" : ", resized to the input")}.</summary>");
                w.Line($"public {tensor} Side{side.Number} {{ get; }}");
            }
            w.Line();
            w.Line($"/// <summary>{activation} of <see cref=\"Fused\"/> {model.OutputShape}, computed in eval mode; null in training mode.</summary>");
            w.Line($"public {tensor}? Probabilities {{ get; }}");
            w.Line();
            w.Line("/// <summary>The logits by name as the command line writes them: (\"fused\", ...), (\"side1\", ...), ...</summary>");
            using (w.Block($"public {RuntimeApi.NamedTensors} ToNamedList() => new (string Name, {tensor} Value)[]", "};"))
            {
                w.Line("(\"fused\", Fused),");
                foreach (SideModel side in sides)
                    w.Line($"(\"side{side.Number}\", Side{side.Number}),");
            }
            w.Line();
            using (w.Block("public void Dispose()"))
            {
                w.Line("Fused.Dispose();");
                foreach (SideModel side in sides)
                    w.Line($"Side{side.Number}.Dispose();");
                w.Line("Probabilities?.Dispose();");
            }
        }
        return w.ToString();
    }
}
