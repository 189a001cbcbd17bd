using Segment.Dsl;

namespace Segment.Examples.Networks;

/// <summary>The seed's UNet++ (NestedUNet): filters 32..512, one class, one head; 9,163,329 parameters.</summary>
[UNetPlusPlus(Filters = new[] { 32, 64, 128, 256, 512 }, Classes = 1, Name = "unetpp")]
[Input(3)]
public partial class UNetPlusPlus
{
}
