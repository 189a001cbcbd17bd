namespace Segment.Runtime.NN.Blocks;

/// <summary>
/// UNet's DoubleConv (milesial/Pytorch-UNet): <c>x -> conv3x3(in, mid, pad 1, no bias) -> norm -> act
/// -> conv3x3(mid, out, pad 1, no bias) -> norm [+ shortcut(x)] -> act [-> Dropout2d]</c>; mid defaults to out.
/// Children are "0".."5" (conv, norm, act, conv, norm, act) as in the seed's nn.Sequential, so keys read
/// "in_conv.0.weight", "in_conv.1.running_mean", "in_conv.3.weight"; Dropout2d is "6", a residual unit's
/// projection "shortcut.0" / "shortcut.1", a PReLU's slope "2.weight" / "5.weight". See <see cref="ConvNormPair"/>.
/// </summary>
public sealed class DoubleConv : ConvNormPair
{
    private static readonly PairNames Names = new("0", "1", "2", "3", "4", "5", "6");

    public DoubleConv(long inChannels, long outChannels, long? midChannels = null, BlockOptions? options = null)
        : base(nameof(DoubleConv), inChannels, midChannels ?? outChannels, outChannels, bias: false, options, Names)
    {
    }
}
