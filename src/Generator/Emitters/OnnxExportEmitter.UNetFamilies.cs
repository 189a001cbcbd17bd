using System.Collections.Generic;
using System.Linq;
using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>
/// <c>{Namespace}.{Class}.OnnxExport.g.cs</c> for a UNet and a UNet++: the same public surface as a
/// U²-Net's (<c>ExportOnnx(path | stream, options)</c>, <c>BuildOnnx(options)</c>, <c>OnnxOutputShapes</c>),
/// the forward replayed on the graph a call per step. Graph outputs follow the typed result:
/// UNet out (+ aux), UNet++ out or out1..outL, then probabilities (of the main or deepest head).
/// </summary>
internal static partial class OnnxExportEmitter
{
    public static string Emit(UNetModel model)
    {
        IndentedWriter w = SourceHeader.Start(model.Type, "OnnxExport", "UNet");
        var outputs = new List<(string Name, TensorShape Shape, string Text)> { ("out", model.OutputShape, "logits") };
        if (model.HasAux)
            outputs.Add(("aux", model.OutputShape, $"auxiliary logits of up{model.AuxLevel}, resized to the input"));
        outputs.Add(("probabilities", model.OutputShape, model.IsMultiClass ? "softmax of out over the classes" : "sigmoid of out"));
        var kinds = model.Blocks.ToDictionary(b => b.Name, b => b.Kind);

        // in_conv, down{k}, up{k}.up / up{k}.conv, out_conv, aux_conv: runtime layer -> session call, weights under the same path.
        string Module(string s, string field, string x)
        {
            int dot = field.IndexOf('.');
            if (dot >= 0)
                return field.Substring(dot + 1) == "up"
                    ? $"{s}.ConvTranspose({x}, {field}, \"{field}\")"
                    : $"{s}.DoubleConv({x}, {field}, \"{field}\")";
            return kinds[field] switch
            {
                UNetBlockKind.InConv => $"{s}.DoubleConv({x}, {field}, \"{field}\")",
                UNetBlockKind.Down => $"{s}.Down({x}, {field}, \"{field}\")",
                _ => $"{s}.SequentialConv({x}, {field}, \"{field}\")",
            };
        }

        var family = new Family(model.Type.Name, model.CliName, model.InputChannels, model.FixedHeight, model.FixedWidth,
            model.MinimumSize, Multiple: 1, model.IsMultiClass, MainResult: 0, model.Forward, outputs, Module);
        WriteFamily(w, family);
        return w.ToString();
    }

    public static string Emit(UNetPlusPlusModel model)
    {
        IndentedWriter w = SourceHeader.Start(model.Type, "OnnxExport", "UNetPlusPlus");
        var outputs = Enumerable.Range(1, model.Heads)
            .Select(head => (model.OutputName(head), model.OutputShape, $"logits of {model.HeadModule(head)}"))
            .ToList();
        string main = outputs[outputs.Count - 1].Item1;
        outputs.Add(("probabilities", model.OutputShape, model.IsMultiClass ? $"softmax of {main} over the classes" : $"sigmoid of {main}"));
        var nodes = new HashSet<string>(model.Nodes.Select(n => n.ModuleName));

        // conv{i}_{j}: VGGBlock; final / final{k}: a 1x1 Conv2d.
        string Module(string s, string field, string x) => nodes.Contains(field)
            ? $"{s}.VggBlock({x}, {field}, \"{field}\")"
            : $"{s}.Conv({x}, {field}, \"{field}\")";

        var family = new Family(model.Type.Name, model.CliName, model.InputChannels, model.FixedHeight, model.FixedWidth,
            model.Multiple, model.Multiple, model.IsMultiClass, MainResult: model.Heads - 1, model.Forward, outputs, Module);
        WriteFamily(w, family);
        return w.ToString();
    }

    /// <summary>What the UNet families' export files differ in. <see cref="MainResult"/>: the result the probabilities are of.</summary>
    private sealed record Family(
        string ClassName,
        string CliName,
        int InputChannels,
        int? FixedHeight,
        int? FixedWidth,
        int MinimumSize,
        int Multiple,
        bool IsMultiClass,
        int MainResult,
        ForwardProgram Forward,
        List<(string Name, TensorShape Shape, string Text)> Outputs,
        System.Func<string, string, string, string> Module);

    private static void WriteFamily(IndentedWriter w, Family f)
    {
        string options = OnnxProgramWriter.FreeName("options", f.Forward);
        string s = OnnxProgramWriter.FreeName("onnx", f.Forward);
        using (w.Block($"partial class {f.ClassName}"))
        {
            WriteEntryPoints(w, f.InputChannels, f.FixedHeight, f.FixedWidth, f.Outputs);
            w.Line();
            WriteOutputShapes(w, f.InputChannels, f.Outputs);
            w.Line();
            WriteFamilyBuild(w, f, options, s);
        }
    }

    private static void WriteFamilyBuild(IndentedWriter w, Family f, string options, string s)
    {
        string fixedSize = f.FixedHeight is int h ? $"({h}, {f.FixedWidth})" : "null";
        string multiple = f.Multiple > 1 ? $", multiple: {f.Multiple}" : "";
        w.Line("/// <summary>");
        w.Line("/// The ONNX graph of the eval-mode forward (BatchNorm with its running statistics), one call per step,");
        w.Line("/// initializers named after the state_dict keys. The shapes beside the calls are the generator's.");
        w.Line("/// </summary>");
        using (w.Block($"public {OnnxApi.Builder} BuildOnnx({OnnxApi.Options}? {options} = null)"))
        {
            w.Line($"var {s} = new {OnnxApi.Session}({Format.String(f.CliName)}, {options} ?? new {OnnxApi.Options}(), inputChannels: {f.InputChannels}, fixedSize: {fixedSize}, minimumSize: {f.MinimumSize}{multiple});");
            w.Line($"var {f.Forward.Input} = {s}.Input; // [N, {f.InputChannels}, {SpatialSize.Input(f.FixedHeight, f.FixedWidth)}]");
            OnnxProgramWriter.Write(w, f.Forward, s, (field, x) => f.Module(s, field, x));
            var results = f.Forward.Results;
            if (f.Outputs.Count - 1 != results.Count)
                throw new System.InvalidOperationException($"{f.ClassName}: {results.Count} results for {f.Outputs.Count - 1} outputs");
            for (int i = 0; i < results.Count; i++)
                w.Line($"{s}.Output(\"{f.Outputs[i].Name}\", {results[i]});");
            string main = results[f.MainResult];
            string activation = f.IsMultiClass ? $"{s}.Graph.Softmax({main}, 1)" : $"{s}.Graph.Sigmoid({main})";
            w.Line($"{s}.Output(\"probabilities\", {activation});");
            w.Line($"return {s}.Graph;");
        }
    }
}
