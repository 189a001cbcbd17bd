using Segment.Dsl;

namespace Segment.Examples.Networks;

/// <summary>The seed 004 training configuration: base channels 32, bilinear; 4,318,434 parameters.</summary>
[UNet(Classes = 2, Channels = new[] { 32, 64, 128, 256, 512 }, Name = "unet32")]
[Input(3)]
public partial class UNet32
{
}
