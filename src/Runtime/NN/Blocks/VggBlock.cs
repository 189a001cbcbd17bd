using System.Collections.Generic;

namespace Segment.Runtime.NN.Blocks;

/// <summary>
/// UNet++'s VGGBlock: <c>x -> conv1 3x3(in, mid, pad 1, bias) -> bn1 -> relu -> conv2 3x3(mid, out,
/// pad 1, bias) -> bn2 -> relu</c> (relu in place). Children conv1, bn1, conv2, bn2 as the seed
/// names them. In eval mode without gradients each BN is folded into its conv (the conv bias
/// folds into the shift).
/// </summary>
public sealed class VggBlock : FoldingBlock
{
    private readonly FoldedConvBn first;
    private readonly FoldedConvBn second;

    public VggBlock(long inChannels, long middleChannels, long outChannels) : base(nameof(VggBlock))
    {
        conv1 = torch.nn.Conv2d(inChannels, middleChannels, 3, padding: 1L);
        bn1 = torch.nn.BatchNorm2d(middleChannels);
        conv2 = torch.nn.Conv2d(middleChannels, outChannels, 3, padding: 1L);
        bn2 = torch.nn.BatchNorm2d(outChannels);
        register_module("conv1", conv1);
        register_module("bn1", bn1);
        register_module("conv2", conv2);
        register_module("bn2", bn2);
        first = new FoldedConvBn(conv1, bn1);
        second = new FoldedConvBn(conv2, bn2);
    }

    public Conv2d conv1 { get; }
    public BatchNorm2d bn1 { get; }
    public Conv2d conv2 { get; }
    public BatchNorm2d bn2 { get; }

    private protected override IEnumerable<FoldedConvBn> Folds => [first, second];

    public override Tensor forward(Tensor input)
    {
        using Tensor hidden = ConvBn.Relu(first, conv1, bn1, input);
        return ConvBn.Relu(second, conv2, bn2, hidden);
    }
}
