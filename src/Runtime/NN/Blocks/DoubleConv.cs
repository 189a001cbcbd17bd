namespace Segment.Runtime.NN.Blocks;

/// <summary>
/// UNet's DoubleConv (milesial/Pytorch-UNet): <c>x -> conv3x3(in, mid, pad 1, no bias) -> bn -> relu
/// -> conv3x3(mid, out, pad 1, no bias) -> bn -> relu</c>; mid defaults to out. Children are "0".."5"
/// (conv, bn, relu, conv, bn, relu) as in the seed's nn.Sequential, so keys read "in_conv.0.weight",
/// "in_conv.1.running_mean", "in_conv.3.weight". In eval mode without gradients each BN is folded
/// into its conv.
/// </summary>
public sealed class DoubleConv : ConvBnPair
{
    public DoubleConv(long inChannels, long outChannels, long? midChannels = null)
        : base(nameof(DoubleConv), inChannels, midChannels ?? outChannels, outChannels, bias: false)
    {
        register_module("0", conv1);
        register_module("1", bn1);
        register_module("2", torch.nn.ReLU(inplace: true));
        register_module("3", conv2);
        register_module("4", bn2);
        register_module("5", torch.nn.ReLU(inplace: true));
    }
}

/// <summary>One conv + BN + in-place ReLU step of a block: folded where that applies, else as written.</summary>
internal static class ConvBn
{
    public static Tensor Relu(FoldedConvBn folded, Conv2d conv, BatchNorm2d bn, Tensor input)
    {
        if (folded.Applies())
            return folded.forward_relu_(input);
        using Tensor y = conv.call(input);
        return Normalize(bn, y).relu_();
    }

    /// <summary>
    /// bn(y), refusing what PyTorch's F.batch_norm refuses: in training, batch statistics of one value per
    /// channel (batch 1 and a 1 x 1 map, deep in a U²-Net at 32 x 32) are undefined. libtorch itself would
    /// return zeros and a variance of NaN; the check lives in PyTorch's Python layer, hence here.
    /// </summary>
    public static Tensor Normalize(BatchNorm2d bn, Tensor y)
    {
        // --sync-bn: the batch statistics of every rank's batch (the count check is then over all ranks).
        if (bn.training && Distributed.SyncBatchNorm.Of(bn) is { } communicator)
            return Distributed.SyncBatchNorm.Forward(bn, y, communicator);
        if (bn.training && y.dim() == 4 && y.size(0) * y.size(2) * y.size(3) <= 1)
            throw new System.ArgumentException($"Expected more than 1 value per channel when training, got input size [{string.Join(", ", y.shape)}]");
        return bn.call(y);
    }
}
