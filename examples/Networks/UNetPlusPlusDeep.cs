using Segment.Dsl;

namespace Segment.Examples.Networks;

/// <summary>
/// The seed's UNet++ with deep supervision: heads final1..final4 on X(0, 1..4), their losses averaged, and the
/// pruned forwards ForwardL1..ForwardL4; 9,163,428 parameters.
/// </summary>
[UNetPlusPlus(Filters = new[] { 32, 64, 128, 256, 512 }, Classes = 1, DeepSupervision = true, Name = "unetpp-ds")]
[Input(3)]
public partial class UNetPlusPlusDeep
{
}
