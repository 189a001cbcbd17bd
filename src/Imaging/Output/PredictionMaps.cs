using System;

namespace Segment.Imaging.Output;

/// <summary>
/// The network's output maps (CHW floats at the network's input size) brought back to the
/// original image: resized bilinearly as the metrics resize them (<see cref="Resizing.Bilinear"/>,
/// PyTorch's arithmetic), then a probability plane for one class or the argmax for several.
/// Shared by prediction on TorchSharp and on ONNX Runtime.
/// </summary>
public static class PredictionMaps
{
    /// <summary>[channels, height, width] maps resized to <paramref name="outWidth"/> x <paramref name="outHeight"/>.</summary>
    public static float[] ToSize(float[] maps, int channels, int height, int width, int outWidth, int outHeight) =>
        height == outHeight && width == outWidth
            ? (float[])maps.Clone()
            : Resizing.Bilinear(maps, channels, height, width, outHeight, outWidth);

    /// <summary>The class of highest score per pixel (the first on a tie, as <c>torch.argmax</c>).</summary>
    public static byte[] Argmax(float[] maps, int channels, int height, int width)
    {
        if (maps is null)
            throw new ArgumentNullException(nameof(maps));
        if (channels < 1 || channels > 255)
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "class indices are bytes below the ignore index: 1..255 channels");
        int plane = height * width;
        if (maps.Length != (long)channels * plane)
            throw new ArgumentException($"{channels} maps of {height}x{width} need {(long)channels * plane} values, got {maps.Length}", nameof(maps));
        var classes = new byte[plane];
        for (int i = 0; i < plane; i++)
        {
            int best = 0;
            float top = maps[i];
            for (int c = 1; c < channels; c++)
            {
                float v = maps[c * plane + i];
                if (v > top)
                {
                    top = v;
                    best = c;
                }
            }
            classes[i] = (byte)best;
        }
        return classes;
    }
}
