using System;
using Segment.Runtime;
using Xunit;

namespace Segment.Runtime.Tests;

/// <summary>libtorch failures surface as TorchException naming the op and shapes; the process survives.</summary>
public sealed class ErrorTests
{
    [Fact]
    public void Conv2d_channel_mismatch_names_both_shapes_and_the_next_op_works()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.randn(1, 3, 8, 8);
        Tensor w = torch.randn(4, 5, 3, 3);
        var ex = Assert.Throws<TorchException>(() => F.conv2d(x, w, padding: 1));
        Assert.StartsWith("conv2d(input [1, 3, 8, 8], weight [4, 5, 3, 3]): ", ex.Message);
        Assert.Contains("expected input[1, 3, 8, 8] to have 5 channels, but got 3 channels instead", ex.Message);
        Assert.DoesNotContain("\n", ex.Message);

        // The process and the thread's libtorch state are intact: the next op works.
        Tensor ok = F.conv2d(x, torch.randn(4, 3, 3, 3), padding: 1);
        Assert.Equal(new long[] { 1, 4, 8, 8 }, ok.shape);
    }

    [Fact]
    public void Cat_mismatch_names_every_input()
    {
        using var scope = torch.NewDisposeScope();
        var ex = Assert.Throws<TorchException>(() => torch.cat(new[] { torch.zeros(1, 2, 4, 4), torch.zeros(1, 2, 5, 4) }, 1));
        Assert.StartsWith("cat(tensors[0] [1, 2, 4, 4], tensors[1] [1, 2, 5, 4]): ", ex.Message);
    }

    [Fact]
    public void Cross_entropy_target_out_of_range_is_an_exception()
    {
        using var scope = torch.NewDisposeScope();
        var ex = Assert.Throws<TorchException>(() => F.cross_entropy(torch.zeros(2, 3), torch.tensor(new[] { 0L, 7L })));
        Assert.StartsWith("cross_entropy(input [2, 3], target [2]): ", ex.Message);
        Assert.Contains("out of bounds", ex.Message);
    }

    [Theory]
    [InlineData(0, "test c10::Error")]
    [InlineData(1, "test std::exception")]
    [InlineData(2, "unknown C++ exception")]
    public void Every_kind_of_cpp_exception_becomes_a_status_code(int kind, string message)
    {
        Assert.Equal(1, NativeMethods.seg_test_throw(kind));
        Assert.StartsWith(message, Native.LastError());
    }

    [Fact]
    public void Cuda_requests_fail_clearly_when_there_is_no_cuda()
    {
        if (torch.cuda.is_available())
            return; // this check is about machines without CUDA; CUDA machines are covered by the device tests
        using var scope = torch.NewDisposeScope();
        var ex = Assert.Throws<TorchException>(() => torch.zeros(new long[] { 2 }, device: Device.CUDA()));
        Assert.Contains("CUDA is not available", ex.Message);
        ex = Assert.Throws<TorchException>(() => torch.ones(2).to(Device.Parse("cuda:0")));
        Assert.Contains("cuda:0", ex.Message);
    }

    [Fact]
    public void Using_a_disposed_tensor_is_an_ObjectDisposedException()
    {
        Tensor t = torch.ones(2).DetachFromDisposeScope();
        t.Dispose();
        Assert.True(t.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => t.sum());
        t.Dispose(); // idempotent
    }

    [Fact]
    public void Wrong_dtype_for_an_array_copy_says_how_to_convert()
    {
        using var scope = torch.NewDisposeScope();
        var ex = Assert.Throws<InvalidOperationException>(() => torch.zeros(new long[] { 2 }, ScalarType.Int64).ToFloatArray());
        Assert.Contains("to(ScalarType.Float32)", ex.Message);
    }
}
