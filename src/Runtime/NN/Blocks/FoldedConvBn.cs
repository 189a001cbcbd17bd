using System;

namespace Segment.Runtime.NN.Blocks;

/// <summary>
/// Conv2d followed by an eval-mode BatchNorm2d, folded into one convolution:
/// <c>w' = w * s</c>, <c>b' = beta + (b - mean) * s</c> with <c>s = gamma / sqrt(var + eps)</c> per
/// output channel. Computed in float64 once, rounded to the weight's dtype, and cached until the
/// conv, the BN or any optimizer-updated parameter changes (see <see cref="Module.StateVersion"/>).
/// One op instead of two saves a full read and write of the activation per layer.
/// </summary>
internal sealed class FoldedConvBn : IDisposable
{
    private readonly Conv2d conv;
    private readonly BatchNorm2d bn;
    private Tensor? weight;
    private Tensor? bias;
    private (long Conv, long Bn, long Global) builtAt = (-1, -1, -1);
    private readonly object gate = new();

    public FoldedConvBn(Conv2d conv, BatchNorm2d bn)
    {
        if (conv.out_channels != bn.num_features)
            throw new ArgumentException($"cannot fold BatchNorm2d({bn.num_features}) into a conv with {conv.out_channels} output channels");
        this.conv = conv;
        this.bn = bn;
    }

    /// <summary>
    /// True when the folded conv computes what conv then BN would: BN in eval mode with running
    /// statistics, and no gradient wanted for the conv/BN parameters (the folded weights are
    /// constants), i.e. grad mode off or none of them requiring grad.
    /// </summary>
    public bool Applies()
    {
        if (bn.training || !bn.track_running_stats)
            return false;
        if (!torch.is_grad_enabled())
            return true;
        return !(conv.weight.requires_grad || (conv.bias?.requires_grad ?? false)
                 || (bn.weight?.requires_grad ?? false) || (bn.bias?.requires_grad ?? false));
    }

    /// <summary>relu(bn(conv(x))) as one convolution plus an in-place relu.</summary>
    /// <remarks>
    /// Safe for concurrent inference on one model: the cache is rebuilt under a lock, and each
    /// call convolves with its own handles to the folded tensors, so a rebuild (or
    /// <see cref="Clear"/>) on another thread cannot free them while the convolution runs.
    /// </remarks>
    public Tensor forward_relu_(Tensor input)
    {
        Tensor w;
        Tensor? b;
        lock (gate)
        {
            EnsureBuilt();
            w = weight!.DetachUnscoped();
            b = bias?.DetachUnscoped();
        }
        try
        {
            return F.conv2d(input, w, b, conv.stride, conv.padding, conv.dilation, conv.groups).relu_();
        }
        finally
        {
            w.Dispose();
            b?.Dispose();
        }
    }

    private void EnsureBuilt()
    {
        var version = (conv.StateVersion, bn.StateVersion, ParameterGeneration.Current);
        // Weights folded inside inference_mode are inference tensors, which autograd refuses to
        // save: refold when a grad-recording forward (an input that requires grad) comes along.
        if (weight is not null && version == builtAt && !(torch.is_grad_enabled() && weight.is_inference()))
            return;
        Clear();
        using (torch.no_grad())
        using (var scope = torch.NewDisposeScope())
        {
            Tensor w = conv.weight;
            ScalarType dtype = w.dtype;
            Tensor var = bn.running_var!.to(ScalarType.Float64);
            Tensor scale = var.add(bn.eps).rsqrt();
            if (bn.weight is Tensor gamma)
                scale = scale.mul(gamma.to(ScalarType.Float64));
            Tensor shift = conv.bias is Tensor b ? b.to(ScalarType.Float64) : torch.zeros([conv.out_channels], ScalarType.Float64, w.device);
            shift = shift.sub(bn.running_mean!.to(ScalarType.Float64)).mul(scale);
            if (bn.bias is Tensor beta)
                shift = shift.add(beta.to(ScalarType.Float64));
            Tensor folded = w.to(ScalarType.Float64).mul(scale.reshape(-1, 1, 1, 1));
            weight = folded.to(dtype).contiguous().DetachFromDisposeScope();
            bias = shift.to(dtype).DetachFromDisposeScope();
        }
        builtAt = version;
    }

    /// <summary>Frees the folded tensors; the next forward rebuilds them.</summary>
    public void Clear()
    {
        lock (gate)
        {
            weight?.Dispose();
            bias?.Dispose();
            weight = null;
            bias = null;
            builtAt = (-1, -1, -1);
        }
    }

    public void Dispose() => Clear();
}
