using System;

namespace Segment.Imaging;

/// <summary>
/// An RGB image as the networks read it: three float planes (channel, row, column: CHW), values
/// in [0, 1] after decoding (torchvision's <c>ToTensor</c> scale) and the mean/std scale after
/// <see cref="MeanStd.Normalize"/>. Plain arrays, so the TorchSharp runtime and an ONNX Runtime
/// deployment start from the same numbers.
/// </summary>
public sealed class RgbImage
{
    public RgbImage(int width, int height, float[] pixels)
    {
        if (width <= 0 || height <= 0)
            throw new ArgumentOutOfRangeException(nameof(width), $"an image needs a positive size, got {width}x{height}");
        if (pixels is null)
            throw new ArgumentNullException(nameof(pixels));
        if (pixels.Length != 3L * width * height)
            throw new ArgumentException($"a {width}x{height} RGB image needs {3L * width * height} values, got {pixels.Length}", nameof(pixels));
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Channel-major planes: R plane, then G, then B; each row-major.</summary>
    public float[] Pixels { get; }

    /// <summary>A copy resized with <see cref="Resizing.Bilinear"/> (PyTorch's bilinear, align_corners=False).</summary>
    public RgbImage ResizedBilinear(int width, int height) =>
        new(width, height, Resizing.Bilinear(Pixels, 3, Height, Width, height, width));
}
