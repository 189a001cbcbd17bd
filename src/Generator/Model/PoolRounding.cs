namespace Segment.Generator.Model;

/// <summary>How a 2x2, stride-2 max-pool rounds odd sizes, which decides how a spatial size is written.</summary>
internal enum PoolRounding
{
    /// <summary>ceil_mode=True (U²-Net): ceil(H/2^level).</summary>
    Ceil,

    /// <summary>PyTorch's default floor mode (UNet): floor(H/2^level); the decoder pads back to the skip.</summary>
    Floor,

    /// <summary>Floor mode on a size the network requires divisible by 2^depth (UNet++): exactly H/2^level.</summary>
    Exact,
}
