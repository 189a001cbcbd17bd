namespace Segment.Runtime.NN.Blocks;

/// <summary>
/// UNet++'s VGGBlock: <c>x -> conv1 3x3(in, mid, pad 1, bias) -> bn1 -> relu -> conv2 3x3(mid, out,
/// pad 1, bias) -> bn2 -> relu</c> (relu in place). Children conv1, bn1, conv2, bn2 as the seed
/// names them. In eval mode without gradients each BN is folded into its conv (the conv bias
/// folds into the shift).
/// </summary>
public sealed class VggBlock : Module<Tensor, Tensor>
{
    private readonly FoldedConvBnPair folded;

    public VggBlock(long inChannels, long middleChannels, long outChannels)
    {
        conv1 = register_module("conv1", new Conv2d(inChannels, middleChannels, 3, padding: 1));
        bn1 = register_module("bn1", new BatchNorm2d(middleChannels));
        conv2 = register_module("conv2", new Conv2d(middleChannels, outChannels, 3, padding: 1));
        bn2 = register_module("bn2", new BatchNorm2d(outChannels));
        folded = new FoldedConvBnPair(conv1, bn1, conv2, bn2);
    }

    public Conv2d conv1 { get; }
    public BatchNorm2d bn1 { get; }
    public Conv2d conv2 { get; }
    public BatchNorm2d bn2 { get; }

    public override Tensor forward(Tensor input)
    {
        Tensor hidden;
        if (folded.First.Applies())
        {
            hidden = folded.First.forward_relu_(input);
        }
        else
        {
            using Tensor y = conv1.forward(input);
            hidden = bn1.forward(y).relu_();
        }
        using (hidden)
        {
            if (folded.Second.Applies())
                return folded.Second.forward_relu_(hidden);
            using Tensor z = conv2.forward(hidden);
            return bn2.forward(z).relu_();
        }
    }

    protected override void OnCachesInvalidated() => folded.Clear();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            folded.Dispose();
        base.Dispose(disposing);
    }
}
