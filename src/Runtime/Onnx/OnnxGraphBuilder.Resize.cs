using System;
using System.Collections.Generic;
using Segment.Runtime.Onnx.Proto;

namespace Segment.Runtime.Onnx;

// F.interpolate on NCHW tensors, three ways to give the output size: like another tensor (dynamic
// H/W, what U2Net's decoder does), fixed H x W, or scale factors (UNet's Upsample x2).
public sealed partial class OnnxGraphBuilder
{
    /// <summary>F.interpolate(x, size: like.shape[2:]): follows <paramref name="like"/>'s size at run time.</summary>
    public string ResizeLike(string x, string like, OnnxInterpolation mode, bool alignCorners = false, string? name = null)
    {
        RequireRank(x, 4, "Resize");
        RequireRank(like, 4, "Resize");
        string stem = name ?? "Resize";
        string sizes = ShapeOp("Concat", stem + "/sizes", new[] { ShapeSlice(x, 0, 2), ShapeSlice(like, 2, 4) }, OnnxProto.Int("axis", 0));
        return ResizeNode(x, scales: null, sizes, mode, alignCorners, name);
    }

    /// <summary>F.interpolate(x, size: (height, width)); batch and channels stay dynamic.</summary>
    public string Resize(string x, long height, long width, OnnxInterpolation mode, bool alignCorners = false, string? name = null)
    {
        RequireRank(x, 4, "Resize");
        if (height < 1 || width < 1)
            throw new ArgumentOutOfRangeException(nameof(height), $"Resize target {height} x {width} must be at least 1 x 1");
        string stem = name ?? "Resize";
        string sizes = ShapeOp("Concat", stem + "/sizes", new[] { ShapeSlice(x, 0, 2), ConstantInt64(height, width) }, OnnxProto.Int("axis", 0));
        return ResizeNode(x, scales: null, sizes, mode, alignCorners, name);
    }

    /// <summary>F.interpolate(x, scale_factor: (scaleH, scaleW)) / nn.Upsample(scale_factor): out = floor(in * scale).</summary>
    public string ResizeByScale(string x, float scaleH, float scaleW, OnnxInterpolation mode, bool alignCorners = false, string? name = null)
    {
        RequireRank(x, 4, "Resize");
        if (!(scaleH > 0) || !(scaleW > 0))
            throw new ArgumentOutOfRangeException(nameof(scaleH), $"Resize scales {scaleH}, {scaleW} must be positive");
        return ResizeNode(x, ConstantFloat32(1f, 1f, scaleH, scaleW), sizes: null, mode, alignCorners, name);
    }

    private string ResizeNode(string x, string? scales, string? sizes, OnnxInterpolation mode, bool alignCorners, string? name)
    {
        var attributes = new List<AttributeProto>();
        switch (mode)
        {
            case OnnxInterpolation.Bilinear:
                // PyTorch's align_corners=False maps dst to (dst + 0.5) * in / out - 0.5 for every output
                // length, which is half_pixel. Not pytorch_half_pixel: that one samples index 0 when the
                // output length is 1, and PyTorch 1.13 does not (the tests resize to length 1 to hold this).
                attributes.Add(OnnxProto.String("coordinate_transformation_mode", alignCorners ? "align_corners" : "half_pixel"));
                attributes.Add(OnnxProto.String("mode", "linear"));
                break;
            case OnnxInterpolation.Nearest:
                if (alignCorners)
                    throw new ArgumentException("align_corners only applies to bilinear resizing (PyTorch rejects it for nearest)", nameof(alignCorners));
                // PyTorch's nearest: src = floor(dst * in / out).
                attributes.Add(OnnxProto.String("coordinate_transformation_mode", "asymmetric"));
                attributes.Add(OnnxProto.String("mode", "nearest"));
                attributes.Add(OnnxProto.String("nearest_mode", "floor"));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown interpolation");
        }
        // Opset 11/12: roi and scales are required inputs, given as empty tensors when unused.
        // Opset 13+: both optional, left out with "".
        string roi = Opset >= 13 ? "" : ConstantFloat32();
        string[] inputs = sizes is not null
            ? new[] { x, roi, Opset >= 13 ? "" : ConstantFloat32(), sizes }
            : new[] { x, roi, scales! };
        return AddNode("Resize", name, inputs, attributes);
    }
}
