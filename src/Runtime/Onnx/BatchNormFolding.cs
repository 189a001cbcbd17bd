using System;

namespace Segment.Runtime.Onnx;

/// <summary>
/// Folds an inference-mode BatchNorm into the convolution before it:
/// <c>bn(conv(x)) = conv'(x)</c> with, per output channel o, <c>s = gamma / sqrt(var + eps)</c>,
/// <c>W'[o] = W[o] * s</c> and <c>b'[o] = (b[o] - mean) * s + beta</c>.
/// Computed in double and rounded once, so the folded model differs from the unfolded one only by
/// float32 rounding of the final values (well inside the 1e-4 the export tests allow).
/// </summary>
internal static class BatchNormFolding
{
    /// <summary>
    /// <paramref name="weight"/> is a Conv weight [out, in/groups, k...]: output channels first, which
    /// makes the fold a scaling of contiguous rows. <paramref name="bias"/> may be null (counts as 0).
    /// </summary>
    public static (OnnxTensorData Weight, OnnxTensorData Bias) Fold(
        OnnxTensorData weight, OnnxTensorData? bias, OnnxTensorData gamma, OnnxTensorData beta,
        OnnxTensorData mean, OnnxTensorData variance, double eps)
    {
        if (weight.Rank < 3)
            throw new ArgumentException($"conv weight {weight} should be [out, in/groups, k...]", nameof(weight));
        if (eps < 0 || double.IsNaN(eps))
            throw new ArgumentOutOfRangeException(nameof(eps), eps, "BatchNorm eps must be >= 0");
        long outChannels = weight.Dim(0);
        CheckVector(bias, outChannels, "conv bias");
        CheckVector(gamma, outChannels, "BatchNorm weight");
        CheckVector(beta, outChannels, "BatchNorm bias");
        CheckVector(mean, outChannels, "BatchNorm running_mean");
        CheckVector(variance, outChannels, "BatchNorm running_var");

        double[] w = weight.ToDoubles();
        double[]? b = bias?.ToDoubles();
        double[] g = gamma.ToDoubles(), be = beta.ToDoubles(), m = mean.ToDoubles(), v = variance.ToDoubles();
        long perChannel = w.LongLength / outChannels;
        var foldedBias = new double[outChannels];
        for (long o = 0; o < outChannels; o++)
        {
            double scale = g[o] / Math.Sqrt(v[o] + eps);
            for (long k = o * perChannel; k < (o + 1) * perChannel; k++)
                w[k] *= scale;
            foldedBias[o] = ((b?[o] ?? 0.0) - m[o]) * scale + be[o];
        }
        return (OnnxTensorData.FromDoubles(w, weight.DType, weight.Shape),
                OnnxTensorData.FromDoubles(foldedBias, weight.DType, new[] { outChannels }));
    }

    private static void CheckVector(OnnxTensorData? t, long length, string what)
    {
        if (t is not null && (t.Rank != 1 || t.Dim(0) != length))
            throw new ArgumentException($"{what} {t} should be a vector of {length} (the conv's output channels)");
    }
}
