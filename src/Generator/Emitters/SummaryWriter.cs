using System;
using System.Collections.Generic;
using System.Linq;

namespace Segment.Generator.Emitters;

/// <summary>One row of a generated summary: a block, its input and output shapes and its parameters.</summary>
internal sealed record SummaryRow(string Stage, string Block, string Input, string Output, long Parameters);

/// <summary>
/// Writes the nested <c>Summary</c> class of the UNet families (same members as U²-Net's): constants, the
/// per-block rows and the same as a printable table in a raw string literal.
/// </summary>
internal static class SummaryWriter
{
    public static void Write(IndentedWriter w, string className, string cliName, long total, int inputChannels, int classes,
                             int minimumSize, string minimumDoc, string title, IReadOnlyList<SummaryRow> rows, Shapes.ActivationPeak peak,
                             IReadOnlyList<(string Option, string Outputs)> exports,
                             string stagesDoc = "Per block: kind, input and output shape, parameters.",
                             Action<IndentedWriter>? members = null)
    {
        using (w.Block($"partial class {className}"))
        {
            w.Line("/// <summary>Shapes and parameter counts of the network, computed by the generator at compile time.</summary>");
            using (w.Block("public static class Summary"))
            {
                w.Line("/// <summary>The command-line name.</summary>");
                w.Line($"public const string Network = {Format.String(cliName)};");
                w.Line();
                w.Line("/// <summary>Trainable parameters of the whole network.</summary>");
                w.Line($"public const long TotalParameters = {total}L;");
                w.Line();
                w.Line("/// <summary>Input channels.</summary>");
                w.Line($"public const int InputChannels = {inputChannels};");
                w.Line();
                w.Line("/// <summary>Output channels (classes).</summary>");
                w.Line($"public const int Classes = {classes};");
                w.Line();
                w.Line($"/// <summary>{minimumDoc}</summary>");
                w.Line($"public const int MinimumInputSize = {minimumSize};");
                w.Line();
                w.Line($"/// <summary>{stagesDoc}</summary>");
                using (w.Block("public static readonly global::System.Collections.Generic.IReadOnlyList<(string Stage, string Block, string Input, string Output, long Parameters)> Stages = new[]", "};"))
                {
                    foreach (SummaryRow r in rows)
                        w.Line($"({Format.String(r.Stage)}, {Format.String(r.Block)}, {Format.String(r.Input)}, {Format.String(r.Output)}, {r.Parameters}L),");
                }
                w.Line();
                w.Line("/// <summary>Per ONNX export option (segment export; OnnxExportOptions): the graph outputs in order with their shapes.</summary>");
                using (w.Block("public static readonly global::System.Collections.Generic.IReadOnlyList<(string Option, string Outputs)> OnnxExports = new[]", "};"))
                {
                    foreach ((string option, string outputs) in exports)
                        w.Line($"({Format.String(option)}, {Format.String(outputs)}),");
                }
                if (members is not null)
                {
                    w.Line();
                    members(w);
                }
                w.Line();
                ActivationMemoryWriter.Write(w, peak);
                w.Line();
                w.Line("/// <summary>The tables above as text, as the command line prints them.</summary>");
                w.Line("public const string Text =");
                w.Lines(Table(title, total, rows, exports).TrimEnd('\n'));
                w.Line("    ;");
            }
        }
    }

    private static string Table(string title, long total, IReadOnlyList<SummaryRow> rows, IReadOnlyList<(string Option, string Outputs)> exports)
    {
        var header = new SummaryRow("stage", "block", "input", "output", 0);
        int c0 = Math.Max(header.Stage.Length, rows.Max(r => r.Stage.Length));
        int c1 = Math.Max(header.Block.Length, rows.Max(r => r.Block.Length));
        int c2 = Math.Max(header.Input.Length, rows.Max(r => r.Input.Length));
        int c3 = Math.Max(header.Output.Length, rows.Max(r => r.Output.Length));
        int c4 = Math.Max("parameters".Length, Format.Count(total).Length);
        string Row(string a, string b, string c, string d, string e) =>
            $"{a.PadRight(c0)}  {b.PadRight(c1)}  {c.PadRight(c2)}  {d.PadRight(c3)}  {e.PadLeft(c4)}".TrimEnd();

        var lines = new List<string> { title, Row(header.Stage, header.Block, header.Input, header.Output, "parameters") };
        lines.AddRange(rows.Select(r => Row(r.Stage, r.Block, r.Input, r.Output, Format.Count(r.Parameters))));
        lines.Add(Row("total", "", "", "", Format.Count(total)));
        int optionWidth = exports.Max(e => e.Option.Length);
        lines.Add("");
        lines.Add("ONNX export (segment export): outputs");
        lines.AddRange(exports.Select(e => $"  {e.Option.PadRight(optionWidth)}  {e.Outputs}"));
        // A raw string literal: the table reads in the generated file as it prints.
        return "    \"\"\"\n" + string.Concat(lines.Select(l => l.Length == 0 ? "\n" : "    " + l + "\n")) + "    \"\"\"\n";
    }
}
