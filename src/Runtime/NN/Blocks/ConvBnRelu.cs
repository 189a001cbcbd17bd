using System.Collections.Generic;
using Segment.Runtime.Onnx;

namespace Segment.Runtime.NN.Blocks;

/// <summary>
/// U2Net's ConvBNReLU: <c>x -> conv (k x k, dilation d, padding k/2 if d == 1 else d, no bias) -> bn -> relu
/// (in place)</c>. Children <c>conv</c>, <c>bn</c> and <c>relu</c>, as the seed names them, so checkpoints load
/// unchanged. [Blocks] options choose the norm (still named <c>bn</c>) and the activation (still named <c>relu</c>:
/// a PReLU's slope is "relu.weight"). In eval mode without gradients a BatchNorm is folded into the conv.
/// </summary>
public sealed class ConvBnRelu : FoldingBlock, IOnnxBlock
{
    private readonly FoldedConvBn? folded;

    // Parameter names are the generator's (it emits "kernelSize:", "dilation:").
    public ConvBnRelu(long inChannels, long outChannels, long kernelSize = 3, long dilation = 1, BlockOptions? options = null) : base(nameof(ConvBnRelu))
    {
        options ??= BlockOptions.Seed;
        long padding = dilation == 1 ? kernelSize / 2 : dilation;
        conv = torch.nn.Conv2d(inChannels, outChannels, kernelSize, padding: padding, dilation: dilation, bias: false);
        bn = options.NewNorm(outChannels);
        relu = options.NewActivation();
        register_module("conv", conv);
        register_module("bn", bn);
        register_module("relu", relu);
        if (bn is BatchNorm2d batchNorm)
            folded = new FoldedConvBn(conv, batchNorm);
    }

    public Conv2d conv { get; }

    /// <summary>The norm: BatchNorm2d unless [Blocks] chose another.</summary>
    public torch.nn.Module<Tensor, Tensor> bn { get; }

    /// <summary>The activation: ReLU unless [Blocks] chose another.</summary>
    public torch.nn.Module<Tensor, Tensor> relu { get; }

    private protected override IEnumerable<FoldedConvBn> Folds => folded is null ? [] : [folded];

    public override Tensor forward(Tensor input) => ConvNorm.Activated(folded, conv, bn, relu, input);

    /// <inheritdoc/>
    public string Export(OnnxNetworkExport onnx, string x, string name) =>
        onnx.Activation(onnx.ConvNorm(x, conv, bn, name + ".conv", name + ".bn"), relu, name + ".relu");
}
