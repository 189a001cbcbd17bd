using System;

namespace Segment.Dsl;

/// <summary>
/// Declares a UNet++ (nested U-Net, seed 004) on a <c>partial</c> class: nodes X(i, j) of VGG blocks,
/// X(i, 0) down the encoder and X(i, j) = VGG(cat([X(i, 0..j-1), up(X(i+1, j-1))])) across, with one
/// 1x1 head on X(0, L) or, with <see cref="DeepSupervision"/>, one on each of X(0, 1..L).
/// Input channels come from <see cref="InputAttribute"/> (3 without it).
/// </summary>
/// <remarks>
/// Child names equal the seed's state_dict keys: <c>conv{i}_{j}.{conv1,bn1,conv2,bn2}</c>, <c>final</c> or
/// <c>final1..finalL</c>. Because <c>up</c> doubles exactly, H and W must be divisible by 2^L.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class UNetPlusPlusAttribute : Attribute
{
    /// <summary>Channels per level, shallowest first; L = length - 1 levels deep. The seed's is [32, 64, 128, 256, 512].</summary>
    public int[]? Filters { get; set; }

    /// <summary>Output classes (1 in the seed): 1 is BCE with logits on a binary mask, more is cross-entropy over classes.</summary>
    public int Classes { get; set; } = 1;

    /// <summary>One head per depth (final1..finalL) whose losses are averaged; allows the pruned forward passes.</summary>
    public bool DeepSupervision { get; set; }

    /// <summary>Target value the multi-class cross-entropy ignores.</summary>
    public int IgnoreIndex { get; set; } = 255;

    /// <summary>
    /// One class only: pytorch-nested-unet's BCEDiceLoss (0.5 BCE with logits + 1 - soft Dice) per head instead of
    /// plain BCE with logits. False by default; with several classes the loss stays cross-entropy.
    /// </summary>
    public bool Dice { get; set; }

    /// <summary>The name the command line lists and creates the network by; defaults to the class name in lower case.</summary>
    public string? Name { get; set; }
}
