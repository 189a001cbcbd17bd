using System;
using System.Threading;

namespace Segment.Runtime;

/// <summary>
/// A libtorch tensor: an owning handle to a heap-allocated at::Tensor in the shim. Dispose it
/// (or let a <see cref="DisposeScope"/> do it); the finalizer is only a safety net, because the
/// GC cannot see the native memory behind a handle.
/// </summary>
public sealed partial class Tensor : IDisposable
{
    private IntPtr handle;

    /// <summary>Wraps a handle returned by the shim and hands it to the innermost dispose scope.</summary>
    internal Tensor(IntPtr handle)
    {
        if (handle == IntPtr.Zero)
            throw new ArgumentException("null tensor handle", nameof(handle));
        this.handle = handle;
        DisposeScope.Current?.Attach(this);
    }

    ~Tensor() => Free();

    /// <summary>The native handle; throws once disposed.</summary>
    internal IntPtr Handle => handle != IntPtr.Zero ? handle : throw new ObjectDisposedException(nameof(Tensor), "the tensor was disposed (directly or by its DisposeScope)");

    /// <summary>The scope that will dispose this tensor, if any.</summary>
    internal DisposeScope? OwningScope { get; set; }

    public bool IsDisposed => handle == IntPtr.Zero;

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        IntPtr h = Interlocked.Exchange(ref handle, IntPtr.Zero);
        if (h != IntPtr.Zero)
            NativeMethods.seg_free(h);
    }

    /// <summary>Wraps a possibly-null result handle (for example a missing gradient).</summary>
    internal static Tensor? WrapOrNull(IntPtr h) => h == IntPtr.Zero ? null : new Tensor(h);

    // ---- metadata ----

    /// <summary>Number of dimensions.</summary>
    public int dim => (int)NativeMethods.seg_dim(Handle);

    /// <summary>Sizes of every dimension (a new array each call).</summary>
    public unsafe long[] shape
    {
        get
        {
            IntPtr h = Handle;
            var s = new long[NativeMethods.seg_dim(h)];
            fixed (long* p = s)
                NativeMethods.seg_shape(h, p);
            return s;
        }
    }

    /// <summary>Strides in elements.</summary>
    public unsafe long[] stride()
    {
        IntPtr h = Handle;
        var s = new long[NativeMethods.seg_dim(h)];
        fixed (long* p = s)
            NativeMethods.seg_strides(h, p);
        return s;
    }

    /// <summary>Number of elements.</summary>
    public long numel => NativeMethods.seg_numel(Handle);

    public ScalarType dtype => (ScalarType)NativeMethods.seg_dtype(Handle);

    public Device device
    {
        get
        {
            IntPtr h = Handle;
            return new Device((DeviceType)NativeMethods.seg_device_type(h), NativeMethods.seg_device_index(h));
        }
    }

    /// <summary>Size of dimension <paramref name="d"/>; negative counts from the end.</summary>
    public long size(int d)
    {
        long[] s = shape;
        int i = d < 0 ? d + s.Length : d;
        if (i < 0 || i >= s.Length)
            throw new ArgumentOutOfRangeException(nameof(d), $"dimension {d} is out of range for a {s.Length}-D tensor {Native.FormatShape(s)}");
        return s[i];
    }

    public bool is_contiguous() => NativeMethods.seg_is_contiguous(Handle) != 0;

    public override string ToString() =>
        IsDisposed ? "Tensor(<disposed>)" : $"Tensor({Native.FormatShape(shape)}, {dtype.TorchName()}, {device})";

    // ---- dispose scopes ----

    /// <summary>Moves this tensor from its scope to the next outer one (or to none), so it outlives the inner scope.</summary>
    public Tensor MoveToOuterDisposeScope()
    {
        DisposeScope? owner = OwningScope;
        OwningScope = null;
        owner?.LiveOuter?.Attach(this);
        return this;
    }

    /// <summary>Takes this tensor out of every scope: the caller disposes it.</summary>
    public Tensor DetachFromDisposeScope()
    {
        OwningScope = null;
        return this;
    }
}
