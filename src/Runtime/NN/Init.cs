using System;

#pragma warning disable CS8981 // `init` is lower-case on purpose: it mirrors torch.nn.init.

namespace Segment.Runtime.NN;

/// <summary>
/// torch.nn.init, the parts the layers' default initialisation uses. Bounds are computed with
/// the same double arithmetic as PyTorch 1.13 and filled with the binding's uniform_, so after
/// the same <c>torch.manual_seed</c> a layer built here holds exactly PyTorch's values.
/// </summary>
public static class init
{
    /// <summary>PyTorch's _calculate_fan_in_and_fan_out: fan_in = size(1) * receptive field, fan_out = size(0) * receptive field.</summary>
    public static (long fan_in, long fan_out) calculate_fan_in_and_fan_out(long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length < 2)
            throw new ArgumentException($"fan in and fan out can not be computed for a tensor with fewer than 2 dimensions (shape [{string.Join(", ", shape)}])", nameof(shape));
        long receptive = 1;
        for (int i = 2; i < shape.Length; i++)
            receptive *= shape[i];
        return (shape[1] * receptive, shape[0] * receptive);
    }

    /// <summary>calculate_gain("leaky_relu", a) = sqrt(2 / (1 + a^2)).</summary>
    public static double leaky_relu_gain(double negative_slope) => Math.Sqrt(2.0 / (1 + Math.Pow(negative_slope, 2)));

    /// <summary>kaiming_uniform_(mode="fan_in", nonlinearity="leaky_relu"): U(-b, b) with b = sqrt(3) * gain / sqrt(fan_in).</summary>
    public static Tensor kaiming_uniform_(Tensor tensor, double a = 0)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        long fan = calculate_fan_in_and_fan_out(tensor.shape).fan_in;
        if (fan == 0)
            return tensor; // PyTorch warns "Initializing zero-element tensors is a no-op"
        double std = leaky_relu_gain(a) / Math.Sqrt(fan);
        double bound = Math.Sqrt(3.0) * std;
        return uniform_(tensor, -bound, bound);
    }

    /// <summary>Fills with U(from, to) outside autograd.</summary>
    public static Tensor uniform_(Tensor tensor, double from, double to)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using (torch.no_grad())
            return tensor.uniform_(from, to);
    }

    /// <summary>
    /// The default initialisation of _ConvNd.reset_parameters: kaiming_uniform_(a = sqrt(5)) on the
    /// weight (bound 1/sqrt(fan_in)), then the bias from U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
    /// The weight is drawn first, as in PyTorch, so the generator advances identically.
    /// </summary>
    internal static void reset_conv_parameters(Tensor weight, Tensor? bias)
    {
        kaiming_uniform_(weight, a: Math.Sqrt(5));
        if (bias is not null)
        {
            long fan_in = calculate_fan_in_and_fan_out(weight.shape).fan_in;
            if (fan_in != 0)
            {
                double bound = 1 / Math.Sqrt(fan_in);
                uniform_(bias, -bound, bound);
            }
        }
    }
}
