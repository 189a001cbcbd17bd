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
    internal Tensor(IntPtr handle) : this(handle, attach: true)
    {
    }

    /// <summary>Wraps a handle; with <paramref name="attach"/> false no scope owns it (the caller disposes it).</summary>
    private Tensor(IntPtr handle, bool attach)
    {
        if (handle == IntPtr.Zero)
            throw new ArgumentException("null tensor handle", nameof(handle));
        this.handle = handle;
        if (attach)
            DisposeScope.Current?.Attach(this);
    }

    /// <summary>
    /// A new handle to the same data, detached from autograd and owned by no scope (not even listed
    /// in one): for short-lived internal aliases that the caller disposes right away.
    /// </summary>
    internal Tensor DetachUnscoped()
    {
        int rc = NativeMethods.seg_detach(Handle, out IntPtr r);
        Native.Check(rc, "detach", "input", this);
        return new Tensor(r, attach: false);
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
    // Each getter keeps `this` alive until its native call returns: on a temporary
    // (`torch.ones(3).shape`) the object is otherwise unreachable once Handle is read, and the
    // finalizer could free the at::Tensor while the shim is reading it (a crash).

    /// <summary>Number of dimensions.</summary>
    public int dim
    {
        get
        {
            int d = (int)NativeMethods.seg_dim(Handle);
            GC.KeepAlive(this);
            return d;
        }
    }

    /// <summary>Sizes of every dimension (a new array each call).</summary>
    public unsafe long[] shape
    {
        get
        {
            IntPtr h = Handle;
            var s = new long[NativeMethods.seg_dim(h)];
            fixed (long* p = s)
                NativeMethods.seg_shape(h, p);
            GC.KeepAlive(this);
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
        GC.KeepAlive(this);
        return s;
    }

    /// <summary>Number of elements.</summary>
    public long numel
    {
        get
        {
            long n = NativeMethods.seg_numel(Handle);
            GC.KeepAlive(this);
            return n;
        }
    }

    public ScalarType dtype
    {
        get
        {
            var t = (ScalarType)NativeMethods.seg_dtype(Handle);
            GC.KeepAlive(this);
            return t;
        }
    }

    public Device device
    {
        get
        {
            IntPtr h = Handle;
            var d = new Device((DeviceType)NativeMethods.seg_device_type(h), NativeMethods.seg_device_index(h));
            GC.KeepAlive(this);
            return d;
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

    public bool is_contiguous()
    {
        bool c = NativeMethods.seg_is_contiguous(Handle) != 0;
        GC.KeepAlive(this);
        return c;
    }

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
