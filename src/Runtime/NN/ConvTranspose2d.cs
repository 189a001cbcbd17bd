namespace Segment.Runtime.NN;

/// <summary>
/// torch.nn.ConvTranspose2d: weight [in, out/groups, kh, kw] (input channels first), optional
/// bias [out]. Initialised like Conv2d, so fan_in is taken from weight dim 1 (out/groups * kh * kw),
/// exactly as PyTorch's shared _ConvNd.reset_parameters does.
/// </summary>
public sealed class ConvTranspose2d : Module<Tensor, Tensor>
{
    public ConvTranspose2d(long in_channels, long out_channels, Size2D kernel_size, Size2D? stride = null, Size2D? padding = null,
                           Size2D? output_padding = null, long groups = 1, bool bias = true, Size2D? dilation = null)
    {
        ConvParameters.Validate("ConvTranspose2d", in_channels, out_channels, groups);
        this.in_channels = in_channels;
        this.out_channels = out_channels;
        this.kernel_size = kernel_size;
        this.stride = stride ?? 1;
        this.padding = padding ?? 0;
        this.output_padding = output_padding ?? 0;
        this.dilation = dilation ?? 1;
        this.groups = groups;

        ConvParameters.Register(register_parameter, in_channels, out_channels / groups, kernel_size, out_channels, bias);
    }

    public long in_channels { get; }
    public long out_channels { get; }
    public Size2D kernel_size { get; }
    public Size2D stride { get; }
    public Size2D padding { get; }
    public Size2D output_padding { get; }
    public Size2D dilation { get; }
    public long groups { get; }

    public Tensor weight => get_parameter("weight");

    public Tensor? bias => find_parameter("bias");

    public override Tensor forward(Tensor input) =>
        F.conv_transpose2d(input, weight, bias, stride, padding, output_padding, groups, dilation);

    public override string ToString() =>
        $"ConvTranspose2d({in_channels}, {out_channels}, kernel_size={kernel_size}, stride={stride}, padding={padding}, output_padding={output_padding}, bias={bias is not null})";
}
