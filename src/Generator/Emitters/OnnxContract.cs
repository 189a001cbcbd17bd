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
/// </summary>
internal sealed record OnnxContract(string Family, int Classes, OnnxOutput Probabilities, IReadOnlyList<OnnxOutput> Extras, int Heads = 0)
{
    public static OnnxContract For(U2NetModel m) => new(
        "U2Net", m.OutChannels,
        new OnnxOutput("probabilities", m.OutputShape, m.IsMultiClass ? "softmax of fused over the classes" : "sigmoid of fused"),
        new[] { new OnnxOutput("fused", m.OutputShape, "fused logits") }
            .Concat(m.Sides.Select(s => new OnnxOutput("side" + s.Number, s.OutputShape, $"{s.StageName}'s side logits"))).ToArray());

    public static OnnxContract For(UNetModel m)
    {
        var extras = new List<OnnxOutput> { new("out", m.OutputShape, "logits") };
        if (m.HasAux)
            extras.Add(new OnnxOutput("aux", m.OutputShape, $"auxiliary logits of up{m.AuxLevel}, resized to the input"));
        return new OnnxContract("UNet", m.Classes, ProbabilitiesOf("out", m.OutputShape, m.IsMultiClass), extras);
    }

    public static OnnxContract For(UNetPlusPlusModel m)
    {
        var extras = Enumerable.Range(1, m.Heads).Select(d => new OnnxOutput(m.OutputName(d), m.OutputShape, $"logits of {m.HeadModule(d)}")).ToArray();
        return new OnnxContract("UNetPlusPlus", m.Classes, ProbabilitiesOf(extras[extras.Length - 1].Name, m.OutputShape, m.IsMultiClass), extras,
            m.DeepSupervision ? m.Heads : 0);
    }

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

    private static OnnxOutput ProbabilitiesOf(string logits, TensorShape shape, bool multiClass) =>
        new("probabilities", shape, multiClass ? $"softmax of {logits} over the classes" : $"sigmoid of {logits}");
}
