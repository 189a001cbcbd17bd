using Segment.Dsl;

namespace Segment.Examples.Networks;

/// <summary>
/// The PaddleSeg variant of seed 001 for semantic segmentation: the lite table with four classes.
/// With OutChannels &gt; 1 the side convolutions become 1x1 and the output is softmax over classes,
/// trained with cross-entropy.
/// </summary>
[U2Net(OutChannels = 4, Name = "u2netp-4class")]
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
public partial class U2NetMultiClass
{
}
