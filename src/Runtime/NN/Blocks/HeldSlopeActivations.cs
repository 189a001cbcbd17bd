using TorchSharp.Modules;

namespace Segment.Runtime.NN.Blocks;

/// <summary>
/// An activation with one constant (a slope, an alpha) that it makes into a Scalar once and holds for its life.
/// TorchSharp's own LeakyReLU and ELU convert theirs on every forward and nothing holds that Scalar while libtorch
/// runs (docs/torchsharp-scalars.md). No parameters.
/// </summary>
public abstract class HeldConstantActivation : ParameterLessModule<Tensor, Tensor>
{
    protected HeldConstantActivation(string name, double constant) : base(name)
    {
        Held = constant.ToScalar();
    }

    /// <summary>The constant, as libtorch takes it.</summary>
    protected Scalar Held { get; }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            Held.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>LeakyReLU, in place: <c>x -> leaky_relu_(x, slope)</c>; exported as ONNX LeakyRelu.</summary>
public sealed class HeldLeakyReLU(double negativeSlope) : HeldConstantActivation("LeakyReLU", negativeSlope)
{
    /// <summary>The slope for negative inputs, as PyTorch names it.</summary>
    public double negative_slope { get; } = negativeSlope;

    public override Tensor forward(Tensor input) => input.leaky_relu_(Held).alias();
}

/// <summary>
/// ELU: <c>x -> elu(x, alpha)</c> (scale and input scale 1); exported as ONNX Elu. Not in place, as TorchSharp's
/// <c>ELU(inplace: true)</c> is not either (its <c>elu_</c> calls <c>elu</c>).
/// </summary>
public sealed class HeldELU(double alpha) : HeldConstantActivation("ELU", alpha)
{
    /// <summary>ELU's alpha.</summary>
    public double alpha { get; } = alpha;

    public override Tensor forward(Tensor input) => input.elu(Held, Scalars.One, Scalars.One);
}
