namespace Segment.Runtime.NN.Blocks;

/// <summary>
/// UNet's DoubleConv (milesial/Pytorch-UNet): <c>x -> conv3x3(in, mid, pad 1, no bias) -> bn -> relu
/// -> conv3x3(mid, out, pad 1, no bias) -> bn -> relu</c>; mid defaults to out. A Sequential whose
/// children are "0".."5" (conv, bn, relu, conv, bn, relu), so keys read "in_conv.0.weight",
/// "in_conv.1.running_mean", "in_conv.3.weight", as in the seed. In eval mode without gradients
/// each BN is folded into its conv.
/// </summary>
public sealed class DoubleConv : Sequential
{
    private readonly FoldedConvBnPair folded;

    public DoubleConv(long inChannels, long outChannels, long? midChannels = null)
        : base(
            new Conv2d(inChannels, midChannels ?? outChannels, 3, padding: 1, bias: false),
            new BatchNorm2d(midChannels ?? outChannels),
            new ReLU(inplace: true),
            new Conv2d(midChannels ?? outChannels, outChannels, 3, padding: 1, bias: false),
            new BatchNorm2d(outChannels),
            new ReLU(inplace: true))
    {
        folded = new FoldedConvBnPair(conv1, bn1, conv2, bn2);
    }

    public Conv2d conv1 => (Conv2d)this[0];
    public BatchNorm2d bn1 => (BatchNorm2d)this[1];
    public Conv2d conv2 => (Conv2d)this[3];
    public BatchNorm2d bn2 => (BatchNorm2d)this[4];

    public override Tensor forward(Tensor input)
    {
        if (!folded.First.Applies() || !folded.Second.Applies())
            return base.forward(input);
        using Tensor hidden = folded.First.forward_relu_(input);
        return folded.Second.forward_relu_(hidden);
    }

    protected override void OnCachesInvalidated() => folded.Clear();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            folded.Dispose();
        base.Dispose(disposing);
    }
}
