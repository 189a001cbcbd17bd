using System;
using System.Collections.Generic;
using System.Linq;
using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>
/// Emits <c>{Namespace}.{Class}.Summary.g.cs</c> for every family: the nested <c>Summary</c> class of the
/// <see cref="SummaryModel"/>, constants, the per-block rows, the memory estimate, the ONNX exports (and their costs),
/// and the same as a printable table in a raw string literal, all computed at compile time.
/// </summary>
internal static class SummaryEmitter
{
    public static string Emit(TypeDeclarationInfo type, NetworkContract contract)
    {
        IndentedWriter w = SourceHeader.Start(type, "Summary", contract.Family);
        SummaryModel s = contract.Summary;
        var rows = s.Rows.ToList();
        var exports = s.Exports.ToList();
        long total = s.TotalParameters;
        using (w.Block($"partial class {type.Name}"))
        {
            w.Line("/// <summary>Shapes and parameter counts of the network, computed by the generator at compile time.</summary>");
            using (w.Block("public static class Summary"))
            {
                w.Line("/// <summary>The command-line name.</summary>");
                w.Line($"public const string Network = {Format.String(s.CliName)};");
                w.Line();
                w.Line("/// <summary>Trainable parameters of the whole network.</summary>");
                w.Line($"public const long TotalParameters = {total}L;");
                w.Line();
                w.Line("/// <summary>Input channels.</summary>");
                w.Line($"public const int InputChannels = {contract.InputChannels};");
                w.Line();
                w.Line("/// <summary>Output channels (classes).</summary>");
                w.Line($"public const int Classes = {contract.Classes};");
                w.Line();
                w.Line($"/// <summary>{s.MinimumSizeDoc}</summary>");
                w.Line($"public const int MinimumInputSize = {s.MinimumSize};");
                w.Line();
                w.Line($"/// <summary>{s.StagesDoc}</summary>");
                using (w.Block("public static readonly global::System.Collections.Generic.IReadOnlyList<(string Stage, string Block, string Input, string Output, long Parameters)> Stages = new[]", "};"))
                {
                    foreach (SummaryRow r in rows)
                        w.Line($"({Format.String(r.Stage)}, {Format.String(r.Block)}, {Format.String(r.Input)}, {Format.String(r.Output)}, {r.Parameters}L),");
                }
                w.Line();
                w.Line("/// <summary>Per ONNX export option (segment export; OnnxExportOptions): the graph outputs in order with their shapes.</summary>");
                using (w.Block("public static readonly global::System.Collections.Generic.IReadOnlyList<(string Option, string Outputs)> OnnxExports = new[]", "};"))
                {
                    foreach (SummaryExport e in exports)
                        w.Line($"({Format.String(e.Option)}, {Format.String(e.Outputs)}),");
                }
                if (s.Costs.Count > 0)
                {
                    w.Line();
                    WriteCosts(w, s);
                }
                w.Line();
                ActivationMemoryWriter.Write(w, s.Peak);
                w.Line();
                w.Line("/// <summary>The tables above as text, as the command line prints them.</summary>");
                w.Line("public const string Text =");
                w.Lines(Table(s.Title, total, rows, exports).TrimEnd('\n'));
                w.Line("    ;");
            }
        }
        return w.ToString();
    }

    private static void WriteCosts(IndentedWriter w, SummaryModel s)
    {
        w.Line("/// <summary>");
        foreach (string line in s.CostsDoc)
            w.Line("/// " + line);
        w.Line("/// </summary>");
        using (w.Block("public static readonly global::System.Collections.Generic.IReadOnlyList<(int Heads, long Parameters, long MultiplyAddsPerCell)> Exports = new[]", "};"))
        {
            foreach (ExportCost c in s.Costs)
                w.Line($"({c.Heads}, {c.Parameters}L, {c.MultiplyAddsPerCell}L),");
        }
    }

    private static string Table(string title, long total, IReadOnlyList<SummaryRow> rows, IReadOnlyList<SummaryExport> exports)
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
