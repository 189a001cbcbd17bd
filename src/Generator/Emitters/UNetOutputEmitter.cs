using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>Emits <c>{Namespace}.{Class}.Output.g.cs</c> for a [UNet]: the typed result of forward (<c>Out</c>, and <c>Aux</c> when declared).</summary>
internal static class UNetOutputEmitter
{
    public static string Emit(UNetModel model)
    {
        IndentedWriter w = SourceHeader.Start(model.Type, "Output", "UNet");
        string name = model.Type.Name + "Output";
        string tensor = RuntimeApi.Tensor;

        w.Line($"/// <summary>What <see cref=\"{model.Type.Name}\"/>'s forward returns (logits, the seed's {{\"out\", \"aux\"}} dict); disposing it frees every tensor in it.</summary>");
        using (w.Block($"{model.Type.Accessibility} sealed class {name} : global::System.IDisposable"))
        {
            using (w.Block(model.HasAux ? $"public {name}({tensor} @out, {tensor} aux)" : $"public {name}({tensor} @out)"))
            {
                w.Line("Out = @out;");
                if (model.HasAux)
                    w.Line("Aux = aux;");
            }
            w.Line();
            w.Line($"/// <summary>Logits {model.OutputShape}: out_conv on the last Up block.</summary>");
            w.Line($"public {tensor} Out {{ get; }}");
            if (model.HasAux)
            {
                w.Line();
                w.Line($"/// <summary>Auxiliary logits {model.OutputShape}: aux_conv on up{model.AuxLevel}, resized to the input; its loss counts 0.5.</summary>");
                w.Line($"public {tensor} Aux {{ get; }}");
            }
            w.Line();
            w.Line("/// <summary>The logits by name as the command line writes them: (\"out\", ...)" + (model.HasAux ? ", (\"aux\", ...)" : "") + ".</summary>");
            using (w.Block($"public {RuntimeApi.NamedTensors} ToNamedList() => new (string Name, {tensor} Value)[]", "};"))
            {
                w.Line("(\"out\", Out),");
                if (model.HasAux)
                    w.Line("(\"aux\", Aux),");
            }
            w.Line();
            using (w.Block("public void Dispose()"))
            {
                w.Line("Out.Dispose();");
                if (model.HasAux)
                    w.Line("Aux.Dispose();");
            }
        }
        return w.ToString();
    }
}
