using Segment.Runtime;
using Segment.Runtime.NN;
using Segment.Runtime.NN.Blocks;

namespace Segment.NN.Tests;

/// <summary>The C# twin of nn_modules.py's TinyNet: every module and block once, nested as the networks nest them.</summary>
internal sealed class TinyNet : Module<Tensor, Tensor>
{
    public TinyNet()
    {
        stem = register_module("stem", new ConvBnRelu(3, 4));
        pool = register_module("pool", new MaxPool2d(2, 2, ceil_mode: true));
        blocks = register_module("blocks", new ModuleList(new DoubleConv(4, 8), new VggBlock(8, 6, 4), new ConvBnRelu(4, 4, 3, dilation: 2)));
        down = register_module("down", new Sequential(new MaxPool2d(2, stride: 2), new DoubleConv(4, 4, 2)));
        up = register_module("up", new ConvTranspose2d(4, 2, 2, stride: 2));
        bn = register_module("bn", new BatchNorm2d(2));
        head = register_module("head", new Conv2d(2, 1, 1));
        act = register_module("act", new Sigmoid());
    }

    public ConvBnRelu stem { get; }
    public MaxPool2d pool { get; }
    public ModuleList blocks { get; }
    public Sequential down { get; }
    public ConvTranspose2d up { get; }
    public BatchNorm2d bn { get; }
    public Conv2d head { get; }
    public Sigmoid act { get; }

    public override Tensor forward(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = pool.forward(stem.forward(input));
        foreach (Module b in blocks)
            x = ((Module<Tensor, Tensor>)b).forward(x);
        x = down.forward(x);
        x = bn.forward(up.forward(x));
        return act.forward(head.forward(x)).MoveToOuterDisposeScope();
    }
}
