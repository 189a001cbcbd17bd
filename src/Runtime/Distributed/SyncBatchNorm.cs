using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using TorchSharp.Modules;

namespace Segment.Runtime.Distributed;

/// <summary>
/// BatchNorm over the global batch (torch.nn.SyncBatchNorm): in train mode a BatchNorm2d attached here
/// normalises with the mean and variance of the batch on every rank together. The per-channel sum and count
/// are summed over the ranks, then the sum of squared deviations from that global mean (two passes, as
/// precise as one process's BatchNorm); both sums go through <see cref="AllReduceSumFunction"/>, so backward
/// sums their gradients over the ranks and each rank's input gradient is the one-process gradient of the
/// whole batch. The running statistics are updated with the global mean and the unbiased global variance.
/// Eval mode, and a BatchNorm not attached, are TorchSharp's own. The blocks of this library
/// (<c>ConvBnRelu</c>, <c>DoubleConv</c>, every generated network's BatchNorm) consult it.
/// </summary>
public static class SyncBatchNorm
{
    private static readonly ConditionalWeakTable<BatchNorm2d, ICommunicator> attached = new();

    /// <summary>
    /// Makes every BatchNorm2d of <paramref name="module"/> synchronise over <paramref name="communicator"/> in train
    /// mode until the result is disposed. With one process nothing changes.
    /// </summary>
    public static IDisposable Attach(torch.nn.Module module, ICommunicator communicator)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(communicator);
        // TorchSharp's modules() lists the descendants only, so the module itself is added.
        List<BatchNorm2d> layers = communicator.IsDistributed() ? module.modules().Prepend(module).OfType<BatchNorm2d>().ToList() : [];
        foreach (BatchNorm2d bn in layers)
            attached.AddOrUpdate(bn, communicator);
        return new Detach(layers);
    }

    /// <summary>The communicator <paramref name="bn"/> synchronises over, or null.</summary>
    public static ICommunicator? Of(BatchNorm2d bn) => attached.TryGetValue(bn, out ICommunicator? c) ? c : null;

    /// <summary>Train-mode batch norm of <paramref name="input"/> [N, C, H, W] with the statistics of every rank's batch.</summary>
    public static Tensor Forward(BatchNorm2d bn, Tensor input, ICommunicator communicator)
    {
        if (input.dim() != 4)
            throw new ArgumentException($"expected a 4-d input [N, C, H, W], got [{string.Join(", ", input.shape)}]", nameof(input));
        long channels = input.size(1);
        long[] reduce = [0, 2, 3];
        long[] perChannel = [1, channels, 1, 1];
        using var scope = torch.NewDisposeScope();
        // One allreduce of [sum per channel..., count]: the count may differ between ranks.
        Tensor local = torch.cat([input.sum(reduce, type: ScalarType.Float64),
                                  torch.tensor(new double[] { input.numel() / channels }, device: input.device)]);
        Tensor global = AllReduceSumFunction.Apply(local, communicator);
        Tensor count = global.narrow(0, channels, 1).detach();
        double n = count.item<double>();
        if (n <= 1)
            throw new ArgumentException($"Expected more than 1 value per channel when training, got {n} over all ranks");
        Tensor mean = global.narrow(0, 0, channels) / count;
        Tensor centred = input - mean.to(input.dtype).view(perChannel);
        Tensor variance = AllReduceSumFunction.Apply(centred.square().sum(reduce, type: ScalarType.Float64), communicator) / count;
        using Scalar eps = bn.eps.ToScalar();
        Tensor invstd = variance.add(eps, Scalars.One).rsqrt().to(input.dtype);
        Tensor output = centred * invstd.view(perChannel);
        if (bn.weight is not null)
            output = output * bn.weight.view(perChannel);
        if (bn.bias is not null)
            output = output.add(bn.bias.view(perChannel), Scalars.One);
        using Scalar besselCorrection = (n / (n - 1)).ToScalar();
        UpdateRunningStatistics(bn, mean.detach(), variance.detach().mul(besselCorrection));
        return output.MoveToOuterDisposeScope();
    }

    private static void UpdateRunningStatistics(BatchNorm2d bn, Tensor mean, Tensor unbiasedVariance)
    {
        if (!bn.track_running_stats)
            return;
        using var noGrad = torch.no_grad();
        bn.num_batches_tracked?.add_(Scalars.One, Scalars.One);
        double factor = bn.momentum ?? 1.0 / (bn.num_batches_tracked?.item<long>() ?? 1);
        using Scalar kept = (1 - factor).ToScalar(), added = factor.ToScalar();
        bn.running_mean?.mul_(kept).add_(mean.to(bn.running_mean.dtype), added);
        bn.running_var?.mul_(kept).add_(unbiasedVariance.to(bn.running_var.dtype), added);
    }

    private sealed class Detach(List<BatchNorm2d> layers) : IDisposable
    {
        public void Dispose()
        {
            foreach (BatchNorm2d bn in layers)
                attached.Remove(bn);
            layers.Clear();
        }
    }
}
