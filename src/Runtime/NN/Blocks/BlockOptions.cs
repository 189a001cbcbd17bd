using System;
using System.Globalization;

namespace Segment.Runtime.NN.Blocks;

/// <summary>The normalisation after each 3x3 conv of a block (MONAI's <c>norm</c>).</summary>
public enum NormKind
{
    /// <summary>BatchNorm2d: the seeds' choice; folded into its conv in eval mode.</summary>
    Batch,

    /// <summary>InstanceNorm2d(affine: true), MONAI's default: per sample and channel, no running statistics.</summary>
    Instance,

    /// <summary>GroupNorm(<see cref="BlockOptions.Groups"/>, C): per sample over groups of channels.</summary>
    Group,
}

/// <summary>The activation after each norm of a block (MONAI's <c>act</c>).</summary>
public enum ActivationKind
{
    /// <summary>ReLU (in place), the seeds' choice.</summary>
    ReLU,

    /// <summary>LeakyReLU(<see cref="BlockOptions.NegativeSlope"/>), in place.</summary>
    LeakyReLU,

    /// <summary>PReLU with one learned slope (initially 0.25) per activation module: a parameter "weight" of shape [1].</summary>
    PReLU,

    /// <summary>ELU(alpha 1).</summary>
    ELU,

    /// <summary>GELU (the exact, erf form).</summary>
    GELU,
}

/// <summary>
/// How a network's conv blocks are built: the norm, the activation, Dropout2d after the block and residual units,
/// as MONAI's UNet / BasicUNet options. <see cref="Seed"/> is the seeds' blocks (BatchNorm, ReLU, neither dropout
/// nor shortcut); the generated code passes the declaration's [Blocks] values.
/// </summary>
public sealed record BlockOptions
{
    /// <summary>The seeds' blocks.</summary>
    public static BlockOptions Seed { get; } = new();

    public NormKind Norm { get; init; } = NormKind.Batch;

    /// <summary>GroupNorm's group count; it must divide every normalised channel count.</summary>
    public int Groups { get; init; } = 8;

    public ActivationKind Activation { get; init; } = ActivationKind.ReLU;

    /// <summary>LeakyReLU's slope for negative inputs.</summary>
    public double NegativeSlope { get; init; } = 0.01;

    /// <summary>Dropout2d's probability after each block, in [0, 1); 0 adds no module.</summary>
    public double Dropout { get; init; }

    /// <summary>Residual units: the block's output is act(norm(conv(act(norm(conv(x))))) + shortcut(x)).</summary>
    public bool Residual { get; init; }

    /// <summary>The norm layer over <paramref name="channels"/> channels.</summary>
    public torch.nn.Module<Tensor, Tensor> NewNorm(long channels) => Norm switch
    {
        NormKind.Batch => torch.nn.BatchNorm2d(channels),
        NormKind.Instance => torch.nn.InstanceNorm2d(channels, affine: true),
        NormKind.Group => channels % Groups == 0
            ? torch.nn.GroupNorm(Groups, channels)
            : throw new ArgumentException($"GroupNorm: {Groups} groups do not divide {channels} channels"),
        _ => throw new ArgumentOutOfRangeException(nameof(Norm), Norm, null),
    };

    /// <summary>A new activation layer (each use gets its own: a PReLU's slope is per layer).</summary>
    public torch.nn.Module<Tensor, Tensor> NewActivation() => Activation switch
    {
        ActivationKind.ReLU => torch.nn.ReLU(inplace: true),
        // LeakyReLU and ELU hold their constant as a Scalar (TorchSharp's modules make one per forward).
        ActivationKind.LeakyReLU => new HeldLeakyReLU(NegativeSlope),
        ActivationKind.PReLU => torch.nn.PReLU(1),
        ActivationKind.ELU => new HeldELU(1.0),
        ActivationKind.GELU => torch.nn.GELU(),
        _ => throw new ArgumentOutOfRangeException(nameof(Activation), Activation, null),
    };

    public override string ToString()
    {
        string norm = Norm == NormKind.Group ? $"GroupNorm({Groups})" : Norm + "Norm";
        string act = Activation == ActivationKind.LeakyReLU ? $"LeakyReLU({NegativeSlope.ToString(CultureInfo.InvariantCulture)})" : Activation.ToString();
        string dropout = Dropout > 0 ? $", Dropout2d({Dropout.ToString(CultureInfo.InvariantCulture)})" : "";
        return $"{norm}, {act}{dropout}{(Residual ? ", residual" : "")}";
    }
}
