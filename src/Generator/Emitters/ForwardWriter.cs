using System;
using System.Collections.Generic;
using System.Linq;
using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>
/// Writes a <see cref="ForwardProgram"/> as TorchSharp C#: one statement per step with its
/// shape in an aligned comment, and <c>Dispose()</c> of each intermediate right after its last use
/// (native memory is not the GC's to manage; the caller's input and the results are left alone).
/// </summary>
internal static class ForwardWriter
{
    public static void Write(IndentedWriter writer, ForwardProgram program)
    {
        var steps = program.Steps;
        var lastUse = new Dictionary<string, int>();
        for (int i = 0; i < steps.Count; i++)
            foreach (string used in steps[i].Inputs)
                lastUse[used] = i;

        var kept = new HashSet<string>(program.Results) { program.Input };
        var statements = steps.Select(s => $"var {s.Target} = {Expression(s, program.Input)};").ToList();
        int column = Math.Min(statements.Max(s => s.Length) + 1, 110);

        for (int i = 0; i < steps.Count; i++)
        {
            writer.Line(statements[i].PadRight(column) + " // " + steps[i].Shape);
            foreach (string used in steps[i].Inputs.Distinct())
            {
                if (lastUse[used] == i && !kept.Contains(used))
                    writer.Line(used + ".Dispose();");
            }
        }
    }

    private static string Expression(Step step, string input)
    {
        var a = step.Inputs;
        return step.Op switch
        {
            OpKind.Module => $"{step.Module}.call({string.Join(", ", a)})",   // call, not forward: the child's hooks fire
            OpKind.MaxPool => $"{RuntimeApi.F}.max_pool2d({a[0]}, {Pair2}, {Pair2}, ceil_mode: true)",
            OpKind.ResizeLike => Resize(a[0], a[1]),
            OpKind.ResizeToInput => Resize(a[0], input),
            OpKind.Concat => $"{RuntimeApi.Torch}.cat(new {RuntimeApi.Tensor}[] {{ {string.Join(", ", a)} }}, 1)",
            OpKind.Add => $"{a[0]} + {a[1]}",
            OpKind.MaxPoolFloor => $"{RuntimeApi.F}.max_pool2d({a[0]}, {Pair2}, {Pair2})",
            OpKind.Upsample => $"{RuntimeApi.F}.interpolate({a[0]}, scale_factor: new double[] {{ 2, 2 }}, mode: {RuntimeApi.Bilinear}, align_corners: true)",
            OpKind.PadLike => $"{RuntimeApi.SkipPadding}.pad_to({a[0]}, {a[1]})",
            _ => throw new InvalidOperationException("unknown op " + step.Op),
        };
    }

    // Kernel and stride of the 2x2 poolings: TorchSharp's functional max_pool2d takes arrays.
    private const string Pair2 = "new long[] { 2, 2 }";

    private static string Resize(string tensor, string like) =>
        $"{RuntimeApi.F}.interpolate({tensor}, size: new[] {{ {like}.size(2), {like}.size(3) }}, mode: {RuntimeApi.Bilinear}, align_corners: false)";
}
