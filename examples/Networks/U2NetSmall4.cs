using Segment.Dsl;

namespace Segment.Examples.Networks;

/// <summary>
/// A variant for small inputs (64 x 64 patches): a four-stage U with shallower RSUs and custom
/// channels, three poolings deep (minimum input 8), and sides on a subset of the stages only
/// (En4, De3, De1; De2 has none). The deep-supervision weights favour the full-resolution side.
/// </summary>
[U2Net(OutChannels = 1, Name = "u2net-small4")]
[Input(3, Height = 64, Width = 64)]
[Encoder("En1", 5, 3, 16, 32)]
[Encoder("En2", 4, 32, 16, 64)]
[Encoder("En3", 4, 64, 32, 64, Dilated = true)]
[Encoder("En4", 4, 64, 32, 64, Dilated = true, Side = true, SideLossWeight = 0.5)]
[Decoder("De3", 4, 128, 32, 64, Dilated = true, Side = true, SideLossWeight = 0.5)]
[Decoder("De2", 4, 128, 16, 32)]
[Decoder("De1", 5, 64, 16, 32, Side = true)]
public partial class U2NetSmall4
{
}
