namespace Segment.Runtime.NN.Blocks;

/// <summary>One conv + norm (+ activation) step of a block: folded where that applies, else each child through <c>call</c>.</summary>
internal static class ConvNorm
{
    /// <summary>act(norm(conv(x))); with a foldable BatchNorm one convolution (and ReLU in place).</summary>
    public static Tensor Activated(FoldedConvBn? folded, Conv2d conv, torch.nn.Module<Tensor, Tensor> norm, torch.nn.Module<Tensor, Tensor> act, Tensor input)
    {
        if (act is TorchSharp.Modules.ReLU && folded is not null && folded.Applies())
            return folded.forward_relu_(input);
        Tensor y = Normalized(folded, conv, norm, input);
        return Replace(y, act.call(y));
    }

    /// <summary>norm(conv(x)); with a foldable BatchNorm one convolution.</summary>
    public static Tensor Normalized(FoldedConvBn? folded, Conv2d conv, torch.nn.Module<Tensor, Tensor> norm, Tensor input)
    {
        if (folded is not null && folded.Applies())
            return folded.forward(input);
        using Tensor y = conv.call(input);
        return norm is BatchNorm2d bn ? Normalize(bn, y) : norm.call(y);
    }

    /// <summary><paramref name="result"/>, disposing <paramref name="input"/> unless the layer worked in place and returned it.</summary>
    public static Tensor Replace(Tensor input, Tensor result)
    {
        if (!ReferenceEquals(input, result) && input.Handle != result.Handle)
            input.Dispose();
        return result;
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
