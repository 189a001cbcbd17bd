using System;
using System.Collections.Generic;
using System.Linq;

namespace Segment.Runtime.Onnx;

public sealed partial class OnnxGraphBuilder
{
    /// <summary>
    /// F.interpolate to a fully known N x C x H x W. Unlike <see cref="ResizeLike"/> and
    /// <see cref="Resize(string, long, long, OnnxInterpolation, bool, string?)"/>, whose sizes are
    /// computed from Shape at run time, the sizes here are one constant, so ONNX shape inference
    /// knows the output's dims and later ops' too: what a static export uses.
    /// </summary>
    public string ResizeToShape(string x, IReadOnlyList<long> sizes, OnnxInterpolation mode, bool alignCorners = false, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        RequireRank(x, 4, "Resize");
        if (sizes.Count != 4 || sizes.Any(s => s < 1))
            throw new ArgumentOutOfRangeException(nameof(sizes), $"Resize target [{string.Join(", ", sizes)}] must be four sizes of at least 1 (N, C, H, W)");
        return ResizeNode(x, scales: null, ConstantInt64(sizes.ToArray()), mode, alignCorners, name);
    }
}
