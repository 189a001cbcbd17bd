using System.Collections.Generic;
using System.Linq;
using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>
/// Emits <c>{Namespace}.{Class}.OnnxExport.g.cs</c> for a U²-Net (the UNet families: OnnxExportEmitter.UNetFamilies.cs): <c>ExportOnnx(path | stream, options)</c>,
/// <c>BuildOnnx(options)</c> (the forward pass replayed on an ONNX graph, a call per layer, shapes
/// beside them), one <c>ExportOnnx</c> per RSU stage, and <c>OnnxOutputShapes</c>: the outputs' shapes
/// as the generator computed them, for comparing with ONNX shape inference.
/// Graph outputs follow the typed result: fused, side1..K, then probabilities (the seed's eval output).
/// </summary>
internal static partial class OnnxExportEmitter
{
    public static string Emit(U2NetModel model)
    {
        IndentedWriter w = SourceHeader.Start(model.Type, "OnnxExport");
        string options = OnnxProgramWriter.FreeName("options", model.Forward);
        string session = OnnxProgramWriter.FreeName("onnx", model.Forward);
        var outputs = Outputs(model);

        using (w.Block($"partial class {model.Type.Name}"))
        {
            WriteEntryPoints(w, model.InputChannels, model.FixedHeight, model.FixedWidth, outputs);
            w.Line();
            WriteOutputShapes(w, model.InputChannels, outputs);
            w.Line();
            WriteBuild(w, model, options, session);
            foreach (RsuStageModel stage in model.Encoders.Concat(model.Decoders))
            {
                w.Line();
                WriteStage(w, stage);
            }
        }
        return w.ToString();
    }

    /// <summary>The graph outputs in order: (name, shape, what it is).</summary>
    private static List<(string Name, TensorShape Shape, string Text)> Outputs(U2NetModel model)
    {
        var outputs = new List<(string, TensorShape, string)> { ("fused", model.OutputShape, "fused logits") };
        outputs.AddRange(model.Sides.Select(s => ("side" + s.Number, s.OutputShape, $"{s.StageName}'s side logits")));
        outputs.Add(("probabilities", model.OutputShape, model.IsMultiClass ? "softmax of fused over the classes" : "sigmoid of fused"));
        return outputs;
    }

    private static void WriteEntryPoints(IndentedWriter w, int inputChannels, int? fixedHeight, int? fixedWidth, List<(string Name, TensorShape Shape, string Text)> outputs)
    {
        string input = fixedHeight is int h ? $"[N, {inputChannels}, {h}, {fixedWidth}]" : $"[N, {inputChannels}, H, W]";
        w.Line("/// <summary>");
        w.Line($"/// Writes the eval-mode forward with the current weights as an ONNX model: input \"input\" {input},");
        w.Line($"/// outputs {string.Join(", ", outputs.Select(o => $"\"{o.Name}\""))}. The bytes go to a temporary file renamed over");
        w.Line("/// <paramref name=\"path\"/>, so a failed export leaves no partial model. The module's training flag is left as it is.");
        w.Line("/// </summary>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">Options this network cannot take (opset outside 11..17, a size it refuses).</exception>");
        w.Line("/// <exception cref=\"global::System.IO.IOException\">The file cannot be written.</exception>");
        w.Line($"public void ExportOnnx(string path, {OnnxApi.Options}? options = null) => BuildOnnx(options).Save(path);");
        w.Line();
        w.Line("/// <summary>Writes the same model as <see cref=\"ExportOnnx(string, global::Segment.Runtime.Onnx.OnnxExportOptions?)\"/> to <paramref name=\"stream\"/>, left open.</summary>");
        w.Line($"public void ExportOnnx({OnnxApi.Stream} stream, {OnnxApi.Options}? options = null) => BuildOnnx(options).Save(stream);");
        w.Line();
        w.Line($"void {RuntimeApi.Network}.ExportOnnx(string path, {OnnxApi.Options}? options) => ExportOnnx(path, options);");
    }

    private static void WriteOutputShapes(IndentedWriter w, int inputChannels, List<(string Name, TensorShape Shape, string Text)> outputs)
    {
        w.Line("/// <summary>");
        w.Line("/// The graph outputs in order with their shapes as the generator computed them, for an input");
        w.Line($"/// [<paramref name=\"batch\"/>, {inputChannels}, <paramref name=\"height\"/>, <paramref name=\"width\"/>].");
        w.Line("/// </summary>");
        using (w.Block($"public static {OnnxApi.OutputShapes} OnnxOutputShapes(long batch, long height, long width) => new (string, long[])[]", "};"))
        {
            foreach (var (name, shape, text) in outputs)
                w.Line($"(\"{name}\", new[] {{ batch, {shape.Channels}L, {Dim("height", shape.Size.Level)}, {Dim("width", shape.Size.Level)} }}), // {shape}: {text}");
        }
    }

    /// <summary>ceil(size / 2^level): what <paramref name="level"/> ceil-mode poolings leave.</summary>
    private static string Dim(string size, int level) =>
        level == 0 ? size : $"({size} + {(1L << level) - 1}) / {1L << level}";

    private static void WriteBuild(IndentedWriter w, U2NetModel model, string options, string s)
    {
        string fixedSize = model.FixedHeight is int h ? $"({h}, {model.FixedWidth})" : "null";
        var stagePaths = model.Encoders.Select((st, i) => (st.Name, Path: $"encode_modules.{i}"))
            .Concat(model.Decoders.Select((st, i) => (st.Name, Path: $"decode_modules.{i}")))
            .ToDictionary(p => p.Name, p => p.Path);
        var sidePaths = model.Sides.ToDictionary(sd => sd.FieldName, sd => $"side_modules.{sd.ModuleIndex}");

        string Module(string field, string x) =>
            stagePaths.TryGetValue(field, out string? stage) ? $"{field}.ExportOnnx({s}, {x}, \"{stage}\")"
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
            w.Line($"{s}.Output(\"fused\", {fused});");
            foreach (SideModel side in model.Sides)
                w.Line($"{s}.Output(\"side{side.Number}\", side{side.Number});");
            string activation = model.IsMultiClass ? $"{s}.Graph.Softmax({fused}, 1)" : $"{s}.Graph.Sigmoid({fused})";
            w.Line($"{s}.Output(\"probabilities\", {activation});");
            w.Line($"return {s}.Graph;");
        }
    }

    private static void WriteStage(IndentedWriter w, RsuStageModel stage)
    {
        string Module(string field, string x)
        {
            // conv_in, encode_modules_3 -> state_dict children conv_in, encode_modules.3
            string child = field == "conv_in" ? field : field.Substring(0, field.LastIndexOf('_')) + "." + field.Substring(field.LastIndexOf('_') + 1);
            return $"onnx.ConvBnRelu({x}, {field}, prefix + \".{child}\")";
        }

        using (w.Block($"partial class {stage.ClassName}"))
        {
            w.Line($"/// <summary>{stage.BlockName} {stage.InputShape} -> {stage.OutputShape} on the ONNX graph; <paramref name=\"prefix\"/> is the stage's state_dict path.</summary>");
            using (w.Block($"internal string ExportOnnx({OnnxApi.Session} onnx, string x, string prefix)"))
            {
                OnnxProgramWriter.Write(w, stage.Forward, "onnx", Module);
                w.Line($"return {stage.Forward.Results[0]};");
            }
        }
    }
}
