using TorchSharp.Modules;

namespace Segment.Runtime.NN.Blocks;

/// <summary>
/// LeakyReLU, in place: <c>x -> leaky_relu_(x, slope)</c>. TorchSharp's own module converts its slope to a
/// Scalar on every forward and nothing holds that Scalar while libtorch runs (docs/torchsharp-scalars.md);
/// this one makes it once and holds it for the module's life. No parameters, the same ONNX LeakyRelu.
/// </summary>
public sealed class HeldLeakyReLU : ParameterLessModule<Tensor, Tensor>
{
    private readonly Scalar slope;

    public HeldLeakyReLU(double negativeSlope) : base("LeakyReLU")
    {
        negative_slope = negativeSlope;
        slope = negativeSlope.ToScalar();
    }

    /// <summary>The slope for negative inputs, as PyTorch names it.</summary>
    public double negative_slope { get; }

    public override Tensor forward(Tensor input) => input.leaky_relu_(slope).alias();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            slope.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>
/// ELU: <c>x -> elu(x, alpha)</c> (scale and input scale 1), with alpha held as a Scalar for the module's life,
/// as <see cref="HeldLeakyReLU"/> holds its slope. Not in place, as TorchSharp's <c>ELU(inplace: true)</c>
/// is not either (its <c>elu_</c> calls <c>elu</c>). No parameters, the same ONNX Elu.
/// </summary>
public sealed class HeldELU : ParameterLessModule<Tensor, Tensor>
{
    private readonly Scalar held;

    public HeldELU(double alpha) : base("ELU")
    {
        this.alpha = alpha;
        held = alpha.ToScalar();
    }

    /// <summary>ELU's alpha.</summary>
    public double alpha { get; }

    public override Tensor forward(Tensor input) => input.elu(held, Scalars.One, Scalars.One);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            held.Dispose();
        base.Dispose(disposing);
    }
}
