using System;
using System.Threading;
using Segment.Runtime;
using Xunit;

namespace Segment.Runtime.Tests;

/// <summary>Ownership rules of torch.NewDisposeScope().</summary>
public sealed class DisposeScopeTests
{
    [Fact]
    public void A_scope_disposes_what_was_created_inside_it()
    {
        Tensor a, b;
        using (var scope = torch.NewDisposeScope())
        {
            a = torch.ones(2, 2);
            b = (a + 1).relu();
            Assert.Equal(3, scope.Count); // a, a + 1, relu
        }
        Assert.True(a.IsDisposed);
        Assert.True(b.IsDisposed);
    }

    [Fact]
    public void MoveToOuterDisposeScope_hands_the_tensor_to_the_enclosing_scope()
    {
        Tensor kept;
        using (var outer = torch.NewDisposeScope())
        {
            using (var inner = torch.NewDisposeScope())
            {
                kept = (torch.ones(3) * 2).MoveToOuterDisposeScope();
                Assert.Equal(1, inner.Count);
            }
            Assert.False(kept.IsDisposed);
            Assert.Equal(new[] { 2f, 2f, 2f }, kept.ToFloatArray());
            Assert.Equal(1, outer.Count);
        }
        Assert.True(kept.IsDisposed);
    }

    [Fact]
    public void DetachFromDisposeScope_leaves_disposal_to_the_caller()
    {
        Tensor t;
        using (torch.NewDisposeScope())
            t = torch.zeros(4).DetachFromDisposeScope();
        Assert.False(t.IsDisposed);
        t.Dispose();
        Assert.True(t.IsDisposed);
    }

    [Fact]
    public void Tensors_created_outside_any_scope_are_not_owned_and_Include_adopts_them()
    {
        using var outside = torch.ones(2);
        Tensor adopted = torch.ones(2);
        using (var scope = torch.NewDisposeScope())
        {
            scope.Include(adopted);
            _ = outside + 1;
        }
        Assert.False(outside.IsDisposed);
        Assert.True(adopted.IsDisposed);
    }

    [Fact]
    public void Scopes_are_per_thread()
    {
        using var scope = torch.NewDisposeScope();
        Tensor? fromOtherThread = null;
        var thread = new Thread(() => fromOtherThread = torch.ones(2));
        thread.Start();
        thread.Join();
        Assert.Equal(0, scope.Count);
        Assert.False(fromOtherThread!.IsDisposed);
        fromOtherThread.Dispose();
    }

    [Fact]
    public void A_scope_disposed_on_another_thread_does_not_poison_the_thread_that_opened_it()
    {
        // What `using (torch.NewDisposeScope()) { await ...; }` does: the continuation (and the
        // Dispose) may run on another thread than the one that opened the scope.
        Exception? error = null;
        Tensor? after = null;
        using var opened = new ManualResetEventSlim();
        using var disposed = new ManualResetEventSlim();
        DisposeScope? scope = null;
        var owner = new Thread(() =>
        {
            try
            {
                scope = torch.NewDisposeScope();
                opened.Set();
                disposed.Wait();
                after = torch.ones(2); // must not throw ObjectDisposedException
                using (var next = torch.NewDisposeScope())
                {
                    _ = torch.ones(1);
                    Assert.Equal(1, next.Count);
                }
            }
            catch (Exception e)
            {
                error = e;
            }
        });
        owner.Start();
        opened.Wait();
        scope!.Dispose(); // on this thread
        disposed.Set();
        owner.Join();
        Assert.Null(error);
        Assert.False(after!.IsDisposed);
        after.Dispose();
    }

    [Fact]
    public void DisposeEverythingBut_keeps_only_the_named_tensors()
    {
        using var scope = torch.NewDisposeScope();
        Tensor a = torch.ones(2), b = torch.ones(2), c = a + b;
        scope.DisposeEverythingBut(c);
        Assert.True(a.IsDisposed);
        Assert.True(b.IsDisposed);
        Assert.False(c.IsDisposed);
        Assert.Equal(1, scope.Count);
    }

    [Fact]
    public void Gradients_read_inside_a_scope_are_owned_by_it()
    {
        using var w = torch.ones(3).DetachFromDisposeScope().requires_grad_();
        Tensor? g;
        using (torch.NewDisposeScope())
        {
            (w * 2).sum().backward();
            g = w.grad;
            Assert.NotNull(g);
        }
        Assert.True(g!.IsDisposed);
        using var again = w.grad; // the gradient itself lives on in libtorch
        Assert.Equal(new[] { 2f, 2f, 2f }, again!.ToFloatArray());
    }

    [Fact]
    public void Disposing_scopes_out_of_order_leaves_a_usable_current_scope()
    {
        using var root = torch.NewDisposeScope();
        var outer = torch.NewDisposeScope();
        var inner = torch.NewDisposeScope();
        outer.Dispose(); // out of order: inner is still current
        Tensor a = torch.ones(1);
        inner.Dispose();
        Assert.True(a.IsDisposed);
        Tensor b = torch.ones(1); // lands in root, the nearest open scope
        Assert.Equal(1, root.Count);
        Assert.False(b.IsDisposed);
    }
}
