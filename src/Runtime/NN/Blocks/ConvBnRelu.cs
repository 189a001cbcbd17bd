using System.Collections.Generic;

namespace Segment.Runtime.NN.Blocks;

/// <summary>
/// U2Net's ConvBNReLU: <c>x -> conv (k x k, dilation d, padding k/2 if d == 1 else d, no bias)
/// -> bn -> relu (in place)</c>. Children <c>conv</c> and <c>bn</c>, as the seed names them, so
/// checkpoints load unchanged. In eval mode without gradients the BN is folded into the conv.
/// </summary>
public sealed class ConvBnRelu : FoldingBlock
{
    private readonly FoldedConvBn folded;

    // Parameter names are the generator's (it emits "kernelSize:", "dilation:").
    public ConvBnRelu(long inChannels, long outChannels, long kernelSize = 3, long dilation = 1) : base(nameof(ConvBnRelu))
    {
        long padding = dilation == 1 ? kernelSize / 2 : dilation;
        conv = torch.nn.Conv2d(inChannels, outChannels, kernelSize, padding: padding, dilation: dilation, bias: false);
        bn = torch.nn.BatchNorm2d(outChannels);
        register_module("conv", conv);
        register_module("bn", bn);
        folded = new FoldedConvBn(conv, bn);
    }

    public Conv2d conv { get; }

    public BatchNorm2d bn { get; }

    private protected override IEnumerable<FoldedConvBn> Folds => [folded];

    public override Tensor forward(Tensor input)
    {
        if (folded.Applies())
            return folded.forward_relu_(input);
        using Tensor y = conv.call(input);
        return ConvNorm.Normalize(bn, y).relu_();
    }
}
