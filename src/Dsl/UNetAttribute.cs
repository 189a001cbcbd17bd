using System;

namespace Segment.Dsl;

/// <summary>
/// Declares a UNet (seeds 002-004, the milesial Pytorch-UNet layout) on a <c>partial</c> class: an
/// in_conv DoubleConv, <see cref="Depth"/> Down blocks (max-pool 2, DoubleConv), as many Up blocks
/// (upsample x2, zero-pad to the skip, <c>cat([skip, up])</c>, DoubleConv) and a 1x1 out_conv.
/// Input channels come from <see cref="InputAttribute"/> (3 without it).
/// </summary>
/// <remarks>
/// Child names equal the seed's state_dict keys: <c>in_conv</c>, <c>down{k}.1</c>, <c>up{k}.up</c>
/// (transposed only), <c>up{k}.conv</c>, <c>out_conv.0</c>, and <c>aux_conv.0</c> for the auxiliary head.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class UNetAttribute : Attribute
{
    /// <summary>Output classes (2 in the seeds): cross-entropy + Dice; 1: binary, BCE with logits.</summary>
    public int Classes { get; set; } = 2;

    /// <summary>Channels of the first level c; level k has c * 2^k (the seeds' 64 or 32). Ignored when <see cref="Channels"/> is set.</summary>
    public int BaseChannels { get; set; } = 64;

    /// <summary>Explicit channels per level, shallowest first: <see cref="Depth"/> + 1 values (the seed is [c, 2c, 4c, 8c, 16c]).</summary>
    public int[]? Channels { get; set; }

    /// <summary>Number of Down (and Up) blocks; 4 in the seeds. Inputs must be at least 2^Depth.</summary>
    public int Depth { get; set; } = 4;

    /// <summary>True: bilinear upsampling (align_corners true) and the halved-channel factor; false: ConvTranspose2d(k 2, stride 2).</summary>
    public bool Bilinear { get; set; } = true;

    /// <summary>
    /// 0 (the default): no auxiliary output. k in 1..Depth-1: an <c>Aux</c> head, a 1x1 conv (aux_conv) on
    /// the output of Up block k, resized bilinearly (align_corners false) to the input; its loss counts 0.5.
    /// </summary>
    public int AuxLevel { get; set; }

    /// <summary>Per-class weights of the cross-entropy term (one per class); none by default.</summary>
    public double[]? ClassWeights { get; set; }

    /// <summary>Target value the loss ignores (255 marks ROI borders and padding in the seed's data).</summary>
    public int IgnoreIndex { get; set; } = 255;

    /// <summary>Adds the multi-class Dice loss to each output's cross-entropy (seed 004's default).</summary>
    public bool Dice { get; set; } = true;

    /// <summary>
    /// Attention U-Net's gates (Oktay et al. 2018, MONAI's AttentionBlock): each Up multiplies its skip by attention
    /// coefficients computed from the skip and the upsampled map (child <c>up{k}.attention</c>) before the concatenation.
    /// </summary>
    public bool AttentionGates { get; set; }

    /// <summary>The name the command line lists and creates the network by; defaults to the class name in lower case.</summary>
    public string? Name { get; set; }
}
