using System;

namespace Segment.Runtime.NN.Blocks;

/// <summary>
/// Conv2d followed by an eval-mode BatchNorm2d, folded into one convolution:
/// <c>w' = w * s</c>, <c>b' = beta + (b - mean) * s</c> with <c>s = gamma / sqrt(var + eps)</c> per
/// output channel. Computed in float64 once, rounded to the weight's dtype, and cached until
/// <see cref="Clear"/> (see <see cref="FoldingBlock"/> for when that happens). One op instead of two
/// saves a full read and write of the activation per layer.
/// </summary>
public sealed class FoldedConvBn : IDisposable
{
    private readonly Conv2d conv;
    private readonly BatchNorm2d bn;
    private Tensor? weight;
    private Tensor? bias;
    private bool builtInInferenceMode;
    private readonly object gate = new();

    public FoldedConvBn(Conv2d conv, BatchNorm2d bn)
    {
        ArgumentNullException.ThrowIfNull(conv);
        ArgumentNullException.ThrowIfNull(bn);
        if (conv.out_channels != bn.num_features)
            throw new ArgumentException($"cannot fold BatchNorm2d({bn.num_features}) into a conv with {conv.out_channels} output channels");
        this.conv = conv;
        this.bn = bn;
    }

    /// <summary>
    /// True when the folded conv computes what conv then BN would: BN in eval mode with running
    /// statistics, and no gradient wanted for the conv/BN parameters (the folded weights are
    /// constants), i.e. grad mode off or none of them requiring grad. A forward that does not
    /// fold drops the cache, so weights an optimizer changes afterwards are refolded.
    /// </summary>
    public bool Applies()
    {
        bool applies = !bn.training && bn.track_running_stats && bn.running_mean is not null && bn.running_var is not null
                       && (!torch.is_grad_enabled() || !(conv.weight.requires_grad || (conv.bias?.requires_grad ?? false)
                                                          || bn.weight.requires_grad || (bn.bias?.requires_grad ?? false)));
        if (!applies)
            Clear();
        return applies;
    }

    /// <summary>relu(bn(conv(x))) as one convolution plus an in-place relu.</summary>
    /// <remarks>
    /// Safe for concurrent inference on one model: the cache is built under a lock, and each call
    /// convolves with its own handles to the folded tensors, so a rebuild (or <see cref="Clear"/>)
    /// on another thread cannot free them while the convolution runs.
    /// </remarks>
    public Tensor forward_relu_(Tensor input) => forward(input).relu_();

    /// <summary>bn(conv(x)) as one convolution; see <see cref="forward_relu_"/> for concurrent use.</summary>
    public Tensor forward(Tensor input)
    {
        Tensor w;
        Tensor? b;
        lock (gate)
        {
            EnsureBuilt();
            w = weight!.alias();
            b = bias?.alias();
        }
        using (w)
        using (b)
            return F.conv2d(input, w, b, conv.stride, conv.padding, conv.dilation, conv.groups);
    }

    private void EnsureBuilt()
    {
        Tensor current = conv.weight;
        // Folded inside inference_mode they are inference tensors, which autograd refuses to save:
        // refold when a grad-recording forward comes along. A move (to(device), to(dtype)) refolds too.
        if (weight is not null && weight.device_type == current.device_type && weight.device_index == current.device_index && weight.dtype == current.dtype
            && !(torch.is_grad_enabled() && builtInInferenceMode))
            return;
        ClearUnlocked();
        using (torch.no_grad())
        using (var scope = torch.NewDisposeScope())
        {
            ScalarType dtype = current.dtype;
            using Scalar eps = bn.eps.ToScalar();
            Tensor scale = bn.running_var!.to(ScalarType.Float64).add(eps, Scalars.One).rsqrt();
            if (bn.affine)
                scale = scale.mul(bn.weight.to(ScalarType.Float64));
            Tensor shift = conv.bias is Tensor b ? b.to(ScalarType.Float64) : torch.zeros(conv.out_channels, ScalarType.Float64, current.device);
            shift = shift.sub(bn.running_mean!.to(ScalarType.Float64)).mul(scale);
            if (bn.affine && bn.bias is Tensor beta)
                shift = shift.add(beta.to(ScalarType.Float64), Scalars.One);
            Tensor folded = current.to(ScalarType.Float64).mul(scale.reshape(-1, 1, 1, 1));
            weight = folded.to(dtype).contiguous().DetachFromDisposeScope();
            bias = shift.to(dtype).DetachFromDisposeScope();
        }
        builtInInferenceMode = torch.is_inference_mode_enabled();
    }

    /// <summary>Frees the folded tensors; the next forward rebuilds them.</summary>
    public void Clear()
    {
        lock (gate)
            ClearUnlocked();
    }

    private void ClearUnlocked()
    {
        weight?.Dispose();
        bias?.Dispose();
        weight = null;
        bias = null;
    }

    public void Dispose() => Clear();
}
