using System;
using System.Collections.Generic;
using System.Linq;
using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>
/// Emits <c>{Namespace}.{Class}.Summary.g.cs</c>: per stage its block, input and output shapes and
/// parameter count, all computed at compile time, and the same as a printable table.
/// </summary>
internal static class U2NetSummaryEmitter
{
    public static string Emit(U2NetModel model)
    {
        IndentedWriter w = SourceHeader.Start(model.Type, "Summary");
        var rows = Rows(model);

        using (w.Block($"partial class {model.Type.Name}"))
        {
            w.Line("/// <summary>Shapes and parameter counts of the network, computed by the generator at compile time.</summary>");
            using (w.Block("public static class Summary"))
            {
                w.Line("/// <summary>The command-line name.</summary>");
                w.Line($"public const string Network = {Format.String(model.CliName)};");
                w.Line();
                w.Line("/// <summary>Trainable parameters of the whole network.</summary>");
                w.Line($"public const long TotalParameters = {model.TotalParameters}L;");
                w.Line();
                w.Line("/// <summary>Input channels.</summary>");
                w.Line($"public const int InputChannels = {model.InputChannels};");
                w.Line();
                w.Line("/// <summary>Output channels (classes).</summary>");
                w.Line($"public const int Classes = {model.OutChannels};");
                w.Line();
                w.Line($"/// <summary>Smallest input height and width: 2^{model.Poolings}, for the deepest chain of poolings.</summary>");
                w.Line($"public const int MinimumInputSize = {model.MinimumSize};");
                w.Line();
                w.Line("/// <summary>Per stage (and the side and fuse convolutions): block, input and output shape, parameters.</summary>");
                using (w.Block("public static readonly global::System.Collections.Generic.IReadOnlyList<(string Stage, string Block, string Input, string Output, long Parameters)> Stages = new[]", "};"))
                {
                    foreach (var r in rows)
                        w.Line($"({Format.String(r.Stage)}, {Format.String(r.Block)}, {Format.String(r.Input)}, {Format.String(r.Output)}, {r.Parameters}L),");
                }
                w.Line();
                w.Line("/// <summary>The table above as text, as the command line prints it.</summary>");
                w.Line("public const string Text =");
                w.Lines(Table(model, rows).TrimEnd('\n'));
                w.Line("    ;");
            }
        }
        return w.ToString();
    }

    private static List<(string Stage, string Block, string Input, string Output, long Parameters)> Rows(U2NetModel model)
    {
        var rows = model.Encoders.Concat(model.Decoders)
            .Select(s => (s.Name, s.BlockName, s.InputShape.ToString(), s.OutputShape.ToString(), s.Parameters))
            .ToList();
        foreach (SideModel side in model.Sides)
        {
            string block = $"side conv {side.Conv.KernelSize}x{side.Conv.KernelSize}";
            rows.Add(("side" + side.Number, block, side.StageShape.ToString(), side.OutputShape.ToString(), side.Conv.Parameters));
        }
        var fuseInput = model.OutputShape.WithChannels(model.OutConv.InChannels);
        rows.Add(("out_conv", "conv 1x1", fuseInput.ToString(), model.OutputShape.ToString(), model.OutConv.Parameters));
        return rows;
    }

    private static string Table(U2NetModel model, List<(string Stage, string Block, string Input, string Output, long Parameters)> rows)
    {
        var header = (Stage: "stage", Block: "block", Input: "input", Output: "output", Parameters: "parameters");
        int c0 = Math.Max(header.Stage.Length, rows.Max(r => r.Stage.Length));
        int c1 = Math.Max(header.Block.Length, rows.Max(r => r.Block.Length));
        int c2 = Math.Max(header.Input.Length, rows.Max(r => r.Input.Length));
        int c3 = Math.Max(header.Output.Length, rows.Max(r => r.Output.Length));
        int c4 = Math.Max(header.Parameters.Length, Format.Count(model.TotalParameters).Length);
        string Row(string a, string b, string c, string d, string e) =>
            $"{a.PadRight(c0)}  {b.PadRight(c1)}  {c.PadRight(c2)}  {d.PadRight(c3)}  {e.PadLeft(c4)}".TrimEnd();

        string input = model.FixedHeight is int h
            ? $"[N, {model.InputChannels}, {h}, {model.FixedWidth}]"
            : $"[N, {model.InputChannels}, H, W] with H, W >= {model.MinimumSize}";
        var lines = new List<string>
        {
            $"{model.CliName} ({model.Type.Name}): input {input}, {model.OutChannels} output channel(s)",
            Row(header.Stage, header.Block, header.Input, header.Output, header.Parameters),
        };
        lines.AddRange(rows.Select(r => Row(r.Stage, r.Block, r.Input, r.Output, Format.Count(r.Parameters))));
        lines.Add(Row("total", "", "", "", Format.Count(model.TotalParameters)));

        // A raw string literal: the table reads in the generated file as it prints.
        return "    \"\"\"\n" + string.Concat(lines.Select(l => "    " + l + "\n")) + "    \"\"\"\n";
    }
}
