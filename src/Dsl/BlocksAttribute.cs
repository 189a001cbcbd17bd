using System;

namespace Segment.Dsl;

/// <summary>
/// How the network's conv blocks are built, as MONAI's <c>norm</c>, <c>act</c>, <c>dropout</c> and residual units:
/// UNet's DoubleConv and UNet++'s VGG block become
/// <c>conv3x3 -> norm -> act -> conv3x3 -> norm [+ shortcut(x)] -> act [-> Dropout2d]</c>.
/// Optional: without it the blocks are the seeds' (BatchNorm, ReLU, no dropout, no shortcut).
/// A U²-Net takes <see cref="Norm"/> and <see cref="Activation"/> only.
/// </summary>
/// <remarks>
/// State_dict names (docs/dsl.md): the norms keep the seed's names (UNet "{block}.1" / "{block}.4", UNet++ "bn1" / "bn2");
/// a PReLU's slope is "{block}.2.weight" / "{block}.5.weight" (UNet++ "act1.weight" / "act2.weight"); a residual
/// unit whose channels change adds "{block}.shortcut.0.weight" (1x1 conv, no bias) and "{block}.shortcut.1.*" (its norm).
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class BlocksAttribute : Attribute
{
    /// <summary>The norm after each 3x3 conv; <see cref="Dsl.Norm.Batch"/> (the seeds') by default.</summary>
    public Norm Norm { get; set; } = Norm.Batch;

    /// <summary>GroupNorm's group count (with <see cref="Dsl.Norm.Group"/>); it must divide every normalised channel count. 8 by default.</summary>
    public int Groups { get; set; } = 8;

    /// <summary>The activation after each norm; <see cref="Dsl.Activation.ReLU"/> (the seeds') by default.</summary>
    public Activation Activation { get; set; } = Activation.ReLU;

    /// <summary>LeakyReLU's slope for negative inputs (with <see cref="Dsl.Activation.LeakyReLU"/>); 0.01 by default.</summary>
    public double NegativeSlope { get; set; } = 0.01;

    /// <summary>Dropout2d's probability after each block, in [0, 1); 0 (the default) adds none. Identity in eval mode and in the ONNX export.</summary>
    public double Dropout { get; set; }

    /// <summary>Residual units: the block's second activation is applied to <c>norm(conv(...)) + shortcut(x)</c>, the shortcut a 1x1 conv and a norm where the channels change, the input itself otherwise.</summary>
    public bool Residual { get; set; }
}
