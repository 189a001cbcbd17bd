namespace Segment.Dsl;

/// <summary>The normalisation after each 3x3 conv of a block (<see cref="BlocksAttribute.Norm"/>).</summary>
public enum Norm
{
    /// <summary>BatchNorm2d, the seeds' choice (folded into its conv in eval mode and in the ONNX export).</summary>
    Batch,

    /// <summary>InstanceNorm2d with affine weights, MONAI's default: statistics per sample and channel.</summary>
    Instance,

    /// <summary>GroupNorm over <see cref="BlocksAttribute.Groups"/> groups; the groups must divide every block's channels.</summary>
    Group,
}
