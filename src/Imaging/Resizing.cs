using System;

namespace Segment.Imaging;

/// <summary>
/// Resizing of CHW planes with PyTorch's own arithmetic, so that a resize done here (the
/// ONNX Runtime path, prediction outputs) gives the pixels <c>F.interpolate</c> gives on the
/// TorchSharp path: bilinear with align_corners=False and no antialiasing, and the legacy
/// <c>nearest</c> mode (source index <c>floor(dst * in / out)</c>). Scales are float32, as in
/// ATen's CPU kernels.
/// </summary>
public static class Resizing
{
    /// <summary>Bilinear resize of <paramref name="channels"/> planes of <paramref name="inHeight"/> x <paramref name="inWidth"/>.</summary>
    public static float[] Bilinear(float[] planes, int channels, int inHeight, int inWidth, int outHeight, int outWidth)
    {
        Check(planes?.Length ?? 0, channels, inHeight, inWidth, outHeight, outWidth);
        var (y0, y1, wy) = BilinearTaps(inHeight, outHeight);
        var (x0, x1, wx) = BilinearTaps(inWidth, outWidth);
        var result = new float[(long)channels * outHeight * outWidth];
        for (int c = 0; c < channels; c++)
        {
            int src = c * inHeight * inWidth, dst = c * outHeight * outWidth;
            for (int y = 0; y < outHeight; y++)
            {
                int r0 = src + y0[y] * inWidth, r1 = src + y1[y] * inWidth;
                float h1 = wy[y], h0 = 1f - h1;
                for (int x = 0; x < outWidth; x++)
                {
                    float w1 = wx[x], w0 = 1f - w1;
                    result[dst + y * outWidth + x] =
                        h0 * (w0 * planes![r0 + x0[x]] + w1 * planes[r0 + x1[x]]) +
                        h1 * (w0 * planes[r1 + x0[x]] + w1 * planes[r1 + x1[x]]);
                }
            }
        }
        return result;
    }

    /// <summary>Nearest-neighbour resize (PyTorch's <c>mode='nearest'</c>) of byte planes: the one resize masks get.</summary>
    public static byte[] Nearest(byte[] planes, int channels, int inHeight, int inWidth, int outHeight, int outWidth)
    {
        Check(planes?.Length ?? 0, channels, inHeight, inWidth, outHeight, outWidth);
        int[] ys = NearestTaps(inHeight, outHeight), xs = NearestTaps(inWidth, outWidth);
        var result = new byte[(long)channels * outHeight * outWidth];
        for (int c = 0; c < channels; c++)
        {
            int src = c * inHeight * inWidth, dst = c * outHeight * outWidth;
            for (int y = 0; y < outHeight; y++)
            {
                int row = src + ys[y] * inWidth;
                for (int x = 0; x < outWidth; x++)
                    result[dst + y * outWidth + x] = planes![row + xs[x]];
            }
        }
        return result;
    }

    // ATen's area_pixel_compute_source_index (align_corners=False): src = (dst + 0.5) * scale - 0.5, clamped at 0.
    private static (int[] lo, int[] hi, float[] frac) BilinearTaps(int inSize, int outSize)
    {
        float scale = (float)inSize / outSize;
        var lo = new int[outSize];
        var hi = new int[outSize];
        var frac = new float[outSize];
        for (int i = 0; i < outSize; i++)
        {
            float src = Math.Max(0f, scale * (i + 0.5f) - 0.5f);
            int i0 = (int)src;
            lo[i] = i0;
            hi[i] = i0 + (i0 < inSize - 1 ? 1 : 0);
            frac[i] = src - i0;
        }
        return (lo, hi, frac);
    }

    // ATen's nearest_idx: the same size copies, otherwise min(floor(dst * scale), in - 1).
    private static int[] NearestTaps(int inSize, int outSize)
    {
        float scale = (float)inSize / outSize;
        var taps = new int[outSize];
        for (int i = 0; i < outSize; i++)
            taps[i] = inSize == outSize ? i : Math.Min((int)MathF.Floor(i * scale), inSize - 1);
        return taps;
    }

    private static void Check(int length, int channels, int inHeight, int inWidth, int outHeight, int outWidth)
    {
        if (channels <= 0 || inHeight <= 0 || inWidth <= 0 || outHeight <= 0 || outWidth <= 0)
            throw new ArgumentOutOfRangeException(nameof(channels), $"resize needs positive sizes, got {channels} x {inHeight}x{inWidth} -> {outHeight}x{outWidth}");
        if (length != (long)channels * inHeight * inWidth)
            throw new ArgumentException($"{channels} planes of {inHeight}x{inWidth} need {(long)channels * inHeight * inWidth} values, got {length}");
    }
}
