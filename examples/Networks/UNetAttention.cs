using Segment.Dsl;

namespace Segment.Examples.Networks;

/// <summary>
/// Attention U-Net (Oktay et al. 2018, as MONAI's AttentionUnet gates): a small bilinear UNet, depth 3, base 16, 2 classes,
/// whose Ups weigh each skip by attention coefficients (child up{k}.attention, BatchNorm inside) before the concatenation;
/// its DoubleConvs use InstanceNorm.
/// </summary>
[UNet(Classes = 2, BaseChannels = 16, Depth = 3, AttentionGates = true, Name = "unet-attn")]
[Blocks(Norm = Norm.Instance)]
[Input(3)]
public partial class UNetAttention
{
}
