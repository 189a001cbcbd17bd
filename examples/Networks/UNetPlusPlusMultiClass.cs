using Segment.Dsl;

namespace Segment.Examples.Networks;

/// <summary>
/// A small multi-class UNet++ with deep supervision: filters 16, 32, 64 (2 levels), 3 classes, heads final1 and
/// final2; the loss is the cross-entropy of each head (255 ignored) averaged over the heads.
/// </summary>
[UNetPlusPlus(Filters = new[] { 16, 32, 64 }, Classes = 3, DeepSupervision = true, Name = "unetpp-3class")]
[Input(3)]
public partial class UNetPlusPlusMultiClass
{
}
