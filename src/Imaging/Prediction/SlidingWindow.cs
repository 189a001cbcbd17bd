using System;
using System.Collections.Generic;

namespace Segment.Imaging.Prediction;

/// <summary>
/// Tiled prediction as MONAI's <c>sliding_window_inference</c> with <c>mode="gaussian"</c>: square tiles of side
/// <see cref="Tile"/> (smaller along an axis the input does not fill) start every <c>int(Tile * (1 - Overlap))</c>
/// pixels (at least 1), the last one moved back to end at the input's edge; each tile's probabilities are weighted by a
/// Gaussian centred on the tile (sigma = <see cref="SigmaScale"/> x its side per axis, scaled to a peak of 1, its zeros
/// raised to the smallest positive weight) and the output is the weighted sum divided by the summed weights. Only one
/// tile runs at a time, so the network's memory follows the tile, not the image; the image-sized buffers are the
/// input and the two accumulators.
/// </summary>
/// <param name="Tile">Tile side in input pixels (a multiple of what the network needs, e.g. 16 for a 4-level UNet).</param>
/// <param name="Overlap">Fraction of a tile its neighbour covers, in [0, 1) (MONAI's default 0.25).</param>
/// <param name="SigmaScale">The Gaussian's sigma as a fraction of the tile side (MONAI's default 0.125).</param>
public sealed record SlidingWindow(int Tile, double Overlap = 0.25, double SigmaScale = 0.125)
{
    /// <summary>The start of every window along an axis of <paramref name="size"/> pixels for windows of <paramref name="window"/>.</summary>
    public static IReadOnlyList<int> Starts(int size, int window, double overlap)
    {
        if (window <= 0 || window > size)
            throw new ArgumentOutOfRangeException(nameof(window), $"a window of {window} does not fit {size} pixels");
        int interval = window == size ? window : Math.Max(1, (int)(window * (1 - overlap)));
        int count = (int)Math.Ceiling((double)(size - window) / interval) + 1;
        var starts = new List<int>(count);
        for (int i = 0; i < count; i++)
            starts.Add(Math.Min(i * interval, size - window));
        return starts;
    }

    /// <summary>The importance map of a <paramref name="height"/> x <paramref name="width"/> tile, row-major, peak 1, no zeros.</summary>
    public static float[] GaussianWeights(int height, int width, double sigmaScale)
    {
        double[] Axis(int n)
        {
            double sigma = sigmaScale * n, centre = (n - 1) / 2.0;
            var values = new double[n];
            for (int i = 0; i < n; i++)
                values[i] = Math.Exp(-0.5 * (i - centre) * (i - centre) / (sigma * sigma));
            return values;
        }
        double[] ys = Axis(height), xs = Axis(width);
        double peak = 0;
        foreach (double y in ys)
            foreach (double x in xs)
                peak = Math.Max(peak, y * x);
        var weights = new float[height * width];
        float smallest = float.MaxValue;
        for (int i = 0; i < height; i++)
            for (int j = 0; j < width; j++)
            {
                float w = (float)(ys[i] * xs[j] / peak);
                weights[i * width + j] = w;
                if (w > 0)
                    smallest = Math.Min(smallest, w);
            }
        for (int k = 0; k < weights.Length; k++)
            if (weights[k] <= 0)
                weights[k] = smallest;   // a pixel every window gives zero weight would divide 0 by 0
        return weights;
    }

    /// <summary>
    /// The blended probabilities [classes, H, W] of <paramref name="input"/> (already prepared: normalised, at the size the
    /// network runs at); <paramref name="predict"/> gives a tile's [classes, h, w] probabilities.
    /// </summary>
    public float[] Run(RgbImage input, int classes, Func<RgbImage, float[]> predict)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(predict);
        if (Tile <= 0)
            throw new ArgumentOutOfRangeException(nameof(Tile), $"a tile needs a positive side, got {Tile}");
        if (!(Overlap >= 0 && Overlap < 1))
            throw new ArgumentOutOfRangeException(nameof(Overlap), $"the overlap is a fraction in [0, 1), got {Overlap}");
        int height = input.Height, width = input.Width;
        int th = Math.Min(Tile, height), tw = Math.Min(Tile, width);
        float[] weights = GaussianWeights(th, tw, SigmaScale);
        long plane = (long)height * width;
        var sum = new float[classes * plane];
        var weightSum = new float[plane];
        var tilePixels = new float[3 * th * tw];
        foreach (int y0 in Starts(height, th, Overlap))
            foreach (int x0 in Starts(width, tw, Overlap))
            {
                for (int c = 0; c < 3; c++)
                    for (int y = 0; y < th; y++)
                        Array.Copy(input.Pixels, c * plane + (long)(y0 + y) * width + x0, tilePixels, (c * th + y) * tw, tw);
                float[] p = predict(new RgbImage(tw, th, (float[])tilePixels.Clone()));
                if (p.Length != classes * th * tw)
                    throw new InvalidOperationException($"a {tw}x{th} tile gave {p.Length} probabilities, not {classes} x {th} x {tw}");
                for (int y = 0; y < th; y++)
                {
                    long row = (long)(y0 + y) * width + x0;
                    for (int x = 0; x < tw; x++)
                    {
                        float w = weights[y * tw + x];
                        weightSum[row + x] += w;
                        for (int c = 0; c < classes; c++)
                            sum[c * plane + row + x] += w * p[(c * th + y) * tw + x];
                    }
                }
            }
        for (int c = 0; c < classes; c++)
            for (long k = 0; k < plane; k++)
                sum[c * plane + k] /= weightSum[k];
        return sum;
    }
}
