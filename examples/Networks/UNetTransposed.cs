using Segment.Dsl;

namespace Segment.Examples.Networks;

/// <summary>The seeds' UNet with ConvTranspose2d upsampling (bilinear = False): 31,037,698 parameters.</summary>
[UNet(Classes = 2, BaseChannels = 64, Bilinear = false, Name = "unet-transposed")]
[Input(3)]
public partial class UNetTransposed
{
}
