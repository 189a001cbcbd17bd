using System;

namespace Segment.Imaging;

/// <summary>
/// Pillow's <c>Image.resize(size, Image.LANCZOS)</c> on 8-bit images, to the byte: the same filter (Lanczos-3,
/// widened by the scale when shrinking), the same coefficients rounded to 22-bit fixed point, a horizontal pass
/// rounded and clipped to bytes before the vertical pass. rembg resizes with it, so a rembg-compatible prediction
/// (<see cref="Prediction.RembgPipeline"/>) must too; ImageSharp's Lanczos differs from it by several grey levels.
/// </summary>
public static class PilLanczos
{
    private const int PrecisionBits = 32 - 8 - 2;
    private const double Support = 3.0;

    /// <summary>Resizes interleaved 8-bit pixels (<paramref name="channels"/> per pixel, row-major) as Pillow does.</summary>
    public static byte[] Resize(byte[] pixels, int width, int height, int channels, int newWidth, int newHeight)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (width <= 0 || height <= 0 || newWidth <= 0 || newHeight <= 0 || channels <= 0)
            throw new ArgumentOutOfRangeException(nameof(width), $"cannot resize {width}x{height} to {newWidth}x{newHeight} ({channels} channels)");
        if (pixels.Length != (long)width * height * channels)
            throw new ArgumentException($"a {width}x{height} image of {channels} channels needs {(long)width * height * channels} bytes, got {pixels.Length}", nameof(pixels));
        byte[] current = pixels;
        int w = width;
        if (newWidth != width)
        {
            var (bounds, weights, size) = Coefficients(width, newWidth);
            current = Pass(current, height, w, channels, newWidth, bounds, weights, size, horizontal: true);
            w = newWidth;
        }
        if (newHeight != height)
        {
            var (bounds, weights, size) = Coefficients(height, newHeight);
            current = Pass(current, height, w, channels, newHeight, bounds, weights, size, horizontal: false);
        }
        return ReferenceEquals(current, pixels) ? (byte[])pixels.Clone() : current;
    }

    // Pillow's precompute_coeffs and normalize_coeffs_8bpc: per output index, the first input index, the count, and
    // that many fixed-point weights.
    private static (int[] Bounds, int[] Weights, int KernelSize) Coefficients(int inSize, int outSize)
    {
        double scale = (double)inSize / outSize;
        double filterScale = Math.Max(scale, 1.0);
        double support = Support * filterScale;
        int kernelSize = (int)Math.Ceiling(support) * 2 + 1;
        var bounds = new int[outSize * 2];
        var weights = new int[outSize * kernelSize];
        var k = new double[kernelSize];
        for (int xx = 0; xx < outSize; xx++)
        {
            double center = (xx + 0.5) * scale;
            double ss = 1.0 / filterScale;
            int xmin = Math.Max((int)(center - support + 0.5), 0);
            int xmax = Math.Min((int)(center + support + 0.5), inSize) - xmin;
            double total = 0;
            for (int x = 0; x < xmax; x++)
            {
                k[x] = Lanczos((x + xmin - center + 0.5) * ss);
                total += k[x];
            }
            for (int x = 0; x < xmax; x++)
            {
                double w = total != 0.0 ? k[x] / total : k[x];
                weights[xx * kernelSize + x] = (int)(w < 0 ? -0.5 + w * (1 << PrecisionBits) : 0.5 + w * (1 << PrecisionBits));
            }
            bounds[xx * 2] = xmin;
            bounds[xx * 2 + 1] = xmax;
        }
        return (bounds, weights, kernelSize);
    }

    private static byte[] Pass(byte[] input, int height, int width, int channels, int outSize, int[] bounds, int[] weights, int kernelSize, bool horizontal)
    {
        int outWidth = horizontal ? outSize : width;
        int outHeight = horizontal ? height : outSize;
        var output = new byte[outWidth * outHeight * channels];
        for (int y = 0; y < outHeight; y++)
        {
            for (int x = 0; x < outWidth; x++)
            {
                int o = horizontal ? x : y;
                int first = bounds[o * 2], count = bounds[o * 2 + 1];
                for (int c = 0; c < channels; c++)
                {
                    int sum = 1 << (PrecisionBits - 1);
                    for (int i = 0; i < count; i++)
                    {
                        int at = horizontal ? (y * width + first + i) * channels + c : ((first + i) * width + x) * channels + c;
                        sum += input[at] * weights[o * kernelSize + i];
                    }
                    output[(y * outWidth + x) * channels + c] = (byte)Math.Clamp(sum >> PrecisionBits, 0, 255);
                }
            }
        }
        return output;
    }

    private static double Lanczos(double x) => x >= -Support && x < Support ? Sinc(x) * Sinc(x / 3) : 0.0;

    private static double Sinc(double x)
    {
        if (x == 0.0)
            return 1.0;
        x *= Math.PI;
        return Math.Sin(x) / x;
    }
}
