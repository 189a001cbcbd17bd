using System.Collections.Generic;
using System.Linq;
using Segment.Generator.Model;

namespace Segment.Generator.Shapes;

/// <summary>
/// The outer U's forward pass as the seed's U2Net.forward: encoders with a ceil-mode pool between
/// them, decoders that resize the deeper map to the skip's size and run on [deeper, skip], side
/// convolutions resized to the input, and the fuse convolution over the concatenated sides.
/// </summary>
internal static class U2NetForwardBuilder
{
    public static ForwardProgram Build(
        TensorShape input,
        IReadOnlyList<RsuStageModel> encoders,
        IReadOnlyList<RsuStageModel> decoders,
        IReadOnlyList<SideModel> sidesInOutputOrder,
        int outChannels)
    {
        var p = new ProgramBuilder("input", input);
        var stageOutputs = new Dictionary<string, string>();

        string x = "input";
        for (int k = 0; k < encoders.Count; k++)
        {
            RsuStageModel stage = encoders[k];
            if (k > 0)
                x = p.MaxPool(stageOutputs[encoders[k - 1].Name] + "_pooled", x);
            x = stageOutputs[stage.Name] = p.Module(LocalNames.ForStage(stage.Name), stage.Name, x, stage.OutputShape.Channels);
        }

        for (int j = 0; j < decoders.Count; j++)
        {
            RsuStageModel stage = decoders[j];
            string local = LocalNames.ForStage(stage.Name);
            string skip = stageOutputs[encoders[encoders.Count - 2 - j].Name];
            string up = p.ResizeLike(Suffix(local, "_up"), x, skip);
            string cat = p.Concat(Suffix(local, "_in"), up, skip);
            x = stageOutputs[stage.Name] = p.Module(local, stage.Name, cat, stage.OutputShape.Channels);
        }

        var sides = new List<string>();
        foreach (SideModel side in sidesInOutputOrder)
        {
            string stageOutput = stageOutputs[side.StageName];
            string target = "side" + side.Number;
            // A side at full resolution is already the input's size: resizing to the same size is the identity.
            if (p.ShapeOf(stageOutput).Size.Level == 0)
            {
                sides.Add(p.Module(target, side.FieldName, stageOutput, outChannels));
                continue;
            }
            string logits = p.Module(Suffix(stageOutput, "_side"), side.FieldName, stageOutput, outChannels);
            sides.Add(p.ResizeToInput(target, logits));
        }

        string fused = p.Module("fused", "out_conv", p.Concat("sides", sides.ToArray()), outChannels);
        return p.Build(new[] { fused }.Concat(sides).ToArray());
    }

    private static string Suffix(string local, string suffix) => local.TrimStart('@') + suffix;
}
