using Segment.Dsl;

namespace Segment.Examples.Networks;

/// <summary>A small UNet++ of residual VGG blocks: filters 8..64, one class; InstanceNorm, GELU, Dropout2d(0.2) after each node.</summary>
[UNetPlusPlus(Filters = new[] { 8, 16, 32, 64 }, Classes = 1, Name = "unetpp-res")]
[Blocks(Norm = Norm.Instance, Activation = Activation.GELU, Dropout = 0.2, Residual = true)]
[Input(3)]
public partial class UNetPlusPlusResidual
{
}
