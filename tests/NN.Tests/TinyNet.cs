using Segment.Runtime.NN.Blocks;
using TorchSharp.Modules;

namespace Segment.NN.Tests;

/// <summary>The C# twin of nn_modules.py's TinyNet: every module and block once, nested as the networks nest them.</summary>
internal sealed class TinyNet : nn.Module<Tensor, Tensor>
{
    public TinyNet() : base(nameof(TinyNet))
    {
        stem = new ConvBnRelu(3, 4);
        pool = nn.MaxPool2d(2, 2, ceil_mode: true);
        blocks = new ModuleList<nn.Module<Tensor, Tensor>>(new DoubleConv(4, 8), new VggBlock(8, 6, 4), new ConvBnRelu(4, 4, 3, dilation: 2));
        down = nn.Sequential(nn.MaxPool2d(2, stride: 2), new DoubleConv(4, 4, 2));
        up = nn.ConvTranspose2d(4, 2, 2, stride: 2);
        bn = nn.BatchNorm2d(2);
        head = nn.Conv2d(2, 1, 1);
        act = nn.Sigmoid();
        register_module("stem", stem);
        register_module("pool", pool);
        register_module("blocks", blocks);
        register_module("down", down);
        register_module("up", up);
        register_module("bn", bn);
        register_module("head", head);
        register_module("act", act);
    }

    public ConvBnRelu stem { get; }
    public MaxPool2d pool { get; }
    public ModuleList<nn.Module<Tensor, Tensor>> blocks { get; }
    public Sequential down { get; }
    public ConvTranspose2d up { get; }
    public BatchNorm2d bn { get; }
    public Conv2d head { get; }
    public Sigmoid act { get; }

    public override Tensor forward(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = pool.forward(stem.forward(input));
        foreach (nn.Module<Tensor, Tensor> b in blocks)
            x = b.forward(x);
        x = down.forward(x);
        x = bn.forward(up.forward(x));
        return act.forward(head.forward(x)).MoveToOuterDisposeScope();
    }

    /// <summary>Registered by the constructor under the names above; field reflection would add them twice.</summary>
    protected override void RegisterComponents() { }
}
