namespace Segment.Runtime.NN.Blocks;

/// <summary>
/// UNet++'s VGGBlock: <c>x -> conv1 3x3(in, mid, pad 1, bias) -> bn1 -> relu -> conv2 3x3(mid, out,
/// pad 1, bias) -> bn2 -> relu</c> (relu in place). Children conv1, bn1, conv2, bn2 as the seed
/// names them. In eval mode without gradients each BN is folded into its conv (the conv bias
/// folds into the shift).
/// </summary>
public sealed class VggBlock : ConvBnPair
{
    public VggBlock(long inChannels, long middleChannels, long outChannels)
        : base(nameof(VggBlock), inChannels, middleChannels, outChannels, bias: true)
    {
        register_module("conv1", conv1);
        register_module("bn1", bn1);
        register_module("conv2", conv2);
        register_module("bn2", bn2);
    }
}
