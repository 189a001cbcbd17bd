using System;
using System.Linq;
using Segment.Runtime.Onnx.Proto;

namespace Segment.Runtime.Onnx;

// Constant padding. From opset 11 Pad takes the amounts as an int64 input tensor, which is what
// lets PadToMatch compute them from run-time shapes.
public sealed partial class OnnxGraphBuilder
{
    /// <summary>
    /// Constant padding by fixed amounts, one per axis of <paramref name="x"/> (e.g. for NCHW:
    /// <c>begins: [0, 0, top, left]</c>, <c>ends: [0, 0, bottom, right]</c>). Unlike F.pad's list this is
    /// in axis order, not last axis first.
    /// </summary>
    public string Pad(string x, long[] begins, long[] ends, float value = 0f, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(begins);
        ArgumentNullException.ThrowIfNull(ends);
        if (begins.Length != ends.Length)
            throw new ArgumentException($"Pad: {begins.Length} begins but {ends.Length} ends", nameof(ends));
        if (RankOf(x) is int r && r != begins.Length)
            throw new ArgumentException($"Pad: '{x}' has rank {r} but {begins.Length} pad amounts were given", nameof(begins));
        return PadNode(x, ConstantInt64(begins.Concat(ends).ToArray()), value, name);
    }

    /// <summary>
    /// UNet's pad-to-skip: zero-pads NCHW <paramref name="x"/> to <paramref name="like"/>'s H x W, with
    /// diff / 2 before and the rest after on each axis (F.pad(x, [dw // 2, dw - dw // 2, dh // 2, dh - dh // 2])).
    /// The amounts are computed from both shapes at run time, so dynamic H/W work. Requires
    /// like's H/W >= x's (UNet's upsampled map is never larger than its skip): ONNX's integer Div
    /// truncates where Python's // floors, which differs only for negative odd differences.
    /// </summary>
    public string PadToMatch(string x, string like, string? name = null)
    {
        RequireRank(x, 4, "PadToMatch");
        RequireRank(like, 4, "PadToMatch");
        string stem = name ?? "PadToMatch";
        string diff = ShapeOp("Sub", stem + "/diff", new[] { ShapeSlice(like, 2, 4), ShapeSlice(x, 2, 4) });
        string before = ShapeOp("Div", stem + "/before", new[] { diff, ConstantInt64(2) });
        string after = ShapeOp("Sub", stem + "/after", new[] { diff, before });
        string zeros = ConstantInt64(0, 0);
        // ONNX pads layout: [N_begin, C_begin, H_begin, W_begin, N_end, C_end, H_end, W_end].
        string pads = ShapeOp("Concat", stem + "/pads", new[] { zeros, before, zeros, after }, OnnxProto.Int("axis", 0));
        return PadNode(x, pads, 0f, name);
    }

    private string PadNode(string x, string pads, float value, string? name)
    {
        var inputs = value == 0f
            ? new[] { x, pads }     // constant_value defaults to 0
            : new[] { x, pads, ScalarFloat32(value) };
        return AddNode("Pad", name, inputs, new[] { OnnxProto.String("mode", "constant") });
    }
}
