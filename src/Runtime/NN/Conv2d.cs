namespace Segment.Runtime.NN;

/// <summary>
/// torch.nn.Conv2d (zero padding): weight [out, in/groups, kh, kw], optional bias [out], both
/// initialised as PyTorch 1.13 does (see <see cref="init.reset_conv_parameters"/>).
/// </summary>
public sealed class Conv2d : Module<Tensor, Tensor>
{
    public Conv2d(long in_channels, long out_channels, Size2D kernel_size, Size2D? stride = null, Size2D? padding = null,
                  Size2D? dilation = null, long groups = 1, bool bias = true)
    {
        ConvParameters.Validate("Conv2d", in_channels, out_channels, groups);
        this.in_channels = in_channels;
        this.out_channels = out_channels;
        this.kernel_size = kernel_size;
        this.stride = stride ?? 1;
        this.padding = padding ?? 0;
        this.dilation = dilation ?? 1;
        this.groups = groups;

        ConvParameters.Register(register_parameter, out_channels, in_channels / groups, kernel_size, out_channels, bias);
    }

    public long in_channels { get; }
    public long out_channels { get; }
    public Size2D kernel_size { get; }
    public Size2D stride { get; }
    public Size2D padding { get; }
    public Size2D dilation { get; }
    public long groups { get; }

    public Tensor weight => get_parameter("weight");

    /// <summary>Null when built with <c>bias: false</c> (PyTorch's <c>bias=None</c>; absent from the state dict).</summary>
    public Tensor? bias => find_parameter("bias");

    public override Tensor forward(Tensor input) => F.conv2d(input, weight, bias, stride, padding, dilation, groups);

    public override string ToString() =>
        $"Conv2d({in_channels}, {out_channels}, kernel_size={kernel_size}, stride={stride}, padding={padding}, dilation={dilation}, groups={groups}, bias={bias is not null})";
}
