using System.Collections.Generic;

namespace Segment.Onnx.Tests;

/// <summary>Input-shape sets for <see cref="ExportCase.Run"/>, short to write in tests.</summary>
internal static class Sets
{
    /// <summary>One input called "input".</summary>
    public static Dictionary<string, long[]> Input(params long[] shape) => new() { ["input"] = shape };

    /// <summary>Two inputs: "x" (the map to resample or pad) and "skip" (the size to reach).</summary>
    public static Dictionary<string, long[]> XSkip(long[] x, long[] skip) => new() { ["x"] = x, ["skip"] = skip };
}
