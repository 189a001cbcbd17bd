using System;

namespace Segment.Dsl;

/// <summary>
/// Declares a U²-Net (nested U of RSU blocks) on a <c>partial</c> class. The stages follow as one
/// <see cref="EncoderAttribute"/> / <see cref="DecoderAttribute"/> line each, in source order:
/// encoders from the shallowest (En1) to the deepest, then decoders from the deepest (De5 for six
/// encoders) back to De1, exactly like the rows of the seed's config table.
/// </summary>
/// <remarks>
/// The generator turns the class into a module whose children carry the seed's PyTorch
/// state_dict names (<c>encode_modules</c>, <c>decode_modules</c>, <c>side_modules</c>, <c>out_conv</c>).
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class U2NetAttribute : Attribute
{
    /// <summary>Output channels: 1 for saliency (sigmoid + BCE), the class count for semantic segmentation (softmax + cross-entropy).</summary>
    public int OutChannels { get; set; } = 1;

    /// <summary>Kernel of the side convolutions; 0 picks the seed's choice: 3 when <see cref="OutChannels"/> is 1, else 1 (PaddleSeg's multi-class variant).</summary>
    public int SideKernelSize { get; set; }

    /// <summary>Weight of the fused output's term in the generated loss.</summary>
    public double FusedLossWeight { get; set; } = 1;

    /// <summary>The name the command line lists and creates the network by; defaults to the class name in lower case.</summary>
    public string? Name { get; set; }
}
