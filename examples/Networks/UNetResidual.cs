using Segment.Dsl;

namespace Segment.Examples.Networks;

/// <summary>
/// A small UNet of MONAI-style residual units: depth 3, base 16, transposed upsampling, 3 classes; every DoubleConv is
/// conv -> GroupNorm(4) -> PReLU -> conv -> GroupNorm(4) (+ a 1x1 conv and GroupNorm shortcut where the channels change)
/// -> PReLU -> Dropout2d(0.1).
/// </summary>
[UNet(Classes = 3, BaseChannels = 16, Depth = 3, Bilinear = false, Name = "unet-res")]
[Blocks(Norm = Norm.Group, Groups = 4, Activation = Activation.PReLU, Dropout = 0.1, Residual = true)]
[Input(3)]
public partial class UNetResidual
{
}
