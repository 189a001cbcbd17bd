using Segment.Dsl;

namespace Segment.Examples.Networks;

/// <summary>
/// U²-Net, the full model of seed 000 (u2net_full): six encoders, five decoders, six sides,
/// 43,995,469 parameters. One line per row of the seed's config table:
/// name, RSU height, in, mid, out channels; RSU-4F stages are Dilated.
/// </summary>
[U2Net(OutChannels = 1, Name = "u2net")]
[Input(3)]
[Encoder("En1", 7, 3, 32, 64)]
[Encoder("En2", 6, 64, 32, 128)]
[Encoder("En3", 5, 128, 64, 256)]
[Encoder("En4", 4, 256, 128, 512)]
[Encoder("En5", 4, 512, 256, 512, Dilated = true)]
[Encoder("En6", 4, 512, 256, 512, Dilated = true, Side = true)]
[Decoder("De5", 4, 1024, 256, 512, Dilated = true, Side = true)]
[Decoder("De4", 4, 1024, 128, 256, Side = true)]
[Decoder("De3", 5, 512, 64, 128, Side = true)]
[Decoder("De2", 6, 256, 32, 64, Side = true)]
[Decoder("De1", 7, 128, 16, 64, Side = true)]
public partial class U2Net
{
}
