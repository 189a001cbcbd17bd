using Segment.Dsl;

namespace Segment.Examples.Networks;

/// <summary>
/// The seeds' UNet (seeds 002-004): base channels 64, depth 4, bilinear upsampling with the halved-channel
/// factor, 2 classes; 17,263,042 parameters for 3 input channels.
/// </summary>
[UNet(Classes = 2, BaseChannels = 64, Depth = 4, Bilinear = true, Name = "unet")]
[Input(3)]
public partial class UNet
{
}
