using Segment.Dsl;

namespace Segment.Examples.Networks;

/// <summary>
/// U²-Net-lite (u2netp) of seed 000 (u2net_lite): the same U with 16 mid and 64 out channels
/// everywhere, 1,128,333 parameters.
/// </summary>
[U2Net(OutChannels = 1, Name = "u2netp")]
[Input(3)]
[Encoder("En1", 7, 3, 16, 64)]
[Encoder("En2", 6, 64, 16, 64)]
[Encoder("En3", 5, 64, 16, 64)]
[Encoder("En4", 4, 64, 16, 64)]
[Encoder("En5", 4, 64, 16, 64, Dilated = true)]
[Encoder("En6", 4, 64, 16, 64, Dilated = true, Side = true)]
[Decoder("De5", 4, 128, 16, 64, Dilated = true, Side = true)]
[Decoder("De4", 4, 128, 16, 64, Side = true)]
[Decoder("De3", 5, 128, 16, 64, Side = true)]
[Decoder("De2", 6, 128, 16, 64, Side = true)]
[Decoder("De1", 7, 128, 16, 64, Side = true)]
public partial class U2NetLite
{
}
