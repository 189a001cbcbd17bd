using System;

namespace Segment.Runtime;

/// <summary>Disables gradient recording on this thread until disposed, then restores the previous mode (torch.no_grad()).</summary>
public sealed class NoGradScope : IDisposable
{
    private readonly bool previous;
    private bool disposed;

    internal NoGradScope(bool enabled) => previous = NativeMethods.seg_set_grad_enabled(enabled ? 1 : 0) != 0;

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        NativeMethods.seg_set_grad_enabled(previous ? 1 : 0);
    }
}

/// <summary>
/// libtorch's inference mode on this thread until disposed (torch.inference_mode()): no autograd
/// recording and no version counting; tensors created inside cannot be used later in autograd.
/// Dispose it on the thread that created it.
/// </summary>
public sealed class InferenceModeScope : IDisposable
{
    private IntPtr guard;

    internal InferenceModeScope()
    {
        Native.Check(NativeMethods.seg_inference_mode_enter(out guard), "inference_mode");
    }

    public void Dispose()
    {
        IntPtr g = guard;
        guard = IntPtr.Zero;
        if (g != IntPtr.Zero)
            NativeMethods.seg_inference_mode_exit(g);
    }
}
