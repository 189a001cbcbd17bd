using System.Collections.Generic;
using System.Linq;
using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>
/// Emits <c>{Namespace}.{Class}.OnnxExport.g.cs</c> for every family: <c>ExportOnnx(path | stream, options)</c>,
/// <c>BuildOnnx(options)</c> (the forward replayed on an ONNX graph, a call per step with the generator's shape beside
/// it) and <c>OnnxOutputShapes</c> (the outputs' shapes as the generator computed them, for comparing with ONNX shape
/// inference). A child's step is lowered by its typed block (<see cref="ChildBlock.OnnxCall"/>: the runtime lowers a
/// module by its type, an RSU stage by its own export), under its state_dict path. Output 0 is the probabilities (of
/// U²-Net's fused map, UNet's out, UNet++'s deepest head or the one <c>Head</c> prunes to); <c>OnnxOutputs.All</c>
/// adds the typed result. The forward is replayed whole: the builder drops what no declared output needs.
/// </summary>
internal static class OnnxExportEmitter
{
    public static string Emit(NetworkModel model, NetworkContract contract, ModuleLayout layout)
    {
        IndentedWriter w = SourceHeader.Start(model.Type, "OnnxExport", contract.Family);
        string options = OnnxProgramWriter.FreeName("options", layout.Forward);
        string s = OnnxProgramWriter.FreeName("onnx", layout.Forward);
        using (w.Block($"partial class {model.Type.Name}"))
        {
            WriteEntryPoints(w, contract);
            w.Line();
            WriteOutputShapes(w, contract.InputChannels, contract.Onnx);
            w.Line();
            WriteBuild(w, model.CliName, contract, layout, options, s);
        }
        return w.ToString();
    }

    private static void WriteEntryPoints(IndentedWriter w, NetworkContract c)
    {
        OnnxContract contract = c.Onnx;
        string input = c.FixedHeight is int h ? $"[N, {c.InputChannels}, {h}, {c.FixedWidth}]" : $"[N, {c.InputChannels}, H, W]";
        w.Line("/// <summary>");
        w.Line($"/// Writes the eval-mode forward with the current weights as an ONNX model: input \"input\" {input}, output 0");
        w.Line($"/// \"probabilities\" ({contract.Probabilities.Text}); <c>Outputs = OnnxOutputs.All</c> adds {string.Join(", ", contract.Extras.Select(o => $"\"{o.Name}\""))}.");
        w.Line("/// The bytes go to a temporary file renamed over <paramref name=\"path\"/>, so a failed export leaves no partial model.");
        w.Line("/// The module's training flag is left as it is.");
        w.Line("/// </summary>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">Options this network cannot take (opset outside 11..17, a size it refuses).</exception>");
        w.Line("/// <exception cref=\"global::System.IO.IOException\">The file cannot be written.</exception>");
        w.Line($"public void ExportOnnx(string path, {OnnxApi.Options}? options = null) => BuildOnnx(options).Save(path);");
        w.Line();
        w.Line("/// <summary>Writes the same model as <see cref=\"ExportOnnx(string, global::Segment.Runtime.Onnx.OnnxExportOptions?)\"/> to <paramref name=\"stream\"/>, left open.</summary>");
        w.Line($"public void ExportOnnx({OnnxApi.Stream} stream, {OnnxApi.Options}? options = null) => BuildOnnx(options).Save(stream);");
        w.Line();
        w.Line($"void {RuntimeApi.Network}.ExportOnnx(string path, {OnnxApi.Options}? options) => ExportOnnx(path, options);");
        w.Line();
        w.Line($"{OnnxApi.Builder} {RuntimeApi.Network}.BuildOnnx({OnnxApi.Options}? options) => BuildOnnx(options);");
    }

    private static void WriteOutputShapes(IndentedWriter w, int inputChannels, OnnxContract contract)
    {
        string Entry(OnnxOutput o, string name) =>
            $"({name}, new[] {{ batch, {o.Shape.Channels}L, {Dim("height", o.Shape.Size.Level)}, {Dim("width", o.Shape.Size.Level)} }})";

        w.Line("/// <summary>");
        w.Line("/// The graph outputs <paramref name=\"options\"/> give, in order, with their shapes as the generator computed them,");
        w.Line($"/// for an input [<paramref name=\"batch\"/>, {inputChannels}, <paramref name=\"height\"/>, <paramref name=\"width\"/>].");
        w.Line("/// </summary>");
        using (w.Block($"public static {OnnxApi.OutputShapes} OnnxOutputShapes(long batch, long height, long width, {OnnxApi.Options}? options = null)"))
        {
            OnnxOutput p = contract.Probabilities;
            using (w.Block($"var shapes = new {OnnxApi.OutputShapeList}", "};"))
                w.Line($"{Entry(p, Format.String(p.Name))}, // {p.Shape}: {p.Text}");
            using (w.Block($"if (options?.Outputs == {OnnxApi.Outputs}.All)"))
            {
                if (contract.Heads > 0)
                {
                    OnnxOutput head = contract.Extras[0];
                    w.Line($"int heads = options.Head ?? {contract.Heads};");
                    w.Line("for (int head = 1; head <= heads; head++)");
                    w.Line($"    shapes.Add({Entry(head, "\"out\" + head")}); // {head.Shape}: logits of final{{head}}");
                }
                else
                {
                    foreach (OnnxOutput o in contract.Extras)
                        w.Line($"shapes.Add({Entry(o, Format.String(o.Name))}); // {o.Shape}: {o.Text}");
                }
            }
            w.Line("return shapes;");
        }
    }

    /// <summary>ceil(size / 2^level): what <paramref name="level"/> ceil-mode poolings leave.</summary>
    private static string Dim(string size, int level) =>
        level == 0 ? size : $"({size} + {(1L << level) - 1}) / {1L << level}";

    private static void WriteBuild(IndentedWriter w, string cliName, NetworkContract c, ModuleLayout layout, string options, string s)
    {
        OnnxContract contract = c.Onnx;
        ForwardProgram forward = layout.Forward;
        string fixedSize = c.FixedHeight is int h ? $"({h}, {c.FixedWidth})" : "null";
        string multiple = contract.Multiple > 1 ? $", multiple: {contract.Multiple}" : "";
        string heads = contract.Heads > 0 ? $", heads: {contract.Heads}" : "";
        var children = layout.Callables();

        w.Line("/// <summary>");
        w.Line("/// The ONNX graph of the eval-mode forward (BatchNorm with its running statistics), one call per step,");
        w.Line("/// initializers named after the state_dict keys. The shapes beside the calls are the generator's.");
        w.Line("/// </summary>");
        using (w.Block($"public {OnnxApi.Builder} BuildOnnx({OnnxApi.Options}? {options} = null)"))
        {
            w.Line($"var {s} = new {OnnxApi.Session}({Format.String(cliName)}, {options} ?? new {OnnxApi.Options}(), inputChannels: {c.InputChannels}, fixedSize: {fixedSize}, minimumSize: {c.Summary.MinimumSize}{multiple}{heads});");
            w.Line($"var {forward.Input} = {s}.Input; // [N, {c.InputChannels}, {SpatialSize.Input(c.FixedHeight, c.FixedWidth)}]");
            // A step on a typed child is lowered by its block under its state_dict path; a member without a block of its
            // own (an Up's transposed conv or attention gate) by its runtime type, under the path the step names.
            OnnxProgramWriter.Write(w, forward, s, (step, inputs) => children.TryGetValue(step.Module!, out var child)
                ? child.Block.OnnxCall(s, inputs, step.Module!, child.Path, step.Shape)
                : $"{s}.Module({inputs}, {step.Module}, \"{step.Module}\")");
            var results = forward.Results;
            if (contract.Extras.Count != results.Count)
                throw new System.InvalidOperationException($"{cliName}: {results.Count} results for {contract.Extras.Count} outputs");
            string describe = DescribeArguments(c, s);
            if (contract.Heads > 0)
                WriteHeadOutputs(w, s, contract, forward, describe);
            else
                WriteOutputs(w, s, contract, results, describe);
            w.Line($"return {s}.Graph;");
        }
    }

    /// <summary>The Describe call's cost arguments: Summary.Exports' row for the heads exported (one row without deep supervision).</summary>
    private static string DescribeArguments(NetworkContract c, string s)
    {
        if (c.Summary.Costs.Count == 0)
            return "";
        string row = c.Onnx.Heads > 0 ? $"Summary.Exports[{s}.Heads - 1]" : "Summary.Exports[0]";
        return $", parameters: {row}.Parameters, multiplyAddsPerCell: {row}.MultiplyAddsPerCell";
    }

    /// <summary>Output 0 "probabilities" of the first result, the contract's extras (the results, in order) when asked for, then the metadata.</summary>
    private static void WriteOutputs(IndentedWriter w, string s, OnnxContract contract, IReadOnlyList<string> results, string describe)
    {
        w.Line($"{s}.Probabilities({results[0]}, classes: {contract.Classes});");
        using (w.Block($"if ({s}.AllOutputs)"))
        {
            for (int i = 0; i < contract.Extras.Count; i++)
                w.Line($"{s}.Output(\"{contract.Extras[i].Name}\", {results[i]});");
        }
        w.Line($"{s}.Describe(\"{contract.Family}\", classes: {contract.Classes}{describe});");
    }

    /// <summary>
    /// A UNet++ with deep supervision: the probabilities of head <c>Heads</c> (the deepest unless <c>Head</c> prunes),
    /// with <c>OnnxOutputs.All</c> heads out1..out{Heads}; the deeper nodes reach no output and are dropped.
    /// </summary>
    private static void WriteHeadOutputs(IndentedWriter w, string s, OnnxContract contract, ForwardProgram forward, string describe)
    {
        string heads = OnnxProgramWriter.FreeName("heads", forward);
        w.Line($"var {heads} = new[] {{ {string.Join(", ", forward.Results)} }};");
        w.Line($"{s}.Probabilities({heads}[{s}.Heads - 1], classes: {contract.Classes});");
        using (w.Block($"if ({s}.AllOutputs)"))
        {
            w.Line($"for (int head = 1; head <= {s}.Heads; head++)");
            w.Line($"    {s}.Output(\"out\" + head, {heads}[head - 1]);");
        }
        w.Line($"{s}.Describe(\"{contract.Family}\", classes: {contract.Classes}{describe});");
    }
}
