using System;
using System.Collections.Generic;
using System.Linq;
using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>
/// Writes a <see cref="ForwardProgram"/> as calls on an <c>OnnxNetworkExport</c> session: one
/// statement per step, each with the shape the generator computed beside it, as
/// <see cref="ForwardWriter"/> does for TorchSharp. Nothing is disposed: graph values are names.
/// The export emitter says how each child module's step is lowered (<paramref name="module"/>:
/// the step and its input values -> expression); the other ops are the same for every family.
/// </summary>
internal static class OnnxProgramWriter
{
    public static void Write(IndentedWriter writer, ForwardProgram program, string session, Func<Step, string, string> module)
    {
        var statements = program.Steps.Select(s => $"var {s.Target} = {Expression(s, program.Input, session, module)};").ToList();
        int column = Math.Min(statements.Max(s => s.Length) + 1, 110);
        for (int i = 0; i < statements.Count; i++)
            writer.Line(statements[i].PadRight(column) + " // " + program.Steps[i].Shape);
    }

    /// <summary>A name for a generated local that no step of <paramref name="programs"/> uses.</summary>
    public static string FreeName(string wanted, params ForwardProgram[] programs)
    {
        var taken = new HashSet<string>(programs.SelectMany(p => p.Steps.Select(s => s.Target.TrimStart('@')).Append(p.Input)));
        string name = wanted;
        while (taken.Contains(name))
            name += "_";
        return name;
    }

    private static string Expression(Step step, string input, string s, Func<Step, string, string> module)
    {
        var a = step.Inputs;
        return step.Op switch
        {
            OpKind.Module => module(step, string.Join(", ", a)),
            OpKind.MaxPool => $"{s}.MaxPoolCeil({a[0]})",
            // The level is the target's: how many ceil-mode halvings its H x W is from the input's.
            OpKind.ResizeLike => $"{s}.ResizeLike({a[0]}, {a[1]}, channels: {step.Shape.Channels}, level: {step.Shape.Size.Level})",
            OpKind.ResizeToInput => $"{s}.ResizeLike({a[0]}, {input}, channels: {step.Shape.Channels}, level: 0)",
            OpKind.Concat => $"{s}.Graph.Concat(new[] {{ {string.Join(", ", a)} }}, 1)",
            OpKind.Add => $"{s}.Graph.Add({a[0]}, {a[1]})",
            OpKind.MaxPoolFloor => $"{s}.MaxPoolFloor({a[0]})",
            OpKind.Upsample => $"{s}.Upsample({a[0]})",
            // The level is the skip's (floor-mode poolings from the input): a static export pads by constants.
            OpKind.PadLike => $"{s}.PadToSkip({a[0]}, {a[1]}, level: {step.Shape.Size.Level})",
            _ => throw new InvalidOperationException("unknown op " + step.Op),
        };
    }
}
