using System;

namespace Segment.Runtime.NN;

/// <summary>
/// torch.nn.BatchNorm2d: parameters weight (1) and bias (0) when affine; buffers running_mean (0),
/// running_var (1) and num_batches_tracked (int64 scalar 0) when tracking statistics. Training
/// normalises with batch statistics and updates the running ones (unbiased variance,
/// <c>(1 - momentum) * running + momentum * batch</c>); evaluation uses the running ones.
/// </summary>
public sealed class BatchNorm2d : Module<Tensor, Tensor>
{
    /// <summary>A BatchNorm over <paramref name="num_features"/> channels; a null <paramref name="momentum"/> means a cumulative moving average (factor 1 / num_batches_tracked), as in PyTorch.</summary>
    public BatchNorm2d(long num_features, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool track_running_stats = true)
    {
        if (num_features <= 0)
            throw new ArgumentOutOfRangeException(nameof(num_features), num_features, "BatchNorm2d needs a positive number of features");
        this.num_features = num_features;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        this.track_running_stats = track_running_stats;
        if (affine)
        {
            register_parameter("weight", torch.ones(num_features));
            register_parameter("bias", torch.zeros(num_features));
        }
        if (track_running_stats)
        {
            register_buffer("running_mean", torch.zeros(num_features));
            register_buffer("running_var", torch.ones(num_features));
            register_buffer("num_batches_tracked", torch.zeros(Array.Empty<long>(), ScalarType.Int64));
        }
    }

    public long num_features { get; }
    public double eps { get; }
    public double? momentum { get; }
    public bool affine { get; }
    public bool track_running_stats { get; }

    public Tensor? weight => find_parameter("weight");
    public Tensor? bias => find_parameter("bias");
    public Tensor? running_mean => find_buffer("running_mean");
    public Tensor? running_var => find_buffer("running_var");
    public Tensor? num_batches_tracked => find_buffer("num_batches_tracked");

    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        int d = input.dim;
        if (d != 4)
            throw new ArgumentException($"BatchNorm2d: expected 4D input (got {d}D input)", nameof(input));

        // _BatchNorm.forward of PyTorch 1.13, step for step.
        double factor = momentum ?? 0.0;
        if (training && track_running_stats)
        {
            Tensor count = num_batches_tracked!;
            using (torch.no_grad())
                count.add_(1L);
            if (momentum is null)
                factor = 1.0 / count.item();
            MarkStateChanged(); // running statistics are about to change: folded caches are stale
        }
        bool useBatchStats = training || (running_mean is null && running_var is null);
        bool passStats = !training || track_running_stats;
        return F.batch_norm(input, passStats ? running_mean : null, passStats ? running_var : null, weight, bias, useBatchStats, factor, eps);
    }

    public override string ToString() =>
        $"BatchNorm2d({num_features}, eps={eps}, momentum={momentum?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "None"}, affine={affine}, track_running_stats={track_running_stats})";
}
