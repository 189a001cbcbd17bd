using System;

namespace Segment.Runtime.Onnx;

/// <summary>The opsets the exporter writes and the IR version that goes with each.</summary>
public static class OnnxOpset
{
    /// <summary>Lowest opset written: Resize with coordinate modes and Pad with a pads input start at 11.</summary>
    public const int Min = 11;

    /// <summary>Highest opset written: every op used here was checked against onnx 1.12, whose last opset is 17.</summary>
    public const int Max = 17;

    /// <summary>The opset the seeds' own export used.</summary>
    public const int Default = 11;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless <paramref name="opset"/> is in [11, 17].</summary>
    public static void Check(int opset, string paramName = "opset")
    {
        if (opset < Min || opset > Max)
            throw new ArgumentOutOfRangeException(paramName, opset,
                $"ONNX opset {opset} is not supported: the exporter writes opsets {Min} to {Max} ({Default} is what the seeds' export used).");
    }

    /// <summary>
    /// The IR version of the ONNX release that introduced <paramref name="opset"/>: readers reject a
    /// model whose IR is newer than they know, so the lowest IR that carries the opset is the safest.
    /// </summary>
    public static long IrVersionFor(int opset)
    {
        Check(opset);
        return opset switch
        {
            11 => 6,            // onnx 1.6
            <= 14 => 7,         // onnx 1.7 .. 1.9
            _ => 8,             // onnx 1.10 .. 1.12
        };
    }
}
