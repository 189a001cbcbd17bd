using System.Collections.Generic;
using static TorchSharp.torch.autograd;

namespace Segment.Runtime.Distributed;

/// <summary>
/// A differentiable allreduce-sum (torch.distributed.nn.functional.all_reduce): forward, the sum over the
/// ranks; backward, the incoming gradient summed over the ranks too, since every rank's loss depends on every
/// rank's input through the sum. SyncBatchNorm's statistics go through it, so its backward reduces the
/// gradients of the statistics (PyTorch's sum_dy and sum_dy_xmu) as torch.nn.SyncBatchNorm does.
/// </summary>
internal sealed class AllReduceSumFunction : SingleTensorFunction<AllReduceSumFunction>
{
    private const string Key = "communicator";

    public override string Name => "AllReduceSum";

    public static Tensor Apply(Tensor input, ICommunicator communicator) => apply(input, communicator);

    public override Tensor forward(AutogradContext ctx, params object[] vars)
    {
        var communicator = (ICommunicator)vars[1];
        ctx.save_data(Key, communicator);
        return communicator.AllReduceSum((Tensor)vars[0]);
    }

    public override List<Tensor> backward(AutogradContext ctx, Tensor grad_output)
    {
        var communicator = (ICommunicator)ctx.get_data(Key);
        // One gradient per argument: the communicator has none.
        return [communicator.AllReduceSum(grad_output), null!];
    }
}
