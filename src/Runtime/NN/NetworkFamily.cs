namespace Segment.Runtime.NN;

/// <summary>Which seed architecture a network is, which decides its defaults (U²-Net predicts at 320 x 320; the UNets at the image's size).</summary>
public enum NetworkFamily
{
    /// <summary>Not a generated network (a hand-written <see cref="ISegmentationNetwork"/>).</summary>
    Unknown,

    /// <summary>[U2Net]: U²-Net and its variants (RSU stages, side outputs, fused map).</summary>
    U2Net,

    /// <summary>[UNet]: the seeds' UNet (DoubleConv encoder and decoder, bilinear or transposed upsampling).</summary>
    UNet,

    /// <summary>[UNetPlusPlus]: the nested UNet with optional deep supervision.</summary>
    UNetPlusPlus,
}
