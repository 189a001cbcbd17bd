using System;

namespace Segment.Runtime;

// Reductions and counting.
public sealed partial class Tensor
{
    public unsafe Tensor sum() => Unary(&NativeMethods.seg_sum, "sum");
    public unsafe Tensor mean() => Unary(&NativeMethods.seg_mean, "mean");
    /// <summary>The largest element (a 0-D tensor).</summary>
    public unsafe Tensor max() => Unary(&NativeMethods.seg_max, "max");
    /// <summary>The smallest element (a 0-D tensor).</summary>
    public unsafe Tensor min() => Unary(&NativeMethods.seg_min, "min");
    public unsafe Tensor any() => Unary(&NativeMethods.seg_any, "any");
    public unsafe Tensor all() => Unary(&NativeMethods.seg_all, "all");

    private unsafe Tensor ReduceDims(delegate*<IntPtr, long*, int, int, out IntPtr, int> fn, string op, int[] dims, bool keepdim)
    {
        ArgumentNullException.ThrowIfNull(dims);
        Span<long> d = stackalloc long[dims.Length];
        for (int i = 0; i < dims.Length; i++) d[i] = dims[i];
        int rc;
        IntPtr r;
        fixed (long* p = d)
            rc = fn(Handle, p, d.Length, keepdim ? 1 : 0, out r);
        Native.Check(rc, op, "input", this);
        return new Tensor(r);
    }

    public unsafe Tensor sum(int[] dims, bool keepdim = false) => ReduceDims(&NativeMethods.seg_sum_dims, "sum", dims, keepdim);
    public unsafe Tensor sum(int dim, bool keepdim = false) => ReduceDims(&NativeMethods.seg_sum_dims, "sum", [dim], keepdim);
    public unsafe Tensor mean(int[] dims, bool keepdim = false) => ReduceDims(&NativeMethods.seg_mean_dims, "mean", dims, keepdim);
    public unsafe Tensor mean(int dim, bool keepdim = false) => ReduceDims(&NativeMethods.seg_mean_dims, "mean", [dim], keepdim);

    /// <summary>Largest values along <paramref name="dim"/> and their indices (torch.max(x, dim)).</summary>
    public (Tensor values, Tensor indices) max(int dim, bool keepdim = false)
    {
        int rc = NativeMethods.seg_max_dim(Handle, dim, keepdim ? 1 : 0, out IntPtr v, out IntPtr i);
        Native.Check(rc, "max", "input", this);
        return (new Tensor(v), new Tensor(i));
    }

    public (Tensor values, Tensor indices) min(int dim, bool keepdim = false)
    {
        int rc = NativeMethods.seg_min_dim(Handle, dim, keepdim ? 1 : 0, out IntPtr v, out IntPtr i);
        Native.Check(rc, "min", "input", this);
        return (new Tensor(v), new Tensor(i));
    }

    public Tensor argmax(int dim, bool keepdim = false)
    {
        int rc = NativeMethods.seg_argmax(Handle, dim, keepdim ? 1 : 0, out IntPtr r);
        Native.Check(rc, "argmax", "input", this);
        return new Tensor(r);
    }

    public Tensor argmin(int dim, bool keepdim = false)
    {
        int rc = NativeMethods.seg_argmin(Handle, dim, keepdim ? 1 : 0, out IntPtr r);
        Native.Check(rc, "argmin", "input", this);
        return new Tensor(r);
    }

    public Tensor std(bool unbiased = true)
    {
        Native.Check(NativeMethods.seg_std(Handle, unbiased ? 1 : 0, out IntPtr r), "std", "input", this);
        return new Tensor(r);
    }

    public Tensor var(bool unbiased = true)
    {
        Native.Check(NativeMethods.seg_var(Handle, unbiased ? 1 : 0, out IntPtr r), "var", "input", this);
        return new Tensor(r);
    }

    public unsafe Tensor norm(double p = 2) => WithScalar(&NativeMethods.seg_norm, "norm", p);

    /// <summary>Counts of each non-negative integer value (optionally weighted), at least <paramref name="minlength"/> bins.</summary>
    public Tensor bincount(Tensor? weights = null, long minlength = 0)
    {
        int rc = NativeMethods.seg_bincount(Handle, Native.Opt(weights), minlength, out IntPtr r);
        Native.Check(rc, "bincount", "input", this, "weights", weights);
        return new Tensor(r);
    }

    public Tensor scatter_add(int dim, Tensor index, Tensor src)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(src);
        int rc = NativeMethods.seg_scatter_add(Handle, dim, index.Handle, src.Handle, out IntPtr r);
        Native.Check(rc, "scatter_add", "input", this, "index", index, "src", src);
        return new Tensor(r);
    }
}
