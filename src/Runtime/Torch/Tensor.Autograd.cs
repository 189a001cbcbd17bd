using System;

namespace Segment.Runtime;

// Autograd: gradients, backward, detach.
public sealed partial class Tensor
{
    public bool requires_grad
    {
        get
        {
            bool on = NativeMethods.seg_requires_grad(Handle) != 0;
            GC.KeepAlive(this);
            return on;
        }
        set => Native.Check(NativeMethods.seg_set_requires_grad(Handle, value ? 1 : 0), "requires_grad_", "input", this);
    }

    /// <summary>Sets requires_grad and returns this tensor (PyTorch's requires_grad_).</summary>
    public Tensor requires_grad_(bool on = true)
    {
        requires_grad = on;
        return this;
    }

    public bool is_leaf
    {
        get
        {
            bool leaf = NativeMethods.seg_is_leaf(Handle) != 0;
            GC.KeepAlive(this);
            return leaf;
        }
    }

    /// <summary>The accumulated gradient, or null; a new handle each call (the caller or the current scope disposes it).
    /// Setting replaces it (null clears it, like <c>p.grad = None</c>).</summary>
    public Tensor? grad
    {
        get
        {
            Native.Check(NativeMethods.seg_grad(Handle, out IntPtr g), "grad", "input", this);
            return WrapOrNull(g);
        }
        set => Native.Check(NativeMethods.seg_set_grad(Handle, Native.Opt(value)), "set grad", "input", this, "grad", value);
    }

    /// <summary>Back-propagates from this tensor (a scalar, or with <paramref name="gradient"/> of the same shape).</summary>
    public void backward(Tensor? gradient = null, bool? retain_graph = null, bool create_graph = false)
    {
        int retain = retain_graph is null ? -1 : retain_graph.Value ? 1 : 0;
        int rc = NativeMethods.seg_backward(Handle, Native.Opt(gradient), retain, create_graph ? 1 : 0);
        Native.Check(rc, "backward", "input", this, "gradient", gradient);
    }

    /// <summary>Keeps the gradient of a non-leaf tensor after backward.</summary>
    public void retain_grad() => Native.Check(NativeMethods.seg_retain_grad(Handle), "retain_grad", "input", this);

    public unsafe Tensor detach() => Unary(&NativeMethods.seg_detach, "detach");

    /// <summary>True for tensors created in inference mode.</summary>
    public bool is_inference()
    {
        bool inference = NativeMethods.seg_is_inference(Handle) != 0;
        GC.KeepAlive(this);
        return inference;
    }
}
