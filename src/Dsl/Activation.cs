namespace Segment.Dsl;

/// <summary>The activation after each norm of a block (<see cref="BlocksAttribute.Activation"/>).</summary>
public enum Activation
{
    /// <summary>ReLU, the seeds' choice.</summary>
    ReLU,

    /// <summary>LeakyReLU with <see cref="BlocksAttribute.NegativeSlope"/>.</summary>
    LeakyReLU,

    /// <summary>PReLU: one learned slope per activation layer (a parameter "weight", initially 0.25).</summary>
    PReLU,

    /// <summary>ELU with alpha 1.</summary>
    ELU,

    /// <summary>GELU, the exact (erf) form.</summary>
    GELU,
}
