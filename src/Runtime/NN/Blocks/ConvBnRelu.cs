using System;

namespace Segment.Runtime.NN;

/// <summary>
/// U2Net's ConvBNReLU: <c>x -> conv (k x k, dilation d, padding k/2 if d == 1 else d, no bias)
/// -> bn -> relu (in place)</c>. Children <c>conv</c> and <c>bn</c>, as the seed names them, so
/// checkpoints load unchanged. In eval mode without gradients the BN is folded into the conv.
/// </summary>
public sealed class ConvBnRelu : Module<Tensor, Tensor>
{
    private readonly FoldedConvBn folded;

    public ConvBnRelu(long in_channels, long out_channels, long kernel_size = 3, long dilation = 1)
    {
        long padding = dilation == 1 ? kernel_size / 2 : dilation;
        conv = register_module("conv", new Conv2d(in_channels, out_channels, kernel_size, padding: padding, dilation: dilation, bias: false));
        bn = register_module("bn", new BatchNorm2d(out_channels));
        folded = new FoldedConvBn(conv, bn);
    }

    public Conv2d conv { get; }

    public BatchNorm2d bn { get; }

    public override Tensor forward(Tensor input)
    {
        if (folded.Applies())
            return folded.forward_relu_(input);
        using Tensor y = conv.forward(input);
        return bn.forward(y).relu_();
    }

    protected override void OnCachesInvalidated() => folded.Clear();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            folded.Dispose();
        base.Dispose(disposing);
    }
}
