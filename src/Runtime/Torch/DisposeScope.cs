using System;
using System.Collections.Generic;

namespace Segment.Runtime;

/// <summary>
/// Owns every tensor created on its thread while it is the innermost scope, and disposes them
/// when it is disposed (except those moved out with <see cref="Tensor.MoveToOuterDisposeScope"/>
/// or <see cref="Tensor.DetachFromDisposeScope"/>). Scopes nest per thread:
/// <code>using (torch.NewDisposeScope()) { ... loss.backward(); ... }</code>
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? current;

    private List<Tensor>? owned = new();

    internal DisposeScope()
    {
        Outer = Current;
        current = this;
    }

    /// <summary>
    /// The innermost open scope of the calling thread. A scope disposed on another thread (an
    /// <c>await</c> inside a <c>using</c> block resumes elsewhere) cannot unlink itself from this
    /// thread's stack, so disposed scopes are skipped (and unlinked) here; otherwise every later
    /// tensor created on this thread would throw ObjectDisposedException.
    /// </summary>
    internal static DisposeScope? Current
    {
        get
        {
            DisposeScope? c = current;
            if (c is { IsDisposed: true })
            {
                do c = c.Outer; while (c is { IsDisposed: true });
                current = c;
            }
            return c;
        }
    }

    /// <summary>The scope that was innermost when this one was opened.</summary>
    internal DisposeScope? Outer { get; }

    /// <summary>The nearest enclosing scope that is still open (an outer scope may have been disposed out of order).</summary>
    internal DisposeScope? LiveOuter
    {
        get
        {
            DisposeScope? o = Outer;
            while (o is { IsDisposed: true }) o = o.Outer;
            return o;
        }
    }

    /// <summary>Number of tensors this scope currently owns.</summary>
    public int Count
    {
        get
        {
            int n = 0;
            if (owned is not null)
                foreach (Tensor t in owned)
                    if (ReferenceEquals(t.OwningScope, this) && !t.IsDisposed) n++;
            return n;
        }
    }

    public bool IsDisposed => owned is null;

    internal void Attach(Tensor t)
    {
        if (owned is null)
            throw new ObjectDisposedException(nameof(DisposeScope));
        t.OwningScope = this;
        owned.Add(t);
    }

    /// <summary>Puts an existing tensor (for example one created before the scope) under this scope.</summary>
    public Tensor Include(Tensor t)
    {
        ArgumentNullException.ThrowIfNull(t);
        Attach(t);
        return t;
    }

    /// <summary>Disposes everything owned so far except <paramref name="keep"/>; the scope stays open.</summary>
    public void DisposeEverythingBut(params Tensor[] keep)
    {
        if (owned is null)
            return;
        var kept = new HashSet<Tensor>(keep, ReferenceEqualityComparer.Instance);
        var next = new List<Tensor>();
        foreach (Tensor t in owned)
        {
            if (!ReferenceEquals(t.OwningScope, this)) continue;
            if (kept.Contains(t)) next.Add(t);
            else { t.OwningScope = null; t.Dispose(); }
        }
        owned = next;
    }

    public void Dispose()
    {
        List<Tensor>? list = owned;
        if (list is null)
            return;
        owned = null;
        // Only an innermost scope unlinks itself; disposing an outer scope first leaves the
        // inner one current, which keeps owning its own tensors.
        if (ReferenceEquals(current, this))
            current = LiveOuter;
        foreach (Tensor t in list)
        {
            if (ReferenceEquals(t.OwningScope, this))
            {
                t.OwningScope = null;
                t.Dispose();
            }
        }
    }
}
