using System.Collections.Generic;

namespace Segment.Runtime.NN.Blocks;

/// <summary>
/// What <see cref="DoubleConv"/> and <see cref="VggBlock"/> share: <c>x -> conv1 -> bn1 -> relu -> conv2 -> bn2 -> relu</c>
/// (relu in place), each conv + BN folded in eval mode without gradients. The blocks differ only in the children's
/// names (the seeds' state_dict keys) and in whether the convs have a bias.
/// </summary>
public abstract class ConvBnPair : FoldingBlock
{
    private readonly FoldedConvBn first;
    private readonly FoldedConvBn second;

    private protected ConvBnPair(string name, long inChannels, long midChannels, long outChannels, bool bias) : base(name)
    {
        conv1 = torch.nn.Conv2d(inChannels, midChannels, 3, padding: 1L, bias: bias);
        bn1 = torch.nn.BatchNorm2d(midChannels);
        conv2 = torch.nn.Conv2d(midChannels, outChannels, 3, padding: 1L, bias: bias);
        bn2 = torch.nn.BatchNorm2d(outChannels);
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
