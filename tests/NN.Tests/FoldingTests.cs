using System;
using System.Linq;
using Segment.Runtime;
using Segment.Runtime.NN;
using Segment.Runtime.NN.Blocks;
using Xunit;

namespace Segment.NN.Tests;

/// <summary>
/// Eval-mode BN folding: the folded path is really taken under no_grad, equals the unfolded one,
/// and is rebuilt whenever the weights or statistics may have changed.
/// </summary>
public class FoldingTests
{
    private const double Tol = 1e-5;

    /// <summary>A block with non-trivial statistics: a few train-mode batches of shifted, scaled inputs.</summary>
    private static T Trained<T>(T m, long channels) where T : nn.Module<Tensor, Tensor>
    {
        using var scope = torch.NewDisposeScope();
        m.train();
        using Scalar two = 2.0.ToScalar();
        for (int i = 0; i < 3; i++)
            m.forward(torch.randn(4, channels, 6, 6).mul(two).add(Scalars.One, Scalars.One));
        return m;
    }

    private static Tensor Folded(nn.Module<Tensor, Tensor> m, Tensor x)
    {
        using (torch.no_grad())
            return m.forward(x);
    }

    private static Tensor Unfolded(nn.Module<Tensor, Tensor> m, Tensor x)
    {
        using (torch.no_grad())
        using (torch.enable_grad())
            return m.forward(x).detach();
    }

    [Fact]
    public void No_grad_eval_uses_the_cached_fold_until_it_is_invalidated()
    {
        using var m = Trained(new ConvBnRelu(3, 6), 3);
        using var scope = torch.NewDisposeScope();
        m.eval();
        Tensor x = torch.randn(2, 3, 7, 7);
        Close.Assert(Unfolded(m, x), Folded(m, x), Tol, Tol, "folded vs unfolded");
        Tensor first = Folded(m, x);

        // Writing into a statistic by hand is invisible to the cache: the stale folded output proves the fold is used...
        using (torch.no_grad())
        using (Scalar four = 4.0.ToScalar())
            ((TorchSharp.Modules.BatchNorm2d)m.bn).running_var!.mul_(four);
        Close.Equal(first, Folded(m, x), "cached fold after a hand edit");
        // ...and FoldCache.Invalidate brings it back in line.
        FoldCache.Invalidate(m);
        Tensor refolded = Folded(m, x);
        Assert.True(Close.MaxAbsDiff(first, refolded) > 1e-3, "the edit should change the output");
        Close.Assert(Unfolded(m, x), refolded, Tol, Tol, "refolded after FoldCache.Invalidate");
    }

    [Fact]
    public void A_forward_that_records_gradients_drops_the_fold()
    {
        // Every optimizer step follows a grad-recording forward, which cannot fold: it drops the cache,
        // so weights changed afterwards (even without train()/eval()) are refolded.
        using var m = Trained(new ConvBnRelu(3, 6), 3);
        using var scope = torch.NewDisposeScope();
        m.eval();
        Tensor x = torch.randn(2, 3, 7, 7);
        Tensor first = Folded(m, x);
        Unfolded(m, x);
        using (torch.no_grad())
        using (Scalar four = 4.0.ToScalar())
            ((TorchSharp.Modules.BatchNorm2d)m.bn).running_var!.mul_(four);
        Tensor after = Folded(m, x);
        Assert.True(Close.MaxAbsDiff(first, after) > 1e-3, "the edit should change the output");
        Close.Assert(Unfolded(m, x), after, Tol, Tol, "refolded after a grad-recording forward");
    }

    [Fact]
    public void Train_step_then_eval_refolds_with_the_new_statistics()
    {
        using var m = Trained(new DoubleConv(3, 5, 4), 3);
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.randn(2, 3, 8, 8);
        m.eval();
        Tensor before = Folded(m, x);
        Trained(m, 3);
        m.eval();
        Tensor after = Folded(m, x);
        Assert.True(Close.MaxAbsDiff(before, after) > 1e-4, "training should have moved the statistics");
        Close.Assert(Unfolded(m, x), after, Tol, Tol, "refolded after train + eval");
    }

    [Fact]
    public void Load_state_dict_refolds()
    {
        using var m = Trained(new VggBlock(3, 4, 5), 3);
        using var other = Trained(new VggBlock(3, 4, 5), 3);
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.randn(2, 3, 8, 8);
        m.eval();
        other.eval();
        Folded(m, x);
        m.load_state_dict(other.state_dict());
        Close.Assert(Folded(other, x), Folded(m, x), Tol, Tol, "folded output after loading another block's weights");
    }

    [Fact]
    public void Optimizer_step_in_eval_mode_refolds()
    {
        // Fine-tuning with frozen BN: the model stays in eval mode between steps.
        using var m = Trained(new ConvBnRelu(3, 4), 3);
        using var scope = torch.NewDisposeScope();
        m.eval();
        using var opt = torch.optim.SGD(m.parameters(), 0.1);
        Tensor x = torch.randn(2, 3, 6, 6);
        Tensor before = Folded(m, x);
        using (Scalar two = 2.ToScalar())
            m.forward(x).pow(two).mean().backward();
        opt.step();
        Tensor after = Folded(m, x);
        Assert.True(Close.MaxAbsDiff(before, after) > 1e-4, "the step should change the output");
        Close.Assert(Unfolded(m, x), after, Tol, Tol, "refolded after an optimizer step");
    }

    [Fact]
    public void A_network_load_state_dict_refolds_every_block()
    {
        // TorchSharp's load_state_dict copies into the children's tensors without calling their own
        // load_state_dict; a module tree is refolded through FoldCache.Invalidate (generated networks do this).
        using var m = Trained(new TinyNet(), 3);
        using var other = Trained(new TinyNet(), 3);
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.randn(2, 3, 8, 8);
        m.eval();
        other.eval();
        Folded(m, x);
        Segment.Runtime.Serialization.StateDicts.Load(m, other.state_dict());
        Close.Assert(Folded(other, x), Folded(m, x), Tol, Tol, "folded output after loading another network's weights");
    }

    [Fact]
    public void Frozen_parameters_fold_even_with_grad_enabled_and_gradients_reach_the_input()
    {
        using var m = Trained(new ConvBnRelu(3, 4), 3);
        using var scope = torch.NewDisposeScope();
        m.eval();
        foreach (Tensor p in m.parameters())
            p.requires_grad = false;
        Tensor x = torch.randn(1, 3, 5, 5);
        using (torch.inference_mode())
            m.forward(x);                             // folded weights built as inference tensors
        Tensor xin = x.clone().requires_grad_();
        Tensor y = m.forward(xin);                    // must refold: inference tensors cannot be saved for backward
        y.sum().backward();
        Assert.NotNull(xin.grad);
        foreach (Tensor p in m.parameters())
            p.requires_grad = true;
        Close.Assert(Unfolded(m, x), y.detach(), Tol, Tol, "frozen folded output");
    }

    [Fact]
    public void Eval_with_grad_enabled_gives_parameter_gradients()
    {
        using var m = Trained(new ConvBnRelu(3, 4), 3);
        using var scope = torch.NewDisposeScope();
        m.eval();
        m.forward(torch.randn(1, 3, 5, 5)).sum().backward();
        Assert.All(m.parameters(), p => Assert.NotNull(p.grad));
        Assert.True(m.conv.weight.grad!.abs().sum().ToDouble() > 0);
    }

    [Fact]
    public void Concurrent_inference_survives_refolds_on_other_threads()
    {
        // One eval model served from several threads while its cache is invalidated (as a
        // load_state_dict or an optimizer step elsewhere would): every forward must still use
        // live folded tensors and give the unfolded result.
        using var m = Trained(new ConvBnRelu(3, 8), 3);
        m.eval();
        using Tensor x = torch.randn(1, 3, 4, 4).DetachFromDisposeScope();
        using Tensor expected = Unfolded(m, x).DetachFromDisposeScope();
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        using var stop = new System.Threading.CancellationTokenSource();
        var workers = Enumerable.Range(0, 4).Select(_ => new System.Threading.Thread(() =>
        {
            try
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                while (clock.ElapsedMilliseconds < 1500 && !stop.IsCancellationRequested)
                {
                    using var scope = torch.NewDisposeScope();
                    using (torch.no_grad())
                    {
                        Tensor y = m.forward(x);
                        if (Close.MaxAbsDiff(expected, y) > 1e-4)
                            throw new Exception("concurrent folded forward differs from the unfolded one");
                    }
                }
            }
            catch (Exception e)
            {
                errors.Enqueue(e);
                stop.Cancel();
            }
        })).ToArray();
        foreach (var w in workers) w.Start();
        while (workers.Any(w => w.IsAlive))
            FoldCache.Invalidate(m);
        foreach (var w in workers) w.Join();
        Assert.True(errors.IsEmpty, errors.IsEmpty ? "" : errors.First().ToString());
    }
}
