namespace Segment.Runtime.Onnx;

/// <summary>How <see cref="OnnxGraphBuilder"/>'s Resize samples, named after F.interpolate's modes.</summary>
public enum OnnxInterpolation
{
    /// <summary>PyTorch's "nearest": source index = floor(dst * in / out).</summary>
    Nearest,

    /// <summary>PyTorch's "bilinear", with or without align_corners.</summary>
    Bilinear,
}
