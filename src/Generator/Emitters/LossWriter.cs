using System;
using System.Collections.Generic;

namespace Segment.Generator.Emitters;

/// <summary>
/// What the loss emitters of every family write alike: the <c>Compute(output, target)</c> overload over the typed
/// output, the header of <c>Compute(outputs, target)</c> over named outputs, and the <c>Find</c> lookup.
/// </summary>
internal static class LossWriter
{
    /// <summary>
    /// Writes <c>Compute(TOutput output, target)</c> (delegating to the named-list overload) and opens the block of
    /// <c>Compute(outputs, target)</c>; <paramref name="termKind"/> names the per-term unit ("output", "head") in the doc.
    /// </summary>
    public static IDisposable BeginCompute(IndentedWriter w, string typeName, string termKind, string targetDoc)
    {
        string tensor = RuntimeApi.Tensor;
        w.Line($"/// <summary>Total and per-{termKind} terms for <paramref name=\"output\"/> against {targetDoc}.</summary>");
        w.Line($"public static {RuntimeApi.LossResult} Compute({typeName}Output output, {tensor} target) =>");
        w.Line("    Compute(output.ToNamedList(), target);");
        w.Line();
        w.Line($"/// <summary>Same, for the named outputs of <see cref=\"{typeName}Output.ToNamedList\"/> (as the command line holds them).</summary>");
        return w.Block($"public static {RuntimeApi.LossResult} Compute({RuntimeApi.NamedTensors} outputs, {tensor} target)");
    }

    /// <summary>Writes a blank line and <c>Find(outputs, name)</c>, which throws naming <paramref name="expected"/> when an output is missing.</summary>
    public static void WriteFind(IndentedWriter w, string cliName, IEnumerable<string> expected)
    {
        w.Line();
        using (w.Block($"private static {RuntimeApi.Tensor} Find({RuntimeApi.NamedTensors} outputs, string name)"))
        {
            w.Line("foreach (var (key, value) in outputs)");
            w.Line("    if (key == name) return value;");
            w.Line($"throw new global::System.ArgumentException($\"{cliName} loss: output '{{name}}' is missing; expected {string.Join(", ", expected)}\", nameof(outputs));");
        }
    }
}
