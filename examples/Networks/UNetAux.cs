using Segment.Dsl;

namespace Segment.Examples.Networks;

/// <summary>
/// A small UNet with an auxiliary head (the seed's criterion weighs it 0.5): depth 3, base 16, transposed
/// upsampling, aux_conv on up2's output resized to the input, 3 classes with class weights.
/// </summary>
[UNet(Classes = 3, BaseChannels = 16, Depth = 3, Bilinear = false, AuxLevel = 2, ClassWeights = new[] { 0.5, 1.0, 2.0 }, Name = "unet-aux")]
[Input(3)]
public partial class UNetAux
{
}
