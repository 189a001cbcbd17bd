using System.IO;
using Segment.Runtime;
using Segment.Runtime.Serialization;
using Segment.TestSupport;
using Xunit;

namespace Segment.Runtime.Tests;

/// <summary>Autograd switches, grad accumulation, seeds and threads.</summary>
public sealed class AutogradAndModesTests
{
    [Fact]
    public void Backward_of_a_scalar_accumulates_into_leaf_grads()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.tensor(new[] { 1f, 2f, 3f }).requires_grad_();
        Assert.True(x.is_leaf);
        Assert.Null(x.grad);
        (x * x).sum().backward();
        Assert.Equal(new[] { 2f, 4f, 6f }, x.grad!.ToFloatArray());
        (x * 3).sum().backward();
        Assert.Equal(new[] { 5f, 7f, 9f }, x.grad!.ToFloatArray());
        x.grad = null;
        Assert.Null(x.grad);
    }

    [Fact]
    public void Assigning_a_grad_of_another_size_or_dtype_is_refused_as_in_python()
    {
        // Accepted silently, a [1] grad would broadcast in an optimizer's p.add_(grad, -lr)
        // and move every element of the [3] parameter by the same amount.
        using var scope = torch.NewDisposeScope();
        Tensor p = torch.ones(3).requires_grad_();
        var size = Assert.Throws<TorchException>(() => p.grad = torch.ones(1));
        Assert.Contains("different size", size.Message);
        Assert.Contains("set grad", size.Message);
        var type = Assert.Throws<TorchException>(() => p.grad = torch.ones(3).to(ScalarType.Float64));
        Assert.Contains("different type", type.Message);
        Assert.Null(p.grad);
        p.grad = torch.full([3], 2.0);
        Assert.Equal(new[] { 2f, 2f, 2f }, p.grad!.ToFloatArray());
    }

    [Fact]
    public void No_grad_stops_recording_and_restores_the_previous_mode()
    {
        using var scope = torch.NewDisposeScope();
        Tensor w = torch.ones(2).requires_grad_();
        Assert.True(torch.is_grad_enabled());
        using (torch.no_grad())
        {
            Assert.False(torch.is_grad_enabled());
            Assert.False((w * 2).requires_grad);
            w.add_(torch.ones(2), alpha: -0.5); // in-place on a leaf is allowed only here
            using (torch.enable_grad())
                Assert.True((w * 2).requires_grad);
            Assert.False(torch.is_grad_enabled());
        }
        Assert.True(torch.is_grad_enabled());
        Assert.True((w * 2).requires_grad);
        Assert.Equal(new[] { 0.5f, 0.5f }, w.detach().ToFloatArray());
    }

    [Fact]
    public void Inference_mode_marks_results_as_inference_tensors()
    {
        using var scope = torch.NewDisposeScope();
        Tensor w = torch.ones(2).requires_grad_();
        Tensor y;
        using (torch.inference_mode())
        {
            Assert.True(torch.is_inference_mode_enabled());
            y = w * 2;
            Assert.False(y.requires_grad);
        }
        Assert.False(torch.is_inference_mode_enabled());
        Assert.True(y.is_inference());
        Assert.False((w * 2).is_inference());
    }

    [Fact]
    public void Detach_cuts_the_graph()
    {
        using var scope = torch.NewDisposeScope();
        Tensor w = torch.ones(2).requires_grad_();
        Tensor d = (w * 2).detach();
        Assert.False(d.requires_grad);
        Assert.True((w * 2).requires_grad);
    }

    [Fact]
    public void Manual_seed_reproduces_pytorchs_random_streams()
    {
        string dir = RepoPaths.NewTempDirectory("random");
        PythonOracle.Run("ops_random.py", dir);
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(7);
        Tensor randn = torch.randn(3, 4), rand = torch.rand(5), perm = torch.randperm(6);
        Tensor normal = torch.empty(2, 3).normal_(0.5, 2.0);
        TensorAssert.Close(Npy.Load(Path.Combine(dir, "randn.npy")), randn, "randn", 0, 0);
        TensorAssert.Close(Npy.Load(Path.Combine(dir, "rand.npy")), rand, "rand", 0, 0);
        TensorAssert.Close(Npy.Load(Path.Combine(dir, "randperm.npy")), perm, "randperm", 0, 0);
        TensorAssert.Close(Npy.Load(Path.Combine(dir, "normal_.npy")), normal, "normal_", 0, 0);
    }

    [Fact]
    public void Thread_count_can_be_set_and_read()
    {
        int before = torch.get_num_threads();
        try
        {
            torch.set_num_threads(1);
            Assert.Equal(1, torch.get_num_threads());
        }
        finally
        {
            torch.set_num_threads(before);
        }
        Assert.Equal(before, torch.get_num_threads());
    }

    [Fact]
    public void Metadata_and_conversions()
    {
        using var scope = torch.NewDisposeScope();
        Tensor t = torch.arange(24).reshape(2, 3, 4);
        Assert.Equal(ScalarType.Int64, t.dtype);
        Assert.Equal(3, t.dim);
        Assert.Equal(24, t.numel);
        Assert.Equal(4, t.size(-1));
        Assert.Equal(Device.CPU, t.device);
        Assert.True(t.is_contiguous());
        Tensor p = t.permute(2, 0, 1);
        Assert.False(p.is_contiguous());
        Assert.True(p.contiguous().is_contiguous());
        Assert.Equal(23.0, t.max().item());
        Assert.Equal(new long[] { 0, 1, 2, 3 }, t[0][0].ToInt64Array());
        Assert.Equal("Tensor([2, 3, 4], torch.int64, cpu)", t.ToString());
        Assert.Equal(new[] { 0f, 0.5f, 1f }, torch.linspace(0, 1, 3).ToFloatArray());
        Assert.Equal(new[] { 1f, 1f }, torch.full(new long[] { 2 }, 1.0).ToFloatArray());
        Assert.Equal(7L, (torch.arange(3) * 2 + 3).max().item<long>());
        Assert.Equal(ScalarType.Int64, (torch.arange(3) * 2).dtype); // integral scalars keep int64
    }
}
