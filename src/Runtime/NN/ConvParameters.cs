using System;

namespace Segment.Runtime.NN;

/// <summary>
/// What <see cref="Conv2d"/> and <see cref="ConvTranspose2d"/> share (PyTorch's _ConvNd): the channel / groups
/// checks, and creating, initialising and registering weight [dim0, dim1, kh, kw] and the optional bias [out].
/// </summary>
internal static class ConvParameters
{
    public static void Validate(string module, long in_channels, long out_channels, long groups)
    {
        if (in_channels <= 0 || out_channels <= 0)
            throw new ArgumentOutOfRangeException(nameof(in_channels), $"{module} channels must be positive (in {in_channels}, out {out_channels})");
        if (groups <= 0 || in_channels % groups != 0 || out_channels % groups != 0)
            throw new ArgumentException($"{module}: in_channels {in_channels} and out_channels {out_channels} must be divisible by groups {groups}", nameof(groups));
    }

    /// <summary>Creates weight [dim0, dim1, kh, kw] and, when <paramref name="bias"/>, bias [out_channels], initialised
    /// as PyTorch 1.13 does (<see cref="init.reset_conv_parameters"/>), and registers them as "weight" and "bias".</summary>
    public static void Register(Func<string, Tensor, Tensor> register_parameter, long dim0, long dim1, Size2D kernel_size, long out_channels, bool bias)
    {
        Tensor w = torch.empty(dim0, dim1, kernel_size.H, kernel_size.W);
        Tensor? b = bias ? torch.empty(out_channels) : null;
        init.reset_conv_parameters(w, b);
        register_parameter("weight", w);
        if (b is not null)
            register_parameter("bias", b);
    }
}
