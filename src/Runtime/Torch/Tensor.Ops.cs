using System;

namespace Segment.Runtime;

// Call patterns shared by the op wrappers: call, check the status naming the inputs, wrap the result.
// Function pointers keep these allocation-free.
public sealed partial class Tensor
{
    internal unsafe Tensor Unary(delegate*<IntPtr, out IntPtr, int> fn, string op)
    {
        int rc = fn(Handle, out IntPtr r);
        Native.Check(rc, op, "input", this);
        return new Tensor(r);
    }

    internal unsafe Tensor Binary(delegate*<IntPtr, IntPtr, out IntPtr, int> fn, string op, Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        int rc = fn(Handle, other.Handle, out IntPtr r);
        Native.Check(rc, op, "input", this, "other", other);
        return new Tensor(r);
    }

    internal unsafe Tensor WithScalar(delegate*<IntPtr, double, out IntPtr, int> fn, string op, double value)
    {
        int rc = fn(Handle, value, out IntPtr r);
        Native.Check(rc, op, "input", this);
        return new Tensor(r);
    }

    internal unsafe Tensor WithLong(delegate*<IntPtr, long, out IntPtr, int> fn, string op, long value)
    {
        int rc = fn(Handle, value, out IntPtr r);
        Native.Check(rc, op, "input", this);
        return new Tensor(r);
    }

    internal unsafe Tensor WithLongs(delegate*<IntPtr, long*, int, out IntPtr, int> fn, string op, ReadOnlySpan<long> values)
    {
        int rc;
        IntPtr r;
        fixed (long* p = values)
            rc = fn(Handle, p, values.Length, out r);
        Native.Check(rc, op, "input", this);
        return new Tensor(r);
    }

    internal unsafe Tensor InPlace(delegate*<IntPtr, int> fn, string op)
    {
        Native.Check(fn(Handle), op, "input", this);
        return this;
    }

    internal unsafe Tensor InPlace(delegate*<IntPtr, double, int> fn, string op, double value)
    {
        Native.Check(fn(Handle, value), op, "input", this);
        return this;
    }

    internal unsafe Tensor InPlaceLong(delegate*<IntPtr, long, int> fn, string op, long value)
    {
        Native.Check(fn(Handle, value), op, "input", this);
        return this;
    }

    internal unsafe Tensor InPlace(delegate*<IntPtr, IntPtr, int> fn, string op, Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Native.Check(fn(Handle, other.Handle), op, "input", this, "other", other);
        return this;
    }

    internal static long[] ToLongs(int[] values)
    {
        var r = new long[values.Length];
        for (int i = 0; i < values.Length; i++) r[i] = values[i];
        return r;
    }
}
