using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>
/// Emits <c>{Namespace}.{Class}.NotGenerated.g.cs</c> for a declaration with errors: the public surface a valid
/// declaration of its family would get (constructor, forward, the output type, Summary, the loss class, ExportOnnx,
/// the ISegmentationNetwork implementation), as far as the parsed declaration tells it, with bodies that throw an
/// exception naming the diagnostics. So the SEG errors are the only errors a user sees, not one CS1061 per use.
/// Nothing is emitted when the class itself cannot be completed (<see cref="CanEmit"/>).
/// </summary>
internal static class InvalidNetworkEmitter
{
    /// <summary>Diagnostics about the class itself: a generated partial would add compiler errors of its own.</summary>
    private static readonly HashSet<string> ClassLevel = new(StringComparer.Ordinal) { "SEG1001", "SEG1002", "SEG1003", "SEG1012", "SEG1014" };

    /// <summary>True when the declaration has an error and none of them is about the class itself.</summary>
    public static bool CanEmit(NetworkSpec? spec, EquatableArray<DiagnosticInfo> diagnostics)
    {
        if (spec is null)
            return false;
        var all = spec.Diagnostics.Concat(diagnostics).ToList();
        return all.Any(d => d.IsError) && !all.Any(d => ClassLevel.Contains(d.Id));
    }

    /// <summary>The file's hint name suffix.</summary>
    public const string Suffix = ".NotGenerated.g.cs";

    /// <summary>The stand-in of a declaration with errors, from the surface its family reads off the declaration.</summary>
    public static string Emit(StandInSurface surface, NetworkSpec spec, EquatableArray<DiagnosticInfo> diagnostics) =>
        Emit(surface, spec.Diagnostics.Concat(diagnostics));

    /// <summary>"Tiny is not generated: SEG2001 message; SEG2002 message. Fix the declaration."</summary>
    public static string Message(string typeName, IEnumerable<DiagnosticInfo> diagnostics)
    {
        var errors = diagnostics.Where(d => d.IsError).Select(Describe).Distinct().ToList();
        return $"{typeName} is not generated: {string.Join("; ", errors)}. Fix the declaration (see the SEG error(s) in the build output).";
    }

    private static string Describe(DiagnosticInfo d)
    {
        try
        {
            return d.Id + " " + d.ToDiagnostic().GetMessage(CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return d.Id;
        }
    }

    private static string Emit(StandInSurface s, IEnumerable<DiagnosticInfo> diagnostics)
    {
        string tensor = RuntimeApi.Tensor;
        string name = s.Type.Name;
        string output = name + "Output";
        const string Const = "SegmentNotGenerated";
        string message = Format.String(Message(name, diagnostics));
        const string Throw = "throw new global::System.InvalidOperationException(" + Const + ")";

        IndentedWriter w = SourceHeader.Start(s.Type, "Stand-in (the declaration has errors)", s.Attribute);
        w.Line("/// <summary>");
        w.Line($"/// Not generated: the [{s.Attribute}] declaration has errors (see the SEG diagnostics). Every member throws an");
        w.Line("/// <see cref=\"global::System.InvalidOperationException\"/> naming them; they exist so uses of the network compile.");
        w.Line("/// </summary>");
        ExplicitBaseClass? userBase = s.Type.ExplicitBase;
        // A user's base class (SEG1017) stays the only one: the stand-in declares none and completes that one instead.
        string bases = userBase is null ? $"global::TorchSharp.torch.nn.Module<{tensor}, {output}>, {RuntimeApi.Network}" : RuntimeApi.Network;
        using (w.Block($"partial class {name} : {bases}"))
        {
            w.Line($"private const string {Const} = {message};");
            w.Line();
            if (userBase is null || userBase.Constructor != "none")
            {
                w.Line("/// <summary>Throws: the declaration has errors.</summary>");
                w.Line(userBase?.Constructor == "default" ? $"public {name}() => {Throw};" : $"public {name}() : base(SegmentThrowNotGenerated())");
                if (userBase?.Constructor != "default")
                {
                    w.Line("{");
                    w.Line("}");
                }
                w.Line();
            }
            w.Line($"private static string SegmentThrowNotGenerated() => {Throw};");
            if (userBase is null)
            {
                w.Line();
                w.Line("/// <summary>Throws: the declaration has errors.</summary>");
                w.Line($"public override {output} forward({tensor} input) => {Throw};");
            }
            else
            {
                WriteUserBaseMembers(w, userBase, output, Throw);
            }
            if (s.PrunedHeads > 0)
            {
                for (int d = 1; d <= s.PrunedHeads; d++)
                {
                    w.Line();
                    w.Line("/// <summary>Throws: the declaration has errors.</summary>");
                    w.Line($"public {tensor} ForwardL{d}({tensor} input) => {Throw};");
                }
                w.Line();
                w.Line("/// <summary>Throws: the declaration has errors.</summary>");
                w.Line($"public {tensor} ForwardPruned({tensor} input, int depth) => {Throw};");
            }
            w.Line();
            w.Line("/// <summary>Throws: the declaration has errors.</summary>");
            w.Line($"public void ExportOnnx(string path, {OnnxApi.Options}? options = null) => {Throw};");
            w.Line();
            w.Line("/// <summary>Throws: the declaration has errors.</summary>");
            w.Line($"public void ExportOnnx({OnnxApi.Stream} stream, {OnnxApi.Options}? options = null) => {Throw};");
            w.Line();
            w.Line("/// <summary>Throws: the declaration has errors.</summary>");
            w.Line($"public static {OnnxApi.OutputShapes} OnnxOutputShapes(long batch, long height, long width, {OnnxApi.Options}? options = null) => {Throw};");
            w.Line();
            w.Line("/// <summary>Throws: the declaration has errors.</summary>");
            w.Line($"public {OnnxApi.Builder} BuildOnnx({OnnxApi.Options}? options = null) => {Throw};");
            w.Line();
            string network = RuntimeApi.Network;
            // The declared values themselves, not Summary's: a user member named Summary replaces that class (SEG1016).
            w.Line($"string {network}.Name => {Format.String(s.CliName)};");
            w.Line($"int {network}.InputChannels => {Throw};");
            w.Line($"int {network}.Classes => {s.Classes.ToString(CultureInfo.InvariantCulture)};");
            w.Line($"(int Height, int Width)? {network}.FixedInputSize => {Throw};");
            w.Line($"int {network}.MinimumInputSize => {Throw};");
            w.Line($"long {network}.TotalParameters => {Throw};");
            w.Line($"string {network}.SummaryText => {Throw};");
            w.Line($"double {network}.PeakActivationBytes(long batch, long height, long width) => {Throw};");
            w.Line($"{RuntimeApi.NamedTensors} {network}.ForwardNamed({tensor} x) => {Throw};");
            w.Line($"{tensor} {network}.Predict({tensor} x) => {Throw};");
            w.Line($"{RuntimeApi.LossResult} {network}.Loss({RuntimeApi.NamedTensors} outputs, {tensor} target) => {Throw};");
            w.Line($"void {network}.ExportOnnx(string path, {OnnxApi.Options}? options) => {Throw};");
            w.Line($"{OnnxApi.Builder} {network}.BuildOnnx({OnnxApi.Options}? options) => {Throw};");
            w.Line();
            w.Line("/// <summary>What the declaration says; what the generator would have computed throws.</summary>");
            using (w.Block("public static class Summary"))
            {
                w.Line("/// <summary>The command-line name.</summary>");
                w.Line($"public const string Network = {Format.String(s.CliName)};");
                w.Line();
                w.Line("/// <summary>Throws: the declaration has errors.</summary>");
                w.Line($"public static long TotalParameters => {Throw};");
                w.Line();
                w.Line("/// <summary>Input channels as declared.</summary>");
                w.Line(s.InputChannels is int channels
                    ? $"public const int InputChannels = {channels.ToString(CultureInfo.InvariantCulture)};"
                    : $"public static int InputChannels => {Throw};");
                w.Line();
                w.Line("/// <summary>Output channels (classes) as declared.</summary>");
                w.Line($"public const int Classes = {s.Classes.ToString(CultureInfo.InvariantCulture)};");
                w.Line();
                w.Line("/// <summary>Throws: the declaration has errors.</summary>");
                w.Line($"public static int MinimumInputSize => {Throw};");
                w.Line();
                w.Line("/// <summary>Throws: the declaration has errors.</summary>");
                w.Line($"public static global::System.Collections.Generic.IReadOnlyList<(string Stage, string Block, string Input, string Output, long Parameters)> Stages => {Throw};");
                w.Line();
                w.Line("/// <summary>Throws: the declaration has errors.</summary>");
                w.Line($"public static double PeakActivationBytes(long batch, long height, long width) => {Throw};");
                w.Line();
                w.Line("/// <summary>Throws: the declaration has errors.</summary>");
                w.Line($"public static global::System.Collections.Generic.IReadOnlyList<(string Option, string Outputs)> OnnxExports => {Throw};");
                if (s.Attribute == "UNetPlusPlus")
                {
                    w.Line();
                    w.Line("/// <summary>Throws: the declaration has errors.</summary>");
                    w.Line($"public static global::System.Collections.Generic.IReadOnlyList<(int Heads, long Parameters, long MultiplyAddsPerCell)> Exports => {Throw};");
                }
                w.Line();
                w.Line("/// <summary>Throws: the declaration has errors.</summary>");
                w.Line($"public static string Text => {Throw};");
            }
        }
        w.Line();
        WriteOutput(w, s, output);
        w.Line();
        w.Line($"/// <summary>Not generated: <see cref=\"{name}\"/>'s declaration has errors; Compute throws naming them.</summary>");
        using (w.Block($"{s.Type.Accessibility} static class {name}Loss"))
        {
            w.Line($"private const string {Const} = {message};");
            foreach (var (_, type, constant, value) in s.LossConstants)
            {
                w.Line();
                w.Line("/// <summary>As declared.</summary>");
                w.Line($"public const {type} {constant} = {value};");
            }
            if (s.ClassWeights is not null)
            {
                w.Line();
                w.Line("/// <summary>As declared.</summary>");
                w.Line($"public static global::System.Collections.Generic.IReadOnlyList<float> ClassWeights {{ get; }} = new float[] {{ {s.ClassWeights} }};");
            }
            w.Line();
            w.Line("/// <summary>Throws: the declaration has errors.</summary>");
            w.Line($"public static {RuntimeApi.LossResult} Compute({output} output, {tensor} target) => {Throw};");
            w.Line();
            w.Line("/// <summary>Throws: the declaration has errors.</summary>");
            w.Line($"public static {RuntimeApi.LossResult} Compute({RuntimeApi.NamedTensors} outputs, {tensor} target) => {Throw};");
        }
        return w.ToString();
    }

    /// <summary>
    /// The members of a stand-in whose class derives from the user's base (SEG1017): overrides of the base's abstract
    /// members, <c>call</c> typed as the network's (hiding the base's), <c>forward</c> unless the base has one, and
    /// IDisposable when the base is not disposable.
    /// </summary>
    private static void WriteUserBaseMembers(IndentedWriter w, ExplicitBaseClass userBase, string output, string @throw)
    {
        foreach (AbstractMember member in userBase.AbstractMembers)
        {
            w.Line();
            w.Line("/// <summary>Throws: the declaration has errors.</summary>");
            w.Line(member.IsProperty && member.HasSetter
                ? $"{member.Signature} {{ get => {@throw}; set => {@throw}; }}"
                : $"{member.Signature} => {@throw};");
        }
        var names = new HashSet<string>(userBase.BaseMemberNames, StringComparer.Ordinal);
        w.Line();
        w.Line("/// <summary>Throws: the declaration has errors.</summary>");
        w.Line($"public {(names.Contains("call") ? "new " : "")}{output} call({RuntimeApi.Tensor} input) => {@throw};");
        if (!names.Contains("forward"))
        {
            w.Line();
            w.Line("/// <summary>Throws: the declaration has errors.</summary>");
            w.Line($"public {output} forward({RuntimeApi.Tensor} input) => {@throw};");
        }
        if (!names.Contains("Dispose"))
        {
            // ISegmentationNetwork is IDisposable, which a TorchSharp module implements; a plain base does not. Nothing to free.
            w.Line();
            w.Line("void global::System.IDisposable.Dispose() { }");
        }
    }

    /// <summary>The output type as a valid declaration would have it (a plain holder of tensors, so it works).</summary>
    private static void WriteOutput(IndentedWriter w, StandInSurface s, string output)
    {
        string tensor = RuntimeApi.Tensor;
        w.Line($"/// <summary>What <see cref=\"{s.Type.Name}\"/>'s forward would return; disposing it frees every tensor in it.</summary>");
        using (w.Block($"{s.Type.Accessibility} sealed class {output} : global::System.IDisposable"))
        {
            var parameters = s.Heads.Select(o => $"{tensor} {o.Local}").ToList();
            if (s.Probabilities)
                parameters.Add($"{tensor}? probabilities");
            w.Line("/// <summary>Holds the given tensors.</summary>");
            using (w.Block($"public {output}({string.Join(", ", parameters)})"))
            {
                foreach (var o in s.Heads)
                    w.Line($"{o.Property} = {o.Local};");
                if (s.Probabilities)
                    w.Line("Probabilities = probabilities;");
            }
            foreach (var o in s.Heads)
            {
                w.Line();
                w.Line($"/// <summary>The \"{o.Name}\" logits.</summary>");
                w.Line($"public {tensor} {o.Property} {{ get; }}");
            }
            if (s.Probabilities)
            {
                w.Line();
                w.Line("/// <summary>Probabilities of <see cref=\"Fused\"/>, computed in eval mode; null in training mode.</summary>");
                w.Line($"public {tensor}? Probabilities {{ get; }}");
            }
            w.Line();
            w.Line("/// <summary>The logits by name as the command line writes them.</summary>");
            using (w.Block($"public {RuntimeApi.NamedTensors} ToNamedList() => new (string Name, {tensor} Value)[]", "};"))
            {
                foreach (var o in s.Heads)
                    w.Line($"(\"{o.Name}\", {o.Property}),");
            }
            w.Line();
            w.Line("/// <summary>Disposes every tensor.</summary>");
            using (w.Block("public void Dispose()"))
            {
                foreach (var o in s.Heads)
                    w.Line($"{o.Property}.Dispose();");
                if (s.Probabilities)
                    w.Line("Probabilities?.Dispose();");
            }
        }
    }
}
