using System;

namespace Segment.Runtime.NN.Blocks;

/// <summary>
/// The two folded conv + BN pairs of a double-conv block (<see cref="DoubleConv"/>, <see cref="VggBlock"/>),
/// cleared and disposed together.
/// </summary>
internal sealed class FoldedConvBnPair : IDisposable
{
    public FoldedConvBnPair(Conv2d conv1, BatchNorm2d bn1, Conv2d conv2, BatchNorm2d bn2)
    {
        First = new FoldedConvBn(conv1, bn1);
        Second = new FoldedConvBn(conv2, bn2);
    }

    public FoldedConvBn First { get; }
    public FoldedConvBn Second { get; }

    public void Clear()
    {
        First.Clear();
        Second.Clear();
    }

    public void Dispose()
    {
        First.Dispose();
        Second.Dispose();
    }
}
