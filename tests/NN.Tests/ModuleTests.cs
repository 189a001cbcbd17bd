using System;
using System.Linq;
using Segment.Runtime;
using Segment.Runtime.NN;
using Segment.Runtime.NN.Blocks;
using Xunit;

namespace Segment.NN.Tests;

/// <summary>Module plumbing: registration rules, moving and converting, gradients, disposal, containers.</summary>
public class ModuleTests
{
    private sealed class Probe : Module<Tensor, Tensor>
    {
        public Probe() => register_parameter("w", torch.ones(2));

        public void Register(string name) => register_buffer(name, torch.zeros(1));

        public void RegisterChild(string name) => register_module(name, new ReLU());

        public override Tensor forward(Tensor input) => input.mul(get_parameter("w"));
    }

    [Theory]
    [InlineData("w")]
    [InlineData("a.b")]
    [InlineData("")]
    public void Bad_or_duplicate_names_are_refused(string name)
    {
        using var p = new Probe();
        Assert.Throws<ArgumentException>(() => p.Register(name));
    }

    [Fact]
    public void A_child_name_cannot_shadow_a_parameter()
    {
        using var p = new Probe();
        Assert.Throws<ArgumentException>(() => p.RegisterChild("w"));
    }

    private sealed class Holder : Module
    {
        public Holder(Tensor w) => register_parameter("w", w);
    }

    /// <summary>Two children holding the same parameter tensor (tied weights).</summary>
    private sealed class Tied : Module
    {
        public Tied()
        {
            Tensor w = torch.ones(3);
            register_module("a", new Holder(w));
            register_module("b", new Holder(w));
        }
    }

    [Fact]
    public void Converting_a_module_with_a_shared_parameter_keeps_the_entries_tied()
    {
        using var m = new Tied();
        Tensor before = m.get_parameter("a.w");
        m.to(ScalarType.Float64);
        Tensor a = m.get_parameter("a.w"), b = m.get_parameter("b.w");
        Assert.Same(a, b);
        Assert.False(a.IsDisposed);
        Assert.True(before.IsDisposed);
        Assert.Equal(ScalarType.Float64, a.dtype);
        Assert.True(a.requires_grad);
        Assert.Single(m.parameters());
        m.to(torch.CPU); // a no-op move must not free anything either
        Assert.False(m.get_parameter("b.w").IsDisposed);
    }

    [Fact]
    public void Parameters_survive_the_dispose_scope_they_were_created_in()
    {
        DoubleConv m;
        using (torch.NewDisposeScope())
            m = new DoubleConv(3, 4);
        using (m)
        {
            Assert.All(m.parameters(), p => Assert.False(p.IsDisposed));
            Assert.All(m.buffers(), b => Assert.False(b.IsDisposed));
        }
    }

    [Fact]
    public void Dispose_frees_every_tensor_recursively()
    {
        var m = new VggBlock(3, 4, 5);
        var tensors = m.parameters().Concat(m.buffers()).ToArray();
        m.Dispose();
        Assert.All(tensors, t => Assert.True(t.IsDisposed));
    }

    [Fact]
    public void To_float64_converts_floating_tensors_keeps_int64_and_still_matches()
    {
        using var m = new ConvBnRelu(3, 4);
        using var scope = torch.NewDisposeScope();
        m.eval();
        Tensor x = torch.randn(2, 3, 5, 5);
        Tensor y32 = m.forward(x);
        m.to(ScalarType.Float64);
        Assert.Equal(ScalarType.Float64, m.conv.weight.dtype);
        Assert.True(m.conv.weight.requires_grad);
        Assert.Equal(ScalarType.Float64, m.bn.running_var!.dtype);
        Assert.Equal(ScalarType.Int64, m.bn.num_batches_tracked!.dtype);
        Tensor y64;
        using (torch.no_grad())
            y64 = m.forward(x.to(ScalarType.Float64));    // the folded cache is rebuilt in float64
        Assert.Equal(ScalarType.Float64, y64.dtype);
        Close.Assert(y32, y64, 1e-5, 1e-5, "float64 vs float32 output");
    }

    [Fact]
    public void To_the_current_device_keeps_the_same_tensors()
    {
        using var m = new ConvBnRelu(3, 4);
        Tensor w = m.conv.weight;
        m.to(torch.CPU);
        Assert.Same(w, m.conv.weight);
    }

    [Fact]
    public void Zero_grad_zeroes_or_drops_gradients()
    {
        using var m = new ConvBnRelu(3, 4);
        using var scope = torch.NewDisposeScope();
        m.forward(torch.randn(2, 3, 5, 5)).sum().backward();
        Assert.All(m.parameters(), p => Assert.NotEqual(0, p.grad!.abs().sum().ToDouble()));
        m.zero_grad();
        Assert.All(m.parameters(), p => Assert.Equal(0, p.grad!.abs().sum().ToDouble()));
        m.zero_grad(set_to_none: true);
        Assert.All(m.parameters(), p => Assert.Null(p.grad));
    }

    [Fact]
    public void BatchNorm_counts_train_batches_only()
    {
        using var bn = new BatchNorm2d(3);
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.randn(4, 3, 2, 2);
        bn.forward(x);
        bn.forward(x);
        bn.eval();
        bn.forward(x);
        Assert.Equal(2, bn.num_batches_tracked!.ToDouble());
    }

    [Fact]
    public void BatchNorm_refuses_non_4d_input()
    {
        using var bn = new BatchNorm2d(3);
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => bn.forward(torch.randn(4, 3)));
        Assert.Contains("expected 4D input (got 2D input)", e.Message);
    }

    [Fact]
    public void BatchNorm_without_momentum_uses_a_cumulative_average()
    {
        using var bn = new BatchNorm2d(1, momentum: null);
        using var scope = torch.NewDisposeScope();
        bn.forward(torch.full([2, 1, 1, 2], 4.0));     // batch mean 4: factor 1/1
        bn.forward(torch.full([2, 1, 1, 2], 1.0));     // batch mean 1: factor 1/2
        Assert.Equal(2.5, bn.running_mean!.ToDouble(), 6);
    }

    [Fact]
    public void ModuleList_and_Sequential_number_their_children()
    {
        using var list = new ModuleList(new ReLU(), new Sigmoid());
        list.append(new Conv2d(1, 1, 1));
        Assert.Equal(["0", "1", "2"], list.named_children().Select(c => c.name));
        Assert.Equal(3, list.Count);
        Assert.IsType<Conv2d>(list[2]);
        using var seq = new Sequential(("first", new ReLU()), ("second", new Sigmoid()));
        Assert.Equal(["first", "second"], seq.named_children().Select(c => c.name));
    }

    [Fact]
    public void Sequential_leaves_its_input_alive_even_with_in_place_children()
    {
        using var seq = new Sequential(new ReLU(inplace: true), new Sigmoid());
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.randn(2, 3);
        Tensor y = seq.forward(x);
        Assert.False(x.IsDisposed);
        Assert.False(y.IsDisposed);
        Close.Assert(x.relu().sigmoid(), y, 1e-7, 0, "relu then sigmoid");
    }
}
