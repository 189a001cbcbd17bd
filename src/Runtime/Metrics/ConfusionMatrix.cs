using System;
using System.Globalization;
using System.Linq;

namespace Segment.Runtime.Metrics;

/// <summary>
/// The seed's ConfusionMatrix (torchvision's segmentation reference): <c>mat[t, p]</c> counts
/// pixels of true class t predicted as p; targets outside [0, num_classes) (255, the ignore
/// index) are skipped. From it: global accuracy <c>trace / total</c>, per-class accuracy
/// <c>diag / row sums</c> (recall) and IoU <c>diag / (row + column - diag)</c>; mIoU is the mean
/// IoU (NaN for a class with no pixels at all, as in PyTorch).
/// </summary>
public sealed class ConfusionMatrix : IDisposable
{
    private Tensor? mat;

    public ConfusionMatrix(long num_classes)
    {
        if (num_classes <= 0)
            throw new ArgumentOutOfRangeException(nameof(num_classes), num_classes, "ConfusionMatrix needs at least one class");
        this.num_classes = num_classes;
    }

    public long num_classes { get; }

    /// <summary>
    /// Adds one batch: <paramref name="target"/> true classes and <paramref name="prediction"/>
    /// predicted classes, same number of elements, any shape (the seed passes
    /// <c>target.flatten(), output.argmax(1).flatten()</c>). Counts stay on the tensors' device.
    /// </summary>
    public void update(Tensor target, Tensor prediction)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(prediction);
        long n = num_classes;
        using (torch.no_grad())
        using (var scope = torch.NewDisposeScope())
        {
            mat ??= torch.zeros([n, n], ScalarType.Int64, target.device).DetachFromDisposeScope();
            Tensor a = target.flatten().to(ScalarType.Int64);
            Tensor b = prediction.flatten().to(ScalarType.Int64);
            if (a.numel() != b.numel())
                throw new ArgumentException($"target has {a.numel()} elements but prediction has {b.numel()}", nameof(prediction));
            using Scalar classes = n.ToScalar();
            Tensor k = a.ge(Scalars.Zero).logical_and(a.lt(classes));
            Tensor inds = a.masked_select(k).mul(classes).add(b.masked_select(k), Scalars.One);
            mat.add_(inds.bincount(null, n * n).reshape(n, n), Scalars.One);
        }
    }

    /// <summary>Logits or probabilities [N, C, H, W] and targets [N, H, W]: <c>update(target, output.argmax(1))</c>.</summary>
    public void update_from_output(Tensor output, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(output);
        using Tensor prediction = output.argmax(1);
        update(target, prediction);
    }

    /// <summary>Adds counts [true, predicted] measured elsewhere (another rank's shard).</summary>
    internal void add_counts(long[,] counts)
    {
        long n = num_classes;
        if (counts.GetLength(0) != n || counts.GetLength(1) != n)
            throw new ArgumentException($"expected {n} x {n} counts, got {counts.GetLength(0)} x {counts.GetLength(1)}", nameof(counts));
        var flat = new long[n * n];
        for (long i = 0; i < n; i++)
            for (long j = 0; j < n; j++)
                flat[i * n + j] = counts[i, j];
        using (torch.no_grad())
        using (var scope = torch.NewDisposeScope())
        {
            mat ??= torch.zeros([n, n], ScalarType.Int64).DetachFromDisposeScope();
            mat.add_(torch.tensor(flat, [n, n]).to(mat.device), Scalars.One);
        }
    }

    public void reset() => mat?.zero_();

    /// <summary>The counts, [true class, predicted class] (all zero before any update).</summary>
    public long[,] counts()
    {
        long n = num_classes;
        var result = new long[n, n];
        if (mat is null)
            return result;
        using Tensor cpu = mat.cpu();
        long[] flat = cpu.data<long>().ToArray();
        for (long i = 0; i < n; i++)
            for (long j = 0; j < n; j++)
                result[i, j] = flat[i * n + j];
        return result;
    }

    /// <summary>(global accuracy, per-class accuracy, per-class IoU), as the seed's compute().</summary>
    public (double acc_global, double[] acc, double[] iu) compute()
    {
        long[,] h = counts();
        int n = (int)num_classes;
        double total = 0, trace = 0;
        var rows = new double[n];
        var cols = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                rows[i] += h[i, j];
                cols[j] += h[i, j];
                total += h[i, j];
            }
            trace += h[i, i];
        }
        var acc = new double[n];
        var iu = new double[n];
        for (int i = 0; i < n; i++)
        {
            double diag = h[i, i];
            acc[i] = diag / rows[i];
            iu[i] = diag / (rows[i] + cols[i] - diag);
        }
        return (trace / total, acc, iu);
    }

    /// <summary>The mean IoU over classes (a fraction, not a percentage).</summary>
    public double mean_iou() => compute().iu.Average();

    /// <summary>The seed's report: percentages with one decimal.</summary>
    public override string ToString()
    {
        var (accGlobal, acc, iu) = compute();
        CultureInfo c = CultureInfo.InvariantCulture;
        string List(double[] v) => "[" + string.Join(", ", v.Select(x => "'" + (x * 100).ToString("F1", c) + "'")) + "]";
        return $"global correct: {(accGlobal * 100).ToString("F1", c)}\n"
             + $"average row correct: {List(acc)}\n"
             + $"IoU: {List(iu)}\n"
             + $"mean IoU: {(iu.Average() * 100).ToString("F1", c)}";
    }

    public void Dispose()
    {
        mat?.Dispose();
        mat = null;
    }
}
