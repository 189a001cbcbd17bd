using Segment.Dsl;

namespace Segment.Examples.Networks;

/// <summary>
/// U²-Net-lite with GroupNorm(8) and PReLU in every RSU layer ([Blocks]): the seed's u2netp stages, each ConvBNReLU
/// becoming conv -> GroupNorm -> PReLU (norm still named "bn", activation "relu"); 1,128,445 parameters.
/// </summary>
[U2Net(OutChannels = 1, Name = "u2netp-gn")]
[Blocks(Norm = Norm.Group, Groups = 8, Activation = Activation.PReLU)]
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
public partial class U2NetLiteGroupNorm
{
}
