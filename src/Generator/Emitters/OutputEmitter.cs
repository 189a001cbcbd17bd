using System.Linq;
using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>
/// Emits <c>{Namespace}.{Class}.Output.g.cs</c> for every family: the typed result of forward, one property per head of
/// the <see cref="NetworkContract"/> (and U²-Net's eval-mode probabilities), its named list and its Dispose.
/// </summary>
internal static class OutputEmitter
{
    public static string Emit(TypeDeclarationInfo type, NetworkContract contract)
    {
        IndentedWriter w = SourceHeader.Start(type, "Output", contract.Family);
        string name = type.Name + "Output";
        string tensor = RuntimeApi.Tensor;
        var heads = contract.Heads.ToList();

        w.Line($"/// <summary>What <see cref=\"{type.Name}\"/>'s forward returns{contract.OutputDoc}; disposing it frees every tensor in it.</summary>");
        using (w.Block($"{type.Accessibility} sealed class {name} : global::System.IDisposable"))
        {
            var parameters = heads.Select(h => $"{tensor} {h.Local}").ToList();
            if (contract.Probabilities is not null)
                parameters.Add($"{tensor}? probabilities");
            using (w.Block($"public {name}({string.Join(", ", parameters)})"))
            {
                foreach (OutputHead h in heads)
                    w.Line($"{h.Property} = {h.Local};");
                if (contract.Probabilities is not null)
                    w.Line("Probabilities = probabilities;");
            }
            foreach (OutputHead h in heads)
            {
                w.Line();
                w.Line($"/// <summary>{h.Doc}</summary>");
                w.Line($"public {tensor} {h.Property} {{ get; }}");
            }
            if (contract.Probabilities is not null)
            {
                w.Line();
                w.Line($"/// <summary>{contract.Probabilities}</summary>");
                w.Line($"public {tensor}? Probabilities {{ get; }}");
            }
            w.Line();
            w.Line($"/// <summary>The logits by name as the command line writes them: {string.Join(", ", heads.Select(h => $"(\"{h.Name}\", ...)"))}.</summary>");
            using (w.Block($"public {RuntimeApi.NamedTensors} ToNamedList() => new (string Name, {tensor} Value)[]", "};"))
            {
                foreach (OutputHead h in heads)
                    w.Line($"(\"{h.Name}\", {h.Property}),");
            }
            w.Line();
            using (w.Block("public void Dispose()"))
            {
                foreach (OutputHead h in heads)
                    w.Line($"{h.Property}.Dispose();");
                if (contract.Probabilities is not null)
                    w.Line("Probabilities?.Dispose();");
            }
        }
        return w.ToString();
    }
}
