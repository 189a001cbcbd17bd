namespace Segment.Runtime.NN;

/// <summary>torch.nn.MaxPool2d; stride defaults to the kernel size. U2Net pools with ceil_mode=True, UNet without.</summary>
public sealed class MaxPool2d : Module<Tensor, Tensor>
{
    public MaxPool2d(Size2D kernel_size, Size2D? stride = null, Size2D? padding = null, Size2D? dilation = null, bool ceil_mode = false)
    {
        this.kernel_size = kernel_size;
        this.stride = stride ?? kernel_size;
        this.padding = padding ?? 0;
        this.dilation = dilation ?? 1;
        this.ceil_mode = ceil_mode;
    }

    public Size2D kernel_size { get; }
    public Size2D stride { get; }
    public Size2D padding { get; }
    public Size2D dilation { get; }
    public bool ceil_mode { get; }

    public override Tensor forward(Tensor input) => F.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode);

    public override string ToString() => $"MaxPool2d(kernel_size={kernel_size}, stride={stride}, padding={padding}, dilation={dilation}, ceil_mode={ceil_mode})";
}
