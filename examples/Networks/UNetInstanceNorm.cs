using Segment.Dsl;

namespace Segment.Examples.Networks;

/// <summary>A small bilinear UNet with MONAI's default norm: InstanceNorm (affine) and LeakyReLU(0.2) in every DoubleConv; depth 3, base 16, 2 classes.</summary>
[UNet(Classes = 2, BaseChannels = 16, Depth = 3, Name = "unet-in")]
[Blocks(Norm = Norm.Instance, Activation = Activation.LeakyReLU, NegativeSlope = 0.2)]
[Input(3)]
public partial class UNetInstanceNorm
{
}
