using Segment.Dsl;

namespace Segment.Examples.Networks;

/// <summary>A small UNet++ with deep supervision, GroupNorm(4) and ELU in every VGG block: filters 8..64, 2 classes.</summary>
[UNetPlusPlus(Filters = new[] { 8, 16, 32, 64 }, Classes = 2, DeepSupervision = true, Name = "unetpp-gn")]
[Blocks(Norm = Norm.Group, Groups = 4, Activation = Activation.ELU)]
[Input(3)]
public partial class UNetPlusPlusGroupNorm
{
}
