namespace Segment.Generator.Model;

/// <summary>
/// A convolution layer. <see cref="WithNorm"/>: the runtime's ConvBnRelu block (Conv2d without bias,
/// BatchNorm2d, ReLU) as the seed's ConvBNReLU; otherwise a plain Conv2d with bias (sides, fuse).
/// </summary>
internal sealed record ConvSpec(int InChannels, int OutChannels, int KernelSize, int Dilation, bool WithNorm)
{
    /// <summary>The seed's rule: kernel/2 for an undilated conv, the dilation otherwise (3x3 "same" padding).</summary>
    public int Padding => Dilation == 1 ? KernelSize / 2 : Dilation;

    /// <summary>Trainable parameters: weight, plus BatchNorm's weight and bias, or the conv's bias.</summary>
    public long Parameters => (long)InChannels * OutChannels * KernelSize * KernelSize + (WithNorm ? 2L * OutChannels : OutChannels);
}
