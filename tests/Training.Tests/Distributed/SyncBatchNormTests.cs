using System.Linq;
using Segment.Runtime;
using Segment.Runtime.Distributed;
using TorchSharp.Modules;
using Xunit;

namespace Segment.Training.Tests.Distributed;

/// <summary>
/// SyncBatchNorm's forward and backward in one process: with every rank holding the same batch (a mirrored job
/// of 2), each rank's output, input gradient and running statistics must be those of TorchSharp's BatchNorm2d on
/// the batch repeated twice, and its weight gradient half the repeated batch's (each rank's loss covers half).
/// </summary>
public sealed class SyncBatchNormTests
{
    [Fact]
    public void A_mirrored_job_of_two_equals_batch_norm_over_the_doubled_batch()
    {
        using var generator = new torch.Generator(5);
        using var reference = torch.nn.BatchNorm2d(3);
        using var synced = torch.nn.BatchNorm2d(3);
        using (torch.no_grad())
        {
            foreach (BatchNorm2d bn in new[] { reference, synced })
            {
                bn.weight!.copy_(torch.tensor(new float[] { 0.5f, 1.5f, -2f }));
                bn.bias!.copy_(torch.tensor(new float[] { 0.1f, -0.3f, 0.7f }));
            }
        }
        using Scalar three = 3.ToScalar(), two = 2.ToScalar();
        Tensor x = torch.randn([2, 3, 5, 4], generator: generator).mul(three).add(Scalars.One, Scalars.One);
        Tensor upstream = torch.randn([2, 3, 5, 4], generator: generator);

        Tensor doubled = torch.cat([x, x]).detach().requires_grad_(true);
        Tensor expected = reference.forward(doubled);
        (expected * torch.cat([upstream, upstream])).sum().backward();

        var job = new MirrorCommunicator(2);
        Tensor input = x.detach().requires_grad_(true);
        Tensor actual;
        using (SyncBatchNorm.Attach(synced, job))
            actual = SyncBatchNorm.Forward(synced, input, job);
        (actual * upstream).sum().backward();

        Assert.True(job.AllReduceCalls >= 4, $"{job.AllReduceCalls} allreduces: forward's two and backward's two expected");
        AssertClose(expected.narrow(0, 0, 2), actual, 1e-5);
        AssertClose(doubled.grad!.narrow(0, 0, 2), input.grad!, 1e-4);
        AssertClose(reference.weight!.grad!.div(two), synced.weight!.grad!, 1e-4);
        AssertClose(reference.bias!.grad!.div(two), synced.bias!.grad!, 1e-4);
        AssertClose(reference.running_mean!, synced.running_mean!, 1e-6);
        AssertClose(reference.running_var!, synced.running_var!, 1e-5);
        Assert.Equal(reference.num_batches_tracked!.item<long>(), synced.num_batches_tracked!.item<long>());
    }

    [Fact]
    public void Attach_changes_nothing_for_a_single_process_and_detaches_on_dispose()
    {
        using var bn = torch.nn.BatchNorm2d(2);
        using (SyncBatchNorm.Attach(bn, SingleProcess.Instance))
            Assert.Null(SyncBatchNorm.Of(bn));
        var job = new MirrorCommunicator(2);
        using (SyncBatchNorm.Attach(bn, job))
            Assert.Same(job, SyncBatchNorm.Of(bn));
        Assert.Null(SyncBatchNorm.Of(bn));
    }

    private static void AssertClose(Tensor expected, Tensor actual, double tolerance)
    {
        Assert.Equal(expected.shape, actual.shape);
        double worst = (expected.detach().to(ScalarType.Float64) - actual.detach().to(ScalarType.Float64)).abs().max().item<double>();
        Assert.True(worst <= tolerance, $"max difference {worst:G3} > {tolerance:G3}");
    }
}
