using System;

namespace Segment.Runtime;

/// <summary>Loss reductions, as PyTorch's <c>reduction=</c> strings.</summary>
public enum Reduction
{
    None = 0,
    Mean = 1,
    Sum = 2,
}

/// <summary>torch.nn.functional: the ops networks and losses are built from.</summary>
public static partial class F
{
    // ---- convolutions ----

    /// <summary>2-D convolution; stride/padding/dilation take an int, a (h, w) tuple or a long[].</summary>
    public static unsafe Tensor conv2d(Tensor input, Tensor weight, Tensor? bias = null, Size2D? stride = null, Size2D? padding = null,
                                       Size2D? dilation = null, long groups = 1)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        Size2D s = stride ?? 1, p = padding ?? 0, d = dilation ?? 1;
        long* sp = stackalloc long[6] { s.H, s.W, p.H, p.W, d.H, d.W };
        int rc = NativeMethods.seg_conv2d(input.Handle, weight.Handle, Native.Opt(bias), sp, sp + 2, sp + 4, groups, out IntPtr r);
        Native.Check(rc, "conv2d", "input", input, "weight", weight, "bias", bias);
        return new Tensor(r);
    }

    public static unsafe Tensor conv_transpose2d(Tensor input, Tensor weight, Tensor? bias = null, Size2D? stride = null, Size2D? padding = null,
                                                 Size2D? output_padding = null, long groups = 1, Size2D? dilation = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        Size2D s = stride ?? 1, p = padding ?? 0, op = output_padding ?? 0, d = dilation ?? 1;
        long* sp = stackalloc long[8] { s.H, s.W, p.H, p.W, op.H, op.W, d.H, d.W };
        int rc = NativeMethods.seg_conv_transpose2d(input.Handle, weight.Handle, Native.Opt(bias), sp, sp + 2, sp + 4, groups, sp + 6, out IntPtr r);
        Native.Check(rc, "conv_transpose2d", "input", input, "weight", weight, "bias", bias);
        return new Tensor(r);
    }

    // ---- normalization ----

    /// <summary>
    /// Batch normalization. In training, batch statistics normalize the input and the running
    /// statistics (when given) are updated in place: <c>running = (1 - momentum) * running + momentum * batch</c>
    /// (the variance with Bessel's correction). In evaluation the running statistics are used.
    /// </summary>
    public static Tensor batch_norm(Tensor input, Tensor? running_mean, Tensor? running_var, Tensor? weight = null, Tensor? bias = null,
                                    bool training = false, double momentum = 0.1, double eps = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(input);
        int rc = NativeMethods.seg_batch_norm(input.Handle, Native.Opt(running_mean), Native.Opt(running_var), Native.Opt(weight), Native.Opt(bias),
                                              training ? 1 : 0, momentum, eps, out IntPtr r);
        if (rc != 0)
            throw Native.Error("batch_norm", [("input", input), ("running_mean", running_mean), ("running_var", running_var), ("weight", weight), ("bias", bias)]);
        GC.KeepAlive(input);
        GC.KeepAlive(running_mean);
        GC.KeepAlive(running_var);
        GC.KeepAlive(weight);
        GC.KeepAlive(bias);
        return new Tensor(r);
    }

    // ---- activations ----

    public static Tensor relu(Tensor input) => input.relu();
    public static Tensor relu_(Tensor input) => input.relu_();
    public static Tensor sigmoid(Tensor input) => input.sigmoid();
    public static Tensor tanh(Tensor input) => input.tanh();

    public static Tensor leaky_relu(Tensor input, double negative_slope = 0.01)
    {
        ArgumentNullException.ThrowIfNull(input);
        Native.Check(NativeMethods.seg_leaky_relu(input.Handle, negative_slope, out IntPtr r), "leaky_relu", "input", input);
        return new Tensor(r);
    }

    public static unsafe Tensor softmax(Tensor input, int dim) => input.WithLong(&NativeMethods.seg_softmax, "softmax", dim);
    public static unsafe Tensor log_softmax(Tensor input, int dim) => input.WithLong(&NativeMethods.seg_log_softmax, "log_softmax", dim);

    public static Tensor dropout(Tensor input, double p = 0.5, bool training = true)
    {
        ArgumentNullException.ThrowIfNull(input);
        Native.Check(NativeMethods.seg_dropout(input.Handle, p, training ? 1 : 0, out IntPtr r), "dropout", "input", input);
        return new Tensor(r);
    }

    // ---- pooling ----

    /// <summary>Max pooling; stride defaults to the kernel size, as in PyTorch.</summary>
    public static unsafe Tensor max_pool2d(Tensor input, Size2D kernel_size, Size2D? stride = null, Size2D? padding = null, Size2D? dilation = null,
                                           bool ceil_mode = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        Size2D k = kernel_size, s = stride ?? kernel_size, p = padding ?? 0, d = dilation ?? 1;
        long* sp = stackalloc long[8] { k.H, k.W, s.H, s.W, p.H, p.W, d.H, d.W };
        int rc = NativeMethods.seg_max_pool2d(input.Handle, sp, sp + 2, sp + 4, sp + 6, ceil_mode ? 1 : 0, out IntPtr r);
        Native.Check(rc, "max_pool2d", "input", input);
        return new Tensor(r);
    }

    public static unsafe Tensor avg_pool2d(Tensor input, Size2D kernel_size, Size2D? stride = null, Size2D? padding = null, bool ceil_mode = false,
                                           bool count_include_pad = true)
    {
        ArgumentNullException.ThrowIfNull(input);
        Size2D k = kernel_size, s = stride ?? kernel_size, p = padding ?? 0;
        long* sp = stackalloc long[6] { k.H, k.W, s.H, s.W, p.H, p.W };
        int rc = NativeMethods.seg_avg_pool2d(input.Handle, sp, sp + 2, sp + 4, ceil_mode ? 1 : 0, count_include_pad ? 1 : 0, out IntPtr r);
        Native.Check(rc, "avg_pool2d", "input", input);
        return new Tensor(r);
    }

    public static unsafe Tensor adaptive_avg_pool2d(Tensor input, Size2D output_size)
    {
        ArgumentNullException.ThrowIfNull(input);
        long* sp = stackalloc long[2] { output_size.H, output_size.W };
        Native.Check(NativeMethods.seg_adaptive_avg_pool2d(input.Handle, sp, out IntPtr r), "adaptive_avg_pool2d", "input", input);
        return new Tensor(r);
    }

    // ---- resizing ----

    /// <summary>
    /// Resizes a 4-D input to <paramref name="size"/> or by <paramref name="scale_factor"/> (exactly one).
    /// mode "nearest", "bilinear" or "bicubic"; <paramref name="align_corners"/> only for the
    /// interpolating modes (null means False, as PyTorch's default).
    /// </summary>
    public static unsafe Tensor interpolate(Tensor input, Size2D? size = null, Scale2D? scale_factor = null, string mode = "nearest",
                                            bool? align_corners = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        int m = mode switch
        {
            "nearest" => 0,
            "bilinear" => 1,
            "bicubic" => 2,
            _ => throw new NotSupportedException($"interpolate mode '{mode}' is not supported: use nearest, bilinear or bicubic"),
        };
        if (size.HasValue == scale_factor.HasValue)
            throw new ArgumentException("interpolate needs exactly one of size and scale_factor");
        long* sz = stackalloc long[2];
        double* sc = stackalloc double[2];
        if (size is Size2D s) { sz[0] = s.H; sz[1] = s.W; }
        if (scale_factor is Scale2D f) { sc[0] = f.H; sc[1] = f.W; }
        int ac = align_corners is null ? -1 : align_corners.Value ? 1 : 0;
        int rc = NativeMethods.seg_interpolate(input.Handle, size.HasValue ? sz : null, scale_factor.HasValue ? sc : null, m, ac, out IntPtr r);
        Native.Check(rc, "interpolate", "input", input);
        return new Tensor(r);
    }

    /// <summary>Constant padding; <paramref name="pad"/> lists (left, right) of the last dimension first, then the one before, as PyTorch.</summary>
    public static unsafe Tensor pad(Tensor input, long[] pad, double value = 0)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(pad);
        int rc;
        IntPtr r;
        fixed (long* p = pad)
            rc = NativeMethods.seg_pad(input.Handle, p, pad.Length, value, out r);
        Native.Check(rc, "pad", "input", input);
        return new Tensor(r);
    }

    public static Tensor pad(Tensor input, long[] pad, string mode, double value = 0)
        => mode == "constant" ? F.pad(input, pad, value) : throw new NotSupportedException($"pad mode '{mode}' is not supported: only constant");

    // ---- losses ----

    public static Reduction ParseReduction(string reduction) => reduction switch
    {
        "mean" => Reduction.Mean,
        "sum" => Reduction.Sum,
        "none" => Reduction.None,
        _ => throw new ArgumentException($"reduction '{reduction}' is not one of none, mean, sum", nameof(reduction)),
    };

    /// <summary>Sigmoid + binary cross-entropy in one numerically stable op.</summary>
    public static Tensor binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor? weight = null, Tensor? pos_weight = null,
                                                          string reduction = "mean")
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        int rc = NativeMethods.seg_binary_cross_entropy_with_logits(input.Handle, target.Handle, Native.Opt(weight), Native.Opt(pos_weight),
                                                                    (long)ParseReduction(reduction), out IntPtr r);
        if (rc != 0)
            throw Native.Error("binary_cross_entropy_with_logits", [("input", input), ("target", target), ("weight", weight), ("pos_weight", pos_weight)]);
        GC.KeepAlive(input);
        GC.KeepAlive(target);
        GC.KeepAlive(weight);
        GC.KeepAlive(pos_weight);
        return new Tensor(r);
    }

    /// <summary>Binary cross-entropy on probabilities (PyTorch clamps the log at -100).</summary>
    public static Tensor binary_cross_entropy(Tensor input, Tensor target, Tensor? weight = null, string reduction = "mean")
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        int rc = NativeMethods.seg_binary_cross_entropy(input.Handle, target.Handle, Native.Opt(weight), (long)ParseReduction(reduction), out IntPtr r);
        Native.Check(rc, "binary_cross_entropy", "input", input, "target", target, "weight", weight);
        return new Tensor(r);
    }

    /// <summary>Cross-entropy over class logits (dim 1) against class indices (int64) or class probabilities.</summary>
    public static Tensor cross_entropy(Tensor input, Tensor target, Tensor? weight = null, long ignore_index = -100, string reduction = "mean",
                                       double label_smoothing = 0)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        int rc = NativeMethods.seg_cross_entropy(input.Handle, target.Handle, Native.Opt(weight), (long)ParseReduction(reduction), ignore_index,
                                                 label_smoothing, out IntPtr r);
        Native.Check(rc, "cross_entropy", "input", input, "target", target, "weight", weight);
        return new Tensor(r);
    }

    public static Tensor nll_loss(Tensor input, Tensor target, Tensor? weight = null, long ignore_index = -100, string reduction = "mean")
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        int rc = NativeMethods.seg_nll_loss(input.Handle, target.Handle, Native.Opt(weight), (long)ParseReduction(reduction), ignore_index, out IntPtr r);
        Native.Check(rc, "nll_loss", "input", input, "target", target, "weight", weight);
        return new Tensor(r);
    }

    public static Tensor mse_loss(Tensor input, Tensor target, string reduction = "mean")
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        int rc = NativeMethods.seg_mse_loss(input.Handle, target.Handle, (long)ParseReduction(reduction), out IntPtr r);
        Native.Check(rc, "mse_loss", "input", input, "target", target);
        return new Tensor(r);
    }

    /// <summary>int64 class indices to a one-hot int64 tensor with a new last dimension (num_classes = -1 infers it).</summary>
    public static unsafe Tensor one_hot(Tensor tensor, long num_classes = -1) => tensor.WithLong(&NativeMethods.seg_one_hot, "one_hot", num_classes);
}
