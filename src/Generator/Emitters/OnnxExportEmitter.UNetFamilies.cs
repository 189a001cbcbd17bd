using System.Collections.Generic;
using System.Linq;
using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>
/// <c>{Namespace}.{Class}.OnnxExport.g.cs</c> for a UNet and a UNet++: the same public surface as a
/// U²-Net's (<c>ExportOnnx(path | stream, options)</c>, <c>BuildOnnx(options)</c>, <c>OnnxOutputShapes</c>),
/// the forward replayed on the graph a call per step; a child step is <c>Module(x, child, "path")</c>, which the runtime
/// lowers by the child's type. Output 0 is the probabilities (of UNet's out, of UNet++'s
/// deepest head or the one <c>Head</c> prunes to); <c>OnnxOutputs.All</c> adds the typed result: UNet out (+ aux),
/// UNet++ out or out1..outK. The forward is replayed whole: the builder drops what no declared output needs.
/// </summary>
internal static partial class OnnxExportEmitter
{
    public static string Emit(UNetModel model)
    {
        IndentedWriter w = SourceHeader.Start(model.Type, "OnnxExport", "UNet");
        OnnxContract contract = OnnxContract.For(model);
        var family = new Family(model.Type.Name, model.CliName, model.InputChannels, model.FixedHeight, model.FixedWidth,
            model.MinimumSize, Multiple: 1, model.Forward, contract);
        WriteFamily(w, family);
        return w.ToString();
    }

    public static string Emit(UNetPlusPlusModel model)
    {
        IndentedWriter w = SourceHeader.Start(model.Type, "OnnxExport", "UNetPlusPlus");
        OnnxContract contract = OnnxContract.For(model);
        var family = new Family(model.Type.Name, model.CliName, model.InputChannels, model.FixedHeight, model.FixedWidth,
            model.Multiple, model.Multiple, model.Forward, contract) { HasCostTable = true };
        WriteFamily(w, family);
        return w.ToString();
    }

    /// <summary>What the UNet families' export files differ in. <see cref="HasCostTable"/>: the Summary has Exports (UNet++: cost per head count).</summary>
    private sealed record Family(
        string ClassName,
        string CliName,
        int InputChannels,
        int? FixedHeight,
        int? FixedWidth,
        int MinimumSize,
        int Multiple,
        ForwardProgram Forward,
        OnnxContract Contract)
    {
        public bool HasCostTable { get; init; }

        /// <summary>The Describe call's cost arguments: Summary.Exports' row for the heads exported (one row without deep supervision).</summary>
        public string? DescribeArguments(string s)
        {
            if (!HasCostTable)
                return null;
            string row = Contract.Heads > 0 ? $"Summary.Exports[{s}.Heads - 1]" : "Summary.Exports[0]";
            return $", parameters: {row}.Parameters, multiplyAddsPerCell: {row}.MultiplyAddsPerCell";
        }
    }

    private static void WriteFamily(IndentedWriter w, Family f)
    {
        string options = OnnxProgramWriter.FreeName("options", f.Forward);
        string s = OnnxProgramWriter.FreeName("onnx", f.Forward);
        using (w.Block($"partial class {f.ClassName}"))
        {
            WriteEntryPoints(w, f.InputChannels, f.FixedHeight, f.FixedWidth, f.Contract);
            w.Line();
            WriteOutputShapes(w, f.InputChannels, f.Contract);
            w.Line();
            WriteFamilyBuild(w, f, options, s);
        }
    }

    private static void WriteFamilyBuild(IndentedWriter w, Family f, string options, string s)
    {
        string fixedSize = f.FixedHeight is int h ? $"({h}, {f.FixedWidth})" : "null";
        string multiple = f.Multiple > 1 ? $", multiple: {f.Multiple}" : "";
        string heads = f.Contract.Heads > 0 ? $", heads: {f.Contract.Heads}" : "";
        w.Line("/// <summary>");
        w.Line("/// The ONNX graph of the eval-mode forward (BatchNorm with its running statistics), one call per step,");
        w.Line("/// initializers named after the state_dict keys. The shapes beside the calls are the generator's.");
        w.Line("/// </summary>");
        using (w.Block($"public {OnnxApi.Builder} BuildOnnx({OnnxApi.Options}? {options} = null)"))
        {
            w.Line($"var {s} = new {OnnxApi.Session}({Format.String(f.CliName)}, {options} ?? new {OnnxApi.Options}(), inputChannels: {f.InputChannels}, fixedSize: {fixedSize}, minimumSize: {f.MinimumSize}{multiple}{heads});");
            w.Line($"var {f.Forward.Input} = {s}.Input; // [N, {f.InputChannels}, {SpatialSize.Input(f.FixedHeight, f.FixedWidth)}]");
            // Every child lowers itself by its runtime type (OnnxNetworkExport.Module), under its state_dict path.
            OnnxProgramWriter.Write(w, f.Forward, s, (field, x) => $"{s}.Module({x}, {field}, \"{field}\")");
            var results = f.Forward.Results;
            if (f.Contract.Extras.Count != results.Count)
                throw new System.InvalidOperationException($"{f.ClassName}: {results.Count} results for {f.Contract.Extras.Count} outputs");
            if (f.Contract.Heads > 0)
                WriteHeadOutputs(w, s, f, results);
            else
                WriteOutputs(w, s, f.Contract, results[0], results, f.DescribeArguments(s));
            w.Line($"return {s}.Graph;");
        }
    }

    /// <summary>
    /// A UNet++ with deep supervision: the probabilities of head <c>Heads</c> (the deepest unless <c>Head</c> prunes),
    /// with <c>OnnxOutputs.All</c> heads out1..out{Heads}; the deeper nodes reach no output and are dropped.
    /// </summary>
    private static void WriteHeadOutputs(IndentedWriter w, string s, Family f, IReadOnlyList<string> results)
    {
        string heads = OnnxProgramWriter.FreeName("heads", f.Forward);
        w.Line($"var {heads} = new[] {{ {string.Join(", ", results)} }};");
        w.Line($"{s}.Probabilities({heads}[{s}.Heads - 1], classes: {f.Contract.Classes});");
        using (w.Block($"if ({s}.AllOutputs)"))
        {
            w.Line($"for (int head = 1; head <= {s}.Heads; head++)");
            w.Line($"    {s}.Output(\"out\" + head, {heads}[head - 1]);");
        }
        w.Line($"{s}.Describe(\"{f.Contract.Family}\", classes: {f.Contract.Classes}{f.DescribeArguments(s)});");
    }
}
