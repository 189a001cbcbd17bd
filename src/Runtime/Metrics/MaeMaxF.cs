using System;
using System.Linq;

namespace Segment.Runtime.Metrics;

/// <summary>
/// Salient-object metrics as the U²-Net paper reports them (its evaluation code is BASNet's
/// Binary-Segmentation-Evaluation-Tool): per image, the prediction is resized back to the ground
/// truth's size (<see cref="PredictionResize"/>) and clamped to [0, 1];
/// <list type="bullet">
/// <item>MAE: the mean absolute difference between prediction and ground truth (both in [0, 1]),
/// averaged over images;</item>
/// <item>max F-measure: the prediction's <c>p * 255</c> is binned into 255 thresholds
/// (<c>np.histogram(p * 255, bins=np.arange(256))</c>); for each threshold t the pixels in bins
/// &gt;= t are foreground, giving <c>precision = TP / (TP + FP + 1e-8)</c> and
/// <c>recall = TP / (|GT| + 1e-8)</c>; precision and recall are averaged over images, then
/// <c>F = (1 + β²) P R / (β² P + R + 1e-8)</c> with β² = 0.3, and the maximum over thresholds
/// is reported.</item>
/// </list>
/// Ground-truth foreground is a grey level above 128 of 255 (the tool's <c>gt &gt; 128</c>).
/// </summary>
public sealed class MaeMaxF
{
    public const int Thresholds = 255;
    public const double BetaSquared = 0.3;

    // gt > 128 on 0..255 grey levels, robust to the float rounding of value / 255.
    private const double ForegroundAbove = 128.5 / 255.0;

    private readonly double[] precisionSum = new double[Thresholds];
    private readonly double[] recallSum = new double[Thresholds];
    private double maeSum;

    /// <summary>Images seen since the last reset.</summary>
    public long count { get; private set; }

    /// <summary>
    /// Adds a batch: <paramref name="prediction"/> foreground probabilities [N, 1, h, w] (or
    /// [N, h, w]), <paramref name="target"/> ground truth in [0, 1] [N, 1, H, W] (or [N, H, W]),
    /// at its own resolution.
    /// </summary>
    public void update(Tensor prediction, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        Tensor p = AsMaps(prediction, nameof(prediction));
        Tensor g = AsMaps(target, nameof(target));
        if (p.size(0) != g.size(0))
            throw new ArgumentException($"prediction has {p.size(0)} images but target has {g.size(0)}", nameof(target));
        long h = g.size(2), w = g.size(3);
        double[] pred = PredictionResize.to_size(p, h, w).clamp(Scalars.Zero, Scalars.One).to(ScalarType.Float64).cpu().data<double>().ToArray();
        double[] gt = g.to(ScalarType.Float64).cpu().data<double>().ToArray();
        int plane = checked((int)(h * w));
        for (int n = 0; n < p.size(0); n++)
            AddImage(pred.AsSpan(n * plane, plane), gt.AsSpan(n * plane, plane));
    }

    /// <summary>Mean absolute error over the images seen (NaN before any).</summary>
    public double mae() => count == 0 ? double.NaN : maeSum / count;

    /// <summary>The F-measure at each threshold t = 0..254 (foreground where <c>p * 255</c> falls in bin t or above).</summary>
    public double[] f_measures()
    {
        var f = new double[Thresholds];
        for (int t = 0; t < Thresholds; t++)
        {
            double pr = precisionSum[t] / count, rc = recallSum[t] / count;
            f[t] = (1 + BetaSquared) * pr * rc / (BetaSquared * pr + rc + 1e-8);
        }
        return f;
    }

    /// <summary>The maximum F-measure over the 255 thresholds (NaN before any image).</summary>
    public double max_f() => count == 0 ? double.NaN : f_measures().Max();

    /// <summary>Length of <see cref="image_row"/>: the MAE, then 255 precisions, then 255 recalls.</summary>
    internal const int RowLength = 1 + 2 * Thresholds;

    /// <summary>
    /// What this metric has added up, as one row (MAE sum, precision sums, recall sums): of a metric that saw one
    /// image, that image's exact contribution, which <see cref="add_image_row"/> adds to another as update would.
    /// </summary>
    internal void image_row(Span<double> row)
    {
        row[0] = maeSum;
        precisionSum.CopyTo(row[1..]);
        recallSum.CopyTo(row[(1 + Thresholds)..]);
    }

    /// <summary>Adds one image's row (<see cref="image_row"/> of a metric that saw only that image).</summary>
    internal void add_image_row(ReadOnlySpan<double> row)
    {
        maeSum += row[0];
        for (int t = 0; t < Thresholds; t++)
        {
            precisionSum[t] += row[1 + t];
            recallSum[t] += row[1 + Thresholds + t];
        }
        count++;
    }

    public void reset()
    {
        Array.Clear(precisionSum);
        Array.Clear(recallSum);
        maeSum = 0;
        count = 0;
    }

    private void AddImage(ReadOnlySpan<double> pred, ReadOnlySpan<double> gt)
    {
        var fgHist = new long[Thresholds];
        var bgHist = new long[Thresholds];
        long gtCount = 0;
        double abs = 0;
        for (int i = 0; i < pred.Length; i++)
        {
            abs += Math.Abs(pred[i] - gt[i]);
            int bin = Math.Min((int)Math.Floor(pred[i] * 255.0), Thresholds - 1);
            if (gt[i] > ForegroundAbove)
            {
                fgHist[bin]++;
                gtCount++;
            }
            else
            {
                bgHist[bin]++;
            }
        }
        maeSum += abs / pred.Length;
        long tp = 0, fp = 0;
        for (int t = Thresholds - 1; t >= 0; t--)
        {
            tp += fgHist[t];
            fp += bgHist[t];
            precisionSum[t] += tp / (tp + fp + 1e-8);
            recallSum[t] += tp / (gtCount + 1e-8);
        }
        count++;
    }

    private static Tensor AsMaps(Tensor t, string name) => t.dim() switch
    {
        3 => t.unsqueeze(1),
        4 when t.size(1) == 1 => t,
        _ => throw new ArgumentException($"expected [N, 1, H, W] or [N, H, W], got [{string.Join(", ", t.shape)}]", name),
    };
}
