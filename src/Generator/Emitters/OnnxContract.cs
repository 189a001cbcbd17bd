using System.Collections.Generic;
using System.Linq;
using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>One graph output as the generator knows it: name, shape and what it is.</summary>
internal sealed record OnnxOutput(string Name, TensorShape Shape, string Text);

/// <summary>
/// A network's ONNX output contract, shared by the export file (what <c>BuildOnnx</c> declares and
/// <c>OnnxOutputShapes</c> lists) and the summary (which states it per export option): output 0 is always
/// "probabilities"; <c>OnnxOutputs.All</c> adds <see cref="Extras"/>, the typed result in its order. A UNet++ with
/// deep supervision has <see cref="Heads"/> &gt; 0: its extras are out1..outL, pruned to out1..outK by <c>Head</c>.
/// <see cref="Multiple"/>: H and W must be multiples of it (UNet++), 1 for none. Each family builds it in its contract.
/// </summary>
internal sealed record OnnxContract(string Family, int Classes, OnnxOutput Probabilities, IReadOnlyList<OnnxOutput> Extras, int Heads = 0, int Multiple = 1)
{
    /// <summary>The summary's lines: export option -> the outputs it writes with their shapes.</summary>
    public IReadOnlyList<SummaryExport> SummaryLines()
    {
        var lines = new List<SummaryExport>
        {
            new("default", $"{Probabilities.Name} {Probabilities.Shape} ({Probabilities.Text})"),
            new("--outputs all", Grouped(new[] { Probabilities }.Concat(Extras))),
        };
        if (Heads > 0)
        {
            TensorShape shape = Extras[0].Shape;
            lines.Add(new SummaryExport("--head K", $"{Probabilities.Name} {Probabilities.Shape} of outK, the network pruned to heads 1..K (K = 1..{Heads}); --outputs all adds out1..outK {shape}"));
        }
        return lines;
    }

    /// <summary>"a, b [N, 1, H, W], c [N, 2, H, W]": consecutive outputs of one shape share it.</summary>
    private static string Grouped(IEnumerable<OnnxOutput> outputs)
    {
        var groups = new List<(List<string> Names, TensorShape Shape)>();
        foreach (OnnxOutput o in outputs)
        {
            if (groups.Count > 0 && groups[groups.Count - 1].Shape == o.Shape)
                groups[groups.Count - 1].Names.Add(o.Name);
            else
                groups.Add((new List<string> { o.Name }, o.Shape));
        }
        return string.Join(", ", groups.Select(g => $"{string.Join(", ", g.Names)} {g.Shape}"));
    }

    public static OnnxOutput ProbabilitiesOf(string logits, TensorShape shape, bool multiClass) =>
        new("probabilities", shape, multiClass ? $"softmax of {logits} over the classes" : $"sigmoid of {logits}");
}
