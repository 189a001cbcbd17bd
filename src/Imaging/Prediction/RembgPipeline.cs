using System;

namespace Segment.Imaging.Prediction;

/// <summary>
/// rembg's u2net pipeline (its U2netSession: BaseSession.normalize, then the prediction's post-processing), so that a
/// U²-Net with the same weights gives rembg's masks: the image as RGB bytes, Pillow's Lanczos resize to 320 x 320,
/// divided by the resized image's maximum, ImageNet mean/std (in float64, then float32); the fused probability map
/// min-max normalised, clipped, times 255 truncated to bytes, and Pillow's Lanczos resize back to the image's size.
/// </summary>
public static class RembgPipeline
{
    /// <summary>The square size rembg runs every u2net model at.</summary>
    public const int Size = 320;

    private static readonly double[] Mean = [0.485, 0.456, 0.406];
    private static readonly double[] Std = [0.229, 0.224, 0.225];

    /// <summary>The network's input: 3 x 320 x 320 planes (CHW) from a decoded image (values k/255).</summary>
    public static RgbImage Prepare(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        byte[] resized = PilLanczos.Resize(ToBytes(image), image.Width, image.Height, 3, Size, Size);
        double max = 1e-6;
        foreach (byte b in resized)
            max = Math.Max(max, b);
        int plane = Size * Size;
        var planes = new float[3 * plane];
        for (int i = 0; i < plane; i++)
        {
            for (int c = 0; c < 3; c++)
                planes[c * plane + i] = (float)((resized[i * 3 + c] / max - Mean[c]) / Std[c]);
        }
        return new RgbImage(Size, Size, planes);
    }

    /// <summary>The mask rembg makes from the network's 320 x 320 foreground probabilities, at <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static byte[] Mask(float[] probabilities, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        if (probabilities.Length != Size * Size)
            throw new ArgumentException($"rembg's u2net output is {Size}x{Size}, got {probabilities.Length} values", nameof(probabilities));
        float max = float.NegativeInfinity, min = float.PositiveInfinity;
        foreach (float p in probabilities)
        {
            max = Math.Max(max, p);
            min = Math.Min(min, p);
        }
        var bytes = new byte[probabilities.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            // numpy in float32: (pred - mi) / (ma - mi), clip(0, 1) * 255, astype(uint8) truncates; a constant map is NaN -> 0.
            float v = (probabilities[i] - min) / (max - min);
            v = float.IsNaN(v) ? 0f : Math.Clamp(v, 0f, 1f) * 255f;
            bytes[i] = (byte)v;
        }
        return PilLanczos.Resize(bytes, Size, Size, 1, width, height);
    }

    // Decoding stored each byte k as k / 255f, which rounds back to k exactly.
    private static byte[] ToBytes(RgbImage image)
    {
        int plane = image.Width * image.Height;
        var bytes = new byte[plane * 3];
        for (int i = 0; i < plane; i++)
        {
            for (int c = 0; c < 3; c++)
                bytes[i * 3 + c] = (byte)Math.Clamp(MathF.Round(image.Pixels[c * plane + i] * 255f), 0f, 255f);
        }
        return bytes;
    }
}
