namespace Segment.Runtime.NN.Blocks;

/// <summary>
/// UNet++'s VGGBlock: <c>x -> conv1 3x3(in, mid, pad 1, bias) -> bn1 -> act1 -> conv2 3x3(mid, out,
/// pad 1, bias) -> bn2 [+ shortcut(x)] -> act2 [-> dropout]</c>. Children conv1, bn1, conv2, bn2 as the seed
/// names them ("bn" holds whichever norm the options choose), act1 / act2 (a PReLU's slope: "act1.weight"),
/// "dropout" and a residual unit's "shortcut.0" / "shortcut.1". See <see cref="ConvNormPair"/>.
/// </summary>
public sealed class VggBlock : ConvNormPair
{
    private static readonly PairNames Names = new("conv1", "bn1", "act1", "conv2", "bn2", "act2", "dropout");

    public VggBlock(long inChannels, long middleChannels, long outChannels, BlockOptions? options = null)
        : base(nameof(VggBlock), inChannels, middleChannels, outChannels, bias: true, options, Names)
    {
    }
}
