using System.Collections.Generic;
using System.Linq;
using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>
/// Emits <c>{Namespace}.{Class}.OnnxExport.g.cs</c> for a U²-Net (the UNet families: OnnxExportEmitter.UNetFamilies.cs): <c>ExportOnnx(path | stream, options)</c>,
/// <c>BuildOnnx(options)</c> (the forward pass replayed on an ONNX graph, a call per layer, shapes
/// beside them), one <c>ExportOnnx</c> per RSU stage, and <c>OnnxOutputShapes</c>: the outputs' shapes
/// as the generator computed them, for comparing with ONNX shape inference.
/// Output 0 is the probabilities (the seed's eval output); <c>OnnxOutputs.All</c> adds the typed result: fused, side1..K.
/// </summary>
internal static partial class OnnxExportEmitter
{
    public static string Emit(U2NetModel model)
    {
        IndentedWriter w = SourceHeader.Start(model.Type, "OnnxExport");
        string options = OnnxProgramWriter.FreeName("options", model.Forward);
        string session = OnnxProgramWriter.FreeName("onnx", model.Forward);
        OnnxContract contract = OnnxContract.For(model);

        using (w.Block($"partial class {model.Type.Name}"))
        {
            WriteEntryPoints(w, model.InputChannels, model.FixedHeight, model.FixedWidth, contract);
            w.Line();
            WriteOutputShapes(w, model.InputChannels, contract);
            w.Line();
            WriteBuild(w, model, options, session, contract);
        }
        return w.ToString();
    }

    private static void WriteEntryPoints(IndentedWriter w, int inputChannels, int? fixedHeight, int? fixedWidth, OnnxContract contract)
    {
        string input = fixedHeight is int h ? $"[N, {inputChannels}, {h}, {fixedWidth}]" : $"[N, {inputChannels}, H, W]";
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

    private static void WriteBuild(IndentedWriter w, U2NetModel model, string options, string s, OnnxContract contract)
    {
        string fixedSize = model.FixedHeight is int h ? $"({h}, {model.FixedWidth})" : "null";
        var stagePaths = model.Encoders.Select((st, i) => (st.Name, Path: $"encode_modules.{i}", Level: st.InputShape.Size.Level))
            .Concat(model.Decoders.Select((st, i) => (st.Name, Path: $"decode_modules.{i}", Level: st.InputShape.Size.Level)))
            .ToDictionary(p => p.Name, p => (p.Path, p.Level));
        var sidePaths = model.Sides.ToDictionary(sd => sd.FieldName, sd => $"side_modules.{sd.ModuleIndex}");

        string Module(string field, string x) =>
            stagePaths.TryGetValue(field, out var stage) ? $"{field}.ExportOnnx({s}, {x}, \"{stage.Path}\", level: {stage.Level})"
            : sidePaths.TryGetValue(field, out string? side) ? $"{s}.Conv({x}, {field}, \"{side}\")"
            : $"{s}.Conv({x}, {field}, \"{field}\")"; // out_conv

        w.Line("/// <summary>");
        w.Line("/// The ONNX graph of the eval-mode forward (BatchNorm with its running statistics), one call per layer,");
        w.Line("/// initializers named after the state_dict keys. The shapes beside the calls are the generator's.");
        w.Line("/// </summary>");
        using (w.Block($"public {OnnxApi.Builder} BuildOnnx({OnnxApi.Options}? {options} = null)"))
        {
            w.Line($"var {s} = new {OnnxApi.Session}({Format.String(model.CliName)}, {options} ?? new {OnnxApi.Options}(), inputChannels: {model.InputChannels}, fixedSize: {fixedSize}, minimumSize: {model.MinimumSize});");
            w.Line($"var {model.Forward.Input} = {s}.Input; // [N, {model.InputChannels}, {SpatialSize.Input(model.FixedHeight, model.FixedWidth)}]");
            OnnxProgramWriter.Write(w, model.Forward, s, Module);
            string fused = model.Forward.Results[0];
            var extras = new[] { fused }.Concat(model.Sides.Select(side => "side" + side.Number)).ToList();
            WriteOutputs(w, s, contract, fused, extras);
            w.Line($"return {s}.Graph;");
        }
    }

    /// <summary>
    /// The end of every family's BuildOnnx: output 0 "probabilities" of <paramref name="main"/>, the contract's extras
    /// (their values <paramref name="values"/>, in order) when asked for, then the metadata.
    /// </summary>
    private static void WriteOutputs(IndentedWriter w, string s, OnnxContract contract, string main, IReadOnlyList<string> values, string? describeArguments = null)
    {
        w.Line($"{s}.Probabilities({main}, classes: {contract.Classes});");
        using (w.Block($"if ({s}.AllOutputs)"))
        {
            for (int i = 0; i < contract.Extras.Count; i++)
                w.Line($"{s}.Output(\"{contract.Extras[i].Name}\", {values[i]});");
        }
        w.Line($"{s}.Describe(\"{contract.Family}\", classes: {contract.Classes}{describeArguments});");
    }
}
