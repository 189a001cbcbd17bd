using System;

namespace Segment.Runtime;

// Views, layout, conversions and indexing along a dimension.
public sealed partial class Tensor
{
    public unsafe Tensor clone() => Unary(&NativeMethods.seg_clone, "clone");
    public unsafe Tensor contiguous() => Unary(&NativeMethods.seg_contiguous, "contiguous");

    public Tensor to(Device d)
    {
        d.EnsureAvailable();
        int rc = NativeMethods.seg_to_device(Handle, (int)d.Type, d.Index, out IntPtr r);
        Native.Check(rc, "to", "input", this);
        return new Tensor(r);
    }

    public Tensor to(ScalarType t)
    {
        int rc = NativeMethods.seg_to_dtype(Handle, (int)t, out IntPtr r);
        Native.Check(rc, "to", "input", this);
        return new Tensor(r);
    }

    public Tensor cpu() => to(Device.CPU);
    public Tensor cuda(int index = 0) => to(Device.CUDA(index));

    public unsafe Tensor reshape(params long[] shape) => WithLongs(&NativeMethods.seg_reshape, "reshape", shape);
    public unsafe Tensor view(params long[] shape) => WithLongs(&NativeMethods.seg_view, "view", shape);
    public unsafe Tensor expand(params long[] shape) => WithLongs(&NativeMethods.seg_expand, "expand", shape);
    public unsafe Tensor repeat(params long[] repeats) => WithLongs(&NativeMethods.seg_repeat, "repeat", repeats);
    public unsafe Tensor permute(params int[] dims) => WithLongs(&NativeMethods.seg_permute, "permute", ToLongs(dims));
    public unsafe Tensor flip(params int[] dims) => WithLongs(&NativeMethods.seg_flip, "flip", ToLongs(dims));

    public Tensor select(int dim, long index)
    {
        int rc = NativeMethods.seg_select(Handle, dim, index, out IntPtr r);
        Native.Check(rc, "select", "input", this);
        return new Tensor(r);
    }

    public Tensor narrow(int dim, long start, long length)
    {
        int rc = NativeMethods.seg_narrow(Handle, dim, start, length, out IntPtr r);
        Native.Check(rc, "narrow", "input", this);
        return new Tensor(r);
    }

    /// <summary>Python's <c>t[..., start:end:step]</c> along <paramref name="dim"/>.</summary>
    public Tensor slice(int dim, long start, long end, long step = 1)
    {
        int rc = NativeMethods.seg_slice(Handle, dim, start, end, step, out IntPtr r);
        Native.Check(rc, "slice", "input", this);
        return new Tensor(r);
    }

    public Tensor index_select(int dim, Tensor index)
    {
        ArgumentNullException.ThrowIfNull(index);
        int rc = NativeMethods.seg_index_select(Handle, dim, index.Handle, out IntPtr r);
        Native.Check(rc, "index_select", "input", this, "index", index);
        return new Tensor(r);
    }

    public Tensor gather(int dim, Tensor index)
    {
        ArgumentNullException.ThrowIfNull(index);
        int rc = NativeMethods.seg_gather(Handle, dim, index.Handle, out IntPtr r);
        Native.Check(rc, "gather", "input", this, "index", index);
        return new Tensor(r);
    }

    public unsafe Tensor masked_select(Tensor mask) => Binary(&NativeMethods.seg_masked_select, "masked_select", mask);

    /// <summary><c>t[i]</c>: select along dimension 0.</summary>
    public Tensor this[long index] => select(0, index);

    public Tensor transpose(int dim0, int dim1)
    {
        int rc = NativeMethods.seg_transpose(Handle, dim0, dim1, out IntPtr r);
        Native.Check(rc, "transpose", "input", this);
        return new Tensor(r);
    }

    public unsafe Tensor squeeze() => Unary(&NativeMethods.seg_squeeze, "squeeze");
    public unsafe Tensor squeeze(int dim) => WithLong(&NativeMethods.seg_squeeze_dim, "squeeze", dim);
    public unsafe Tensor unsqueeze(int dim) => WithLong(&NativeMethods.seg_unsqueeze, "unsqueeze", dim);

    public Tensor flatten(int start = 0, int end = -1)
    {
        int rc = NativeMethods.seg_flatten(Handle, start, end, out IntPtr r);
        Native.Check(rc, "flatten", "input", this);
        return new Tensor(r);
    }
}
